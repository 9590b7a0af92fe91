// attnbound kernels [--json FILE] [--seed N] [--quick] [--threads K]: cross-validates every float32 kernel
// against MPFR (kernels/cross_validate.hpp) and prints, per kernel, max / mean / median / std of the ULP and
// relative errors, the number of inputs and the worst input. Exit code 0 when every kernel is within its
// documented bound, 3 when one is not (the report says which), 2 on bad options.
#include "app/commands.hpp"
#include "kernels/cross_validate.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

namespace attnbound::cli {

Command register_kernels(CLI::App& app) {
  struct Options {
    std::string json;
    std::uint64_t seed = kernels::CrossValidationOptions{}.seed;
    bool quick = false;
    unsigned threads = 2;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("kernels", "Cross-validate the float32 SIMD kernels against MPFR and print error statistics");
  sub->add_option("--json", opt->json, "Also write the report as JSON to FILE");
  sub->add_option("--seed", opt->seed, "Seed of the generated inputs (printed; replayable)");
  sub->add_flag("--quick", opt->quick, "Skip the L = 16M cases and check every 64th float in the exhaustive exp check");
  sub->add_option("--threads", opt->threads, "Threads for the exhaustive exp check (default 2)")->check(CLI::Range(1u, 256u));
  return {sub, [opt] {
            kernels::CrossValidationOptions o;
            o.seed = opt->seed;
            o.threads = opt->threads;
            if (opt->quick) {
              o.large = false;
              o.exp_stride = 64;
            }
            const auto report = kernels::cross_validate_kernels(o);
            std::cout << kernels::to_text(report) << std::flush;
            if (!opt->json.empty()) {
              std::ofstream out(opt->json);
              if (!out) throw InputError("--json", fmt::format("cannot write {}", opt->json));
              out << kernels::to_json(report).dump(2) << '\n';
            }
            return report.all_within_bounds() ? kExitOk : 3;
          }};
}

}  // namespace attnbound::cli
