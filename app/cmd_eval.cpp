// attnbound eval --instance FILE.json [--precision BITS] [--max-precision BITS] [--uncertified] [--seed N]:
// evaluates one instance with the certified engine (verify/certify.hpp) and prints one JSON object.
// --precision is the starting precision of the escalation (256 by default) and --max-precision its cap
// (4096 by default); give both the same value for a fixed precision. --uncertified prints the point
// evaluation of theory/evaluate_point (MPFR round-to-nearest at --precision, "certified": false).
// --certificate FILE writes the certificate of the verdict (verify/certificate.hpp) for `attnbound check`
// when the result is a certified holds or violated; otherwise it writes nothing and says so on stderr
// (the exit code stays 0: an uncertified result is not an error). Refused with --uncertified.
#include "app/commands.hpp"
#include "theory/evaluate_point.hpp"
#include "verify/certificate.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

namespace attnbound::cli {

Command register_eval(CLI::App& app) {
  struct Options {
    std::string instance;
    unsigned precision = kDefaultPrecisionBits;
    unsigned max_precision = 4096;
    bool uncertified = false;
    std::string certificate;
    std::uint64_t seed = EvalOptions{}.seed;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("eval", "Evaluate one statement instance (certified) and print one JSON object");
  sub->add_option("--instance", opt->instance, "Instance JSON file, or - for standard input")->required();
  sub->add_option("--precision", opt->precision,
                  "Starting precision in bits of the certified escalation; with --uncertified, the working "
                  "precision (default 256 for both)")
      ->check(CLI::Range(16u, 1u << 20));
  sub->add_option("--max-precision", opt->max_precision,
                  "Cap of the precision escalation in bits (default 4096; = --precision for a fixed precision)")
      ->check(CLI::Range(16u, 1u << 20));
  sub->add_flag("--uncertified", opt->uncertified, "Point evaluation (MPFR round-to-nearest), no enclosures");
  sub->add_option("--seed", opt->seed, "Seed for Monte Carlo estimates");
  sub->add_option("--certificate", opt->certificate,
                  "Write the certificate of a certified holds/violated verdict to FILE (for `attnbound check`)");
  return {sub, [opt] {
            const Instance inst = Instance::parse(read_input(opt->instance, "instance"));
            EvalOptions options;
            options.seed = opt->seed;
            if (opt->uncertified && !opt->certificate.empty())
              throw InputError("--certificate", "an --uncertified evaluation has no certificate");
            if (opt->uncertified) {
              std::cout << evaluate_point(inst, opt->precision, options).dump(2) << std::endl;
              return kExitOk;
            }
            CertifyOptions c;
            c.eval = options;
            c.start_bits = opt->precision;
            c.max_bits = std::max(opt->precision, opt->max_precision);
            const CertifiedResult r = certify(inst, c);
            std::cout << to_json(r).dump(2) << std::endl;
            if (!opt->certificate.empty()) {
              if (!certificate_applies(r)) {
                fmt::print(stderr, "attnbound: note: no certificate written to {}: the verdict is {} ({})\n",
                           opt->certificate, to_string(r.verdict), r.certified ? "certified" : "not certified");
                return kExitOk;
              }
              std::ofstream out(opt->certificate);
              if (!out) throw InputError("--certificate", "cannot write " + opt->certificate);
              out << make_certificate(inst, r).dump(1) << "\n";
              if (!out) throw InputError("--certificate", "cannot write " + opt->certificate);
            }
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
