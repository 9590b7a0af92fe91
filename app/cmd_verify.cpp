// attnbound verify [--statement ID]... [--seed N] [--budget SECONDS] [--json FILE] [--certificates DIR]: every statement and
// variant over the built-in seeded instance family, judged by the certified engine (verify/verify_run.hpp).
#include "app/commands.hpp"
#include "scaleout/process_group.hpp"
#include "verify/certificate.hpp"
#include "verify/verify_run.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

namespace attnbound::cli {

namespace {
// Progress on stderr: a redrawn bar on a terminal, otherwise one plain line every 10 seconds.
class Progress {
 public:
  Progress() : tty_(::isatty(2) == 1), last_(std::chrono::steady_clock::now()) {}
  void operator()(std::size_t done, std::size_t total, const std::string& what) {
    const auto now = std::chrono::steady_clock::now();
    const double pct = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
    if (tty_) {
      if (now - last_ < std::chrono::milliseconds(100) && done != total) return;
      const int width = 30, fill = static_cast<int>(pct / 100.0 * width);
      fmt::print(stderr, "\r[{}{}] {:5.1f}% {}/{} {:<40.40}", std::string(static_cast<std::size_t>(fill), '#'),
                 std::string(static_cast<std::size_t>(width - fill), '.'), pct, done, total, what);
      if (done == total) fmt::print(stderr, "\n");
    } else {
      if (now - last_ < std::chrono::seconds(10) && done != total) return;
      fmt::print(stderr, "verify: {}/{} instances ({:.0f}%), at {}\n", done, total, pct, what);
    }
    std::fflush(stderr);
    last_ = now;
  }

 private:
  bool tty_;
  std::chrono::steady_clock::time_point last_;
};
}  // namespace

Command register_verify(CLI::App& app) {
  struct Options {
    VerifyOptions v;
    std::string json, certificates;
    unsigned start_bits = 64, max_bits = 1024;
    std::string corpus = ATTNBOUND_DEFAULT_CORPUS;
    // Smaller than eval's defaults (1e6 subsets, 20000 draws): verify runs hundreds of instances.
    std::uint64_t max_enumeration = 5000, samples = 2000;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand(
      "verify", "Run every statement and variant over a seeded instance family with certified verdicts");
  sub->add_option("--statement", opt->v.statements, "Statement id (repeatable; default: all)");
  sub->add_option("--seed", opt->v.seed, "Seed of the instance family (default 20250823)");
  sub->add_option("--budget", opt->v.budget_seconds, "Wall-clock budget in seconds (default 270)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--instances", opt->v.instances, "Family instances per statement (default 24)")
      ->check(CLI::Range(1, 100000));
  sub->add_option("--precision", opt->start_bits, "Starting precision in bits (default 64)")
      ->check(CLI::Range(16u, 1u << 16));
  sub->add_option("--max-precision", opt->max_bits, "Escalation cap in bits (default 1024)")
      ->check(CLI::Range(16u, 1u << 16));
  sub->add_option("--max-enumeration", opt->max_enumeration,
                  "Expectations over top-N sets: exact enumeration up to this many subsets (default 5000)");
  sub->add_option("--samples", opt->samples, "Monte Carlo draws beyond that (default 2000)")->check(CLI::Range(2, 100000000));
  sub->add_option("--corpus", opt->corpus, "Counterexample corpus folder (*.json), '' for none");
  sub->add_option("--json", opt->json, "Also write the report as JSON to FILE");
  sub->add_option("--certificates", opt->certificates,
                  "Write a certificate (for attnbound check) of every certified verdict into DIR");
  return {sub, [opt] {
            VerifyOptions v = opt->v;
            v.certify.start_bits = opt->start_bits;
            v.certify.max_bits = std::max(opt->max_bits, opt->start_bits);
            v.certify.eval.seed = v.seed;
            v.certify.eval.max_enumeration = opt->max_enumeration;
            v.certify.eval.monte_carlo_samples = opt->samples;
            v.corpus_dir = opt->corpus;
            for (const auto& id : v.statements) find_statement(id);  // InputError("statement") before any work
            fmt::print("attnbound verify: seed {} | {} statement(s) | {} instances per statement | precision {}..{} "
                       "bits | budget {} s | corpus {}\n",
                       v.seed, v.statements.empty() ? all_statements().size() : v.statements.size(), v.instances,
                       v.certify.start_bits, v.certify.max_bits, v.budget_seconds,
                       v.corpus_dir.empty() ? "(none)" : v.corpus_dir);
            fmt::print("replay: attnbound verify --seed {} --instances {} --precision {} --max-precision {} "
                       "--max-enumeration {} --samples {}{}\n", v.seed, v.instances, v.certify.start_bits,
                       v.certify.max_bits, opt->max_enumeration, opt->samples,
                       [&] { std::string s; for (const auto& id : v.statements) s += " --statement " + id; return s; }());
            std::fflush(stdout);
            Progress progress;
            if (scaleout::ProcessGroup::world().is_root())  // under mpirun: rank 0's share, scaled to the whole run
              v.progress = [&progress](std::size_t d, std::size_t t, const std::string& w) { progress(d, t, w); };
            std::size_t written = 0;
            std::string write_error;  // the hook must not throw: verify counts exceptions as instance errors
            const scaleout::ProcessGroup& group = scaleout::ProcessGroup::world();
            if (!opt->certificates.empty() && group.size() > 1)
              throw InputError("certificates", "not supported under mpirun yet (certificates are numbered in the order "
                                               "they are made); run verify --certificates in one process");
            if (!opt->certificates.empty()) {
              namespace fs = std::filesystem;
              std::error_code ec;
              fs::create_directories(opt->certificates, ec);
              if (!fs::is_directory(opt->certificates, ec))
                throw InputError("certificates", "cannot create folder " + opt->certificates);
              v.on_certified = [&](const Instance& inst, const CertifiedResult& r, const std::string&) {
                const fs::path file = fs::path(opt->certificates) /
                                      fmt::format("{:05}-{}.{}.json", written, r.statement, r.variant);
                std::ofstream out(file);
                out << make_certificate(inst, r).dump(2) << "\n";
                if (!out && write_error.empty()) write_error = "cannot write " + file.string();
                if (out) ++written;
              };
            }
            const VerifyReport report = run_verify(v);
            if (!group.is_root()) return kExitOk;  // rank 0 tallies, prints and writes (verify/verify_run.hpp)
            if (!write_error.empty()) throw InputError("certificates", write_error);
            fmt::print("{}", format_table(report));
            fmt::print("total {:.1f} s (wall clock)\n", report.seconds);
            if (!opt->certificates.empty())
              fmt::print("{} certificate(s) of certified verdicts in {} (re-check: attnbound check {})\n", written,
                         opt->certificates, opt->certificates);
            if (!opt->json.empty()) {
              std::ofstream out(opt->json);
              if (!out) throw InputError("json", "cannot write " + opt->json);
              out << to_json(report).dump(2) << "\n";
            }
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
