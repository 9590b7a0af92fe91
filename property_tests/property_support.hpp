// Shared machinery of the property suite: RapidCheck generators of statement instances built on the same
// samplers as the adversarial search (counterexamples/samplers.hpp, instance_space.hpp), certified checks,
// and replay files.
//
// * Generators: every random choice is a shrinkable RapidCheck integer draw (RcDraw), so a failing case
//   shrinks towards the simplest choices (L small, logits equal, T = 1, short decimals). Instances carry
//   exact decimal strings; RapidCheck's own double generator (no NaN, inf, -0 or subnormals) is not used.
// * Seeds: RapidCheck prints "Using configuration: seed=..." once per process and RC_PARAMS is honoured
//   (e.g. RC_PARAMS="seed=42 max_success=1000"); every property also prints the seed it ran with.
// * A failing case writes its instance to <tmp>/attnbound-property/<statement>.<variant>.json and the
//   failure message carries the one-line replay command `attnbound eval --instance FILE`.
// * Test counts: each property has a nominal count sized to keep the suite fast; RC_PARAMS="max_success=N"
//   replaces it (tests_to_run). "Found within K tests" properties keep their K: it is part of the claim,
//   chosen so that a miss has probability below 1e-9 at the generators' measured hit rate. These run at
//   RapidCheck's full size (every test an independent draw from the whole space; see property_support.cpp).
// * Monte Carlo statements (thm2.* at d >= 3, or beyond the exact methods' sizes) are never certified; their
//   properties say "statistical": a case counts as a violation only if the confidence interval (registry
//   seed) lies beyond the bound and the same holds on fresh samples (search::confirm_statistical). thm2 at
//   d = 1 (exact sign enumeration) and d = 2 (interval integration) is certified: there a violation is a
//   certified one, and a decided case is one certified to hold.
#pragma once

#include "counterexamples/certify.hpp"
#include "counterexamples/draw.hpp"
#include "counterexamples/instance_space.hpp"
#include "testing/catch.hpp"

#include <rapidcheck.h>
#include <rapidcheck/catch.h>

#include <nlohmann/json.hpp>

#include <string>

namespace attnbound::property {

// A Draw whose choices are RapidCheck integer draws (valid only inside a generator or property).
class RcDraw final : public search::Draw {
 public:
  std::int64_t integer(std::int64_t lo, std::int64_t hi) override;
};

struct InstanceCase {
  nlohmann::json instance;
};
void showValue(const InstanceCase& c, std::ostream& os);

// Instances of `statement`/`variant` from its instance space (REQUIREs that the space exists).
rc::Gen<InstanceCase> gen_instance(const std::string& statement, const std::string& variant,
                                   const search::SpaceLimits& limits);
// The same with the space's "top_n" replaced by an explicit valid "top_set" whose ties at the cut are broken
// at random (search::sample_top_set), for the statements that accept one (thm1.fixed, thm2.*).
rc::Gen<InstanceCase> gen_instance_with_top_set(const std::string& statement, const std::string& variant,
                                                const search::SpaceLimits& limits);

// `nominal`, or max_success when RC_PARAMS sets it.
int tests_to_run(int nominal);

// Writes the instance to the replay file and returns "attnbound eval --instance FILE".
std::string write_replay(const nlohmann::json& instance);

// The certified verdict of a case at kCertifyBits; a rejected instance (hypothesis) is a generator bug.
search::Certificate certify_case(const nlohmann::json& instance);

// Property body: the reading holds on this instance, i.e. no side is a certified violation. On failure
// the message gives the certified enclosures and the replay command.
void assert_not_violated(const nlohmann::json& instance);

// Prints the seed a property runs with.
void announce(const std::string& what);

// "The reading holds on every generated instance", certified: runs tests_to_run(nominal_tests) cases of
// `gen` through assert_not_violated, and REQUIREs that none failed and that at least
// `min_certified_fraction` of them were decided on every side: certified to hold, or an equality case whose
// ratio enclosure is a narrow interval around 1 (so the property cannot pass on instances that are all
// undecided, e.g. beyond MPFR's exponent range). Prints the seed and the counts.
void require_holds(const std::string& what, const rc::Gen<InstanceCase>& gen, int nominal_tests,
                   double min_certified_fraction);
void require_holds(const std::string& statement, const std::string& variant, const search::SpaceLimits& limits,
                   int nominal_tests, double min_certified_fraction);

// Monte Carlo (thm2.*): no generated instance is a statistical violation confirmed on fresh samples, and
// at least `min_decided_fraction` of the cases are "statistically holds" on the registry's seed.
void require_no_statistical_violation(const std::string& statement, const std::string& variant,
                                      const search::SpaceLimits& limits, int nominal_tests,
                                      double min_decided_fraction);
// Monte Carlo: a statistical violation, confirmed on fresh samples, is found within max_tests tests.
void require_statistical_violation_within(const std::string& statement, const std::string& variant, int max_tests,
                                          const search::SpaceLimits& limits);
void require_statistical_violation_within(const std::string& what, const rc::Gen<InstanceCase>& gen, int max_tests);

// "A counterexample exists and is found within max_tests tests": runs RapidCheck on "the reading holds"
// with max_success = max_tests (seed from RC_PARAMS or RapidCheck's random default) and REQUIREs that it
// fails; the shrunk counterexample is re-certified as a violation and printed with its replay command.
void require_counterexample_within(const std::string& statement, const std::string& variant, int max_tests,
                                   const search::SpaceLimits& limits);

}  // namespace attnbound::property
