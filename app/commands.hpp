// The subcommands of the attnbound CLI. Each command file registers its subcommand on the app and returns
// the handler that runs it; handlers return the process exit code.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace attnbound::cli {

// Exit codes: 0 success, 1 internal error, 2 bad input (message names the field), 3 a verification found a
// violation where the command was asked to fail on one.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitViolation = 3;  // `check`: a certificate was rejected

using Handler = std::function<int()>;
struct Command {
  CLI::App* sub;
  Handler run;
};

Command register_eval(CLI::App& app);
Command register_search(CLI::App& app);  // counterexamples/ (issue 4)

// Certified verification (verify/, issue 3).
Command register_verify(CLI::App& app);
Command register_proof(CLI::App& app);

// Branch-and-bound over domains of inputs (prove/, issue 14).
Command register_prove(CLI::App& app);

// GPT-2 (gpt2/, issue 6).
Command register_tokenize(CLI::App& app);
Command register_detokenize(CLI::App& app);
Command register_gpt2(CLI::App& app);

// Float kernels' cross-validation (kernels/, issue 5).
Command register_kernels(CLI::App& app);
Command register_normalisers(CLI::App& app);  // reports/ (issue 18)

// Independent Arb checker of certificates (check/, issue 13).
Command register_check(CLI::App& app);

// Reports (reports/, issue 7).
Command register_reproduce(CLI::App& app);
Command register_report(CLI::App& app);

// Reads a whole file, or standard input for "-"; InputError naming `field` when unreadable.
std::string read_input(const std::string& path, const std::string& field);

}  // namespace attnbound::cli
