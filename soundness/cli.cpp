// attnbound-soundness: the soundness campaign's command line (issue 13, item 4).
//
//   attnbound-soundness [--seed S] [--instances N] [--first I] [--json FILE] [--failures DIR] [--quiet]
//   attnbound-soundness ... [--only-family F] [--only-statement ID]   (aim a run at one boundary)
//   attnbound-soundness --seed S --replay I [--instance-only]
//   attnbound-soundness --check FILE [--exact-equality]
//   attnbound-soundness --precisions
// Runs instances [I, I + N) of seed S (generator.hpp), checks each against the reference (check.hpp),
// prints the seed first and a summary last (instances, wrong enclosures, wrong certified verdicts,
// reference unavailable, seconds), writes the JSON summary and the failing instances. --replay prints
// instance I of seed S and its check; --instance-only prints just the instance (for `attnbound eval`);
// --check runs the check on an instance file (--exact-equality: its two sides are known to be equal).
// Exit codes: 0 no failure, 1 internal error, 2 bad input, 3 some instance failed a check.
#include "soundness/campaign.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>

int main(int argc, char** argv) {
  using namespace attnbound::soundness;
  CLI::App app{"attnbound-soundness: adversarial instances at the certified engine's decision boundaries, each "
               "checked against a high-precision reference"};
  CampaignOptions options;
  std::string json_path;
  std::uint64_t replay = 0;
  bool quiet = false, instance_only = false, precisions = false, exact_equality = false;
  std::string check_file;
  app.add_option("--seed", options.seed, "Seed (printed; instance i of a seed is reproducible alone)");
  app.add_option("--instances", options.count, "Number of instances");
  app.add_option("--first", options.first, "Index of the first instance");
  app.add_option("--json", json_path, "Write the JSON summary here");
  app.add_option("--failures", options.failures_dir, "Write failing instances (and their checks) to this folder");
  auto* replay_opt = app.add_option("--replay", replay, "Print instance I of the seed and its check");
  app.add_flag("--instance-only", instance_only, "With --replay: print only the instance JSON");
  app.add_flag("--precisions", precisions, "Print the engine's working precisions (MPFR bits) and exit");
  app.add_flag("--quiet", quiet, "No progress lines");
  app.add_option("--only-family", options.only_family, "Check only the instances of this family (others skipped)");
  app.add_option("--only-statement", options.only_statement, "Check only the instances of this statement id");
  app.add_option("--check", check_file, "Check one instance JSON file against the reference");
  app.add_flag("--exact-equality", exact_equality, "With --check: the claim's two sides are exactly equal");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  try {
    if (precisions) {
      std::cout << nlohmann::json(engine_precisions()).dump() << std::endl;
      return 0;
    }
    if (!check_file.empty()) {
      std::ifstream in(check_file);
      if (!in) throw std::runtime_error("cannot read " + check_file);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const InstanceCheck c = check_instance(attnbound::Instance::parse(text), exact_equality, options.check);
      std::cout << nlohmann::json{{"check", c.to_json()}, {"failure_classes", failure_classes(c)}}.dump(2) << std::endl;
      return c.any_failure() ? 3 : 0;
    }
    if (*replay_opt) {
      const Generator generator(engine_precisions(options.check.certify.start_bits, options.check.certify.max_bits));
      const GeneratedInstance g = generator.generate(options.seed, replay);
      if (instance_only) {
        std::cout << g.instance.dump(2) << std::endl;
        return 0;
      }
      const InstanceCheck c = check_instance(attnbound::Instance::from_json(g.instance), g.exact_equality, options.check);
      nlohmann::json out{{"seed", options.seed}, {"index", replay}, {"family", g.family},
                         {"exact_equality", g.exact_equality}, {"instance", g.instance}, {"check", c.to_json()},
                         {"failure_classes", failure_classes(c)}};
      std::cout << out.dump(2) << std::endl;
      return c.any_failure() ? 3 : 0;
    }
    std::cerr << fmt::format("[soundness] seed {} first {} instances {}\n", options.seed, options.first, options.count);
    const CampaignSummary s = run_campaign(options, quiet ? nullptr : &std::cerr);
    const Tally& t = s.total;
    std::cout << fmt::format(
        "soundness campaign: seed {} instances {} (checked {}, rejected {}, engine errors {}) in {:.1f} s ({:.0f}/s)\n"
        "  wrong enclosures: {}\n  wrong certified verdicts: {}\n  certified beside other than holds/violated: {}\n"
        "  tight with infinite or disjoint enclosures: {}\n  reference unavailable: {} instances ({} of {} sides)\n"
        "  (informational) uncertified verdicts contradicted: {}, certified verdicts within reference tolerance: {}\n",
        s.seed, t.instances, t.checked, t.rejected, t.engine_errors, s.seconds,
        s.seconds > 0 ? static_cast<double>(t.instances) / s.seconds : 0.0, t.wrong_enclosures,
        t.wrong_certified_verdicts, t.certified_beside_other, t.bad_tight, t.checked - t.instances_fully_referenced,
        t.sides_unavailable, t.sides, t.wrong_uncertified_verdicts, t.verdicts_inconclusive);
    if (!json_path.empty()) std::ofstream(json_path) << s.to_json().dump(2) << "\n";
    const bool failed = t.wrong_enclosures || t.wrong_certified_verdicts || t.certified_beside_other || t.bad_tight;
    return failed ? 3 : 0;
  } catch (const std::exception& e) {
    std::cerr << "attnbound-soundness: internal error: " << e.what() << "\n";
    return 1;
  }
}
