// attnbound check FILE|DIR... [--start-precision BITS] [--max-precision BITS]: re-verifies certificates with
// the independent Arb checker (check/check_run.hpp) and prints one JSON object. Exit 0 when nothing is
// rejected, 3 when a certificate is rejected, 2 on bad input (unreadable or malformed file, unknown statement).
#include "app/commands.hpp"
#include "check/check_run.hpp"

#include <iostream>
#include <memory>

namespace attnbound::cli {

Command register_check(CLI::App& app) {
  struct Options {
    std::vector<std::string> paths;
    long start = 128;
    long max = 8192;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand(
      "check", "Re-verify certificates (and the certified verdicts of corpus records / instances) with Arb");
  sub->add_option("paths", opt->paths, "Certificate files, or directories searched recursively for *.json")
      ->required();
  sub->add_option("--start-precision", opt->start, "Arb precision of the first attempt in bits (default 128)")
      ->check(CLI::Range(32L, 1L << 20));
  sub->add_option("--max-precision", opt->max,
                  "Cap of the precision escalation in bits (default 8192, at least 4x the certificate's)")
      ->check(CLI::Range(32L, 1L << 22));
  return {sub, [opt] {
            check::CheckOptions o;
            o.start_bits = opt->start;
            o.max_bits = std::max(opt->start, opt->max);
            const check::RunSummary s = check::check_paths(opt->paths, o);
            std::cout << s.to_json().dump(2) << std::endl;
            return s.ok() ? kExitOk : kExitViolation;
          }};
}

}  // namespace attnbound::cli
