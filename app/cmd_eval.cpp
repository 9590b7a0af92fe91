// attnbound eval --instance FILE.json [--precision BITS]: evaluates one instance, prints one JSON object.
#include "app/commands.hpp"
#include "theory/evaluate_point.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace attnbound::cli {

Command register_eval(CLI::App& app) {
  struct Options {
    std::string instance;
    unsigned precision = kDefaultPrecisionBits;
    std::uint64_t seed = EvalOptions{}.seed;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("eval", "Evaluate one statement instance and print one JSON object");
  sub->add_option("--instance", opt->instance, "Instance JSON file, or - for standard input")->required();
  sub->add_option("--precision", opt->precision, "Working precision in bits (default 256)")
      ->check(CLI::Range(16u, 1u << 20));
  sub->add_option("--seed", opt->seed, "Seed for Monte Carlo estimates");
  return {sub, [opt] {
            const Instance inst = Instance::parse(read_input(opt->instance, "instance"));
            EvalOptions options;
            options.seed = opt->seed;
            std::cout << evaluate_point(inst, opt->precision, options).dump(2) << std::endl;
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
