// attnbound proof --statement ID --instance FILE.json [--json] [--max-precision BITS] [--seed N] [--samples N]:
// replays the spec's derivation of a statement on one instance, step by step, in interval arithmetic
// (verify/proof_replay.hpp). --seed and --samples drive the Monte Carlo sides of Theorem 2's statistical steps.
#include "app/commands.hpp"
#include "verify/proof_replay.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace attnbound::cli {

Command register_proof(CLI::App& app) {
  struct Options {
    std::string statement, instance;
    bool json = false;
    unsigned max_bits = 512;
    EvalOptions eval;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("proof", "Replay a statement's derivation on an instance, step by step");
  sub->add_option("--statement", opt->statement, "Statement id (must match the instance's, if it names one)")->required();
  sub->add_option("--instance", opt->instance, "Instance JSON file, or - for standard input")->required();
  sub->add_flag("--json", opt->json, "Print JSON instead of text");
  sub->add_option("--max-precision", opt->max_bits, "Cap of the precision escalation in bits (default 512)")
      ->check(CLI::Range(64u, 1u << 16));
  sub->add_option("--seed", opt->eval.seed, "Monte Carlo seed of the statistical steps (thm2.*; default 20250823)");
  sub->add_option("--samples", opt->eval.monte_carlo_samples, "Monte Carlo samples of the statistical steps (default 20000)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{100000000}));
  return {sub, [opt] {
            nlohmann::json raw = Instance::parse(read_input(opt->instance, "instance")).raw();
            if (raw.contains("statement") && raw["statement"] != opt->statement)
              throw InputError("statement", fmt::format("--statement {} but the instance is for {}", opt->statement,
                                                        raw["statement"].dump()));
            raw["statement"] = opt->statement;
            const ProofResult r = replay_proof(Instance::from_json(raw), 64, opt->max_bits, opt->eval);
            if (opt->json) std::cout << to_json(r).dump(2) << std::endl;
            else std::cout << format_text(r);
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
