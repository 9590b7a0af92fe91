#include "property_tests/property_support.hpp"

#include "counterexamples/parameterization.hpp"
#include "counterexamples/samplers.hpp"
#include "theory/statement.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

namespace attnbound::property {
namespace fs = std::filesystem;
using namespace rc::detail;

std::int64_t RcDraw::integer(std::int64_t lo, std::int64_t hi) {
  if (lo == hi) return lo;
  return *rc::gen::inRange<std::int64_t>(lo, hi + 1);
}

void showValue(const InstanceCase& c, std::ostream& os) { os << c.instance.dump(); }

rc::Gen<InstanceCase> gen_instance(const std::string& statement, const std::string& variant,
                                   const search::SpaceLimits& limits) {
  const search::InstanceSpace* space = search::find_instance_space(statement);
  REQUIRE(space != nullptr);
  return rc::gen::exec([space, variant, limits] {
    RcDraw d;
    return InstanceCase{space->sample(d, variant, limits)};
  });
}

rc::Gen<InstanceCase> gen_instance_with_top_set(const std::string& statement, const std::string& variant,
                                                const search::SpaceLimits& limits) {
  const rc::Gen<InstanceCase> base = gen_instance(statement, variant, limits);
  return rc::gen::exec([base] {
    InstanceCase c = *base;
    RcDraw d;
    const auto logits = c.instance.at("logits").get<search::Decimals>();
    c.instance["top_set"] = search::sample_top_set(d, logits, c.instance.at("top_n").get<std::int64_t>());
    c.instance.erase("top_n");
    return c;
  });
}

int tests_to_run(int nominal) {
  const char* env = std::getenv("RC_PARAMS");
  if (env && std::string(env).find("max_success") != std::string::npos) return configuration().testParams.maxSuccess;
  return nominal;
}

std::string write_replay(const nlohmann::json& instance) {
  const fs::path dir = fs::temp_directory_path() / "attnbound-property";
  fs::create_directories(dir);
  const fs::path file = dir / (instance.at("statement").get<std::string>() + "." +
                               instance.value("variant", std::string("default")) + ".json");
  std::ofstream(file) << instance.dump() << "\n";
  return "attnbound eval --instance " + file.string();
}

search::Certificate certify_case(const nlohmann::json& instance) {
  const Statement& st = find_statement(instance.at("statement").get<std::string>());
  return search::certify_candidate(st, instance, st.resolve_variant(instance.value("variant", std::string())));
}

namespace {
void fail_if_violated(const nlohmann::json& instance, const search::Certificate& c) {
  if (!c.valid) RC_FAIL("instance rejected (" + c.error + "); replay: " + write_replay(instance));
  if (c.violated())
    RC_FAIL("certified violation: " + search::to_json(c).dump() + "\nreplay: " + write_replay(instance));
}
}  // namespace

void assert_not_violated(const nlohmann::json& instance) { fail_if_violated(instance, certify_case(instance)); }

void announce(const std::string& what) {
  std::cout << what << ": rapidcheck seed=" << configuration().testParams.seed
            << " (replay with RC_PARAMS=\"seed=" << configuration().testParams.seed << "\")\n";
}

namespace {

bool every_side(const search::Certificate& c, bool search::CandidateSide::*flag) {
  if (c.sides.empty()) return false;
  for (const auto& s : c.sides)
    if (!(s.*flag)) return false;
  return true;
}

// An equality case (the bound attained: thm1.random at N >= L - 1, one token, a tie) cannot be certified to
// hold, since its enclosures overlap; it still counts as decided when its ratio enclosure is a narrow
// interval around 1 (|hi - lo| <= 1e-12): it was evaluated in range, not left unbounded.
bool holds_or_tight(const search::Certificate& c) {
  if (c.sides.empty()) return false;
  for (const auto& s : c.sides) {
    if (s.holds) continue;
    const double lo = search::number_of(s.ratio_lo), hi = search::number_of(s.ratio_hi);
    if (!(std::isfinite(lo) && std::isfinite(hi) && lo <= 1 && 1 <= hi && hi - lo <= 1e-12)) return false;
  }
  return true;
}

// Runs `body` on `tests` cases of `gen` (RC_PARAMS seed); REQUIREs success and that at least `fraction`
// of the cases counted themselves as decided.
void require_success(const std::string& what, const rc::Gen<InstanceCase>& gen, int tests, double fraction,
                     const std::function<bool(const nlohmann::json&)>& body) {
  announce(what);
  TestParams params = configuration().testParams;
  params.maxSuccess = tests;
  TestMetadata meta;
  meta.id = what;
  meta.description = what;
  auto cases = std::make_shared<int>(0), decided = std::make_shared<int>(0);
  const TestResult result = checkProperty(toProperty([gen, body, cases, decided] {
                                            const InstanceCase c = *gen;
                                            ++*cases;
                                            if (body(c.instance)) ++*decided;
                                          }),
                                          meta, params);
  if (result.is<FailureResult>()) {
    const FailureResult& f = result.get<FailureResult>();
    std::cout << what << ": FAILED after " << f.numSuccess << " tests: " << f.description << "\n";
    for (const auto& [type, value] : f.counterExample) std::cout << "  " << value << "\n";
  }
  INFO(what << " (seed " << params.seed << ")");
  REQUIRE(result.is<SuccessResult>());
  std::cout << what << ": " << tests << " tests passed, " << *decided << " of " << *cases << " decided\n";
  CHECK(*decided >= fraction * *cases);
}

// Runs "no case fails `body`" on up to `max_tests` cases and REQUIREs that it fails, with `needle` in the
// shrunk failure's description (so the failure is the finding, not a rejected instance).
void require_failure_within(const std::string& what, const rc::Gen<InstanceCase>& gen, int max_tests,
                            const std::function<void(const nlohmann::json&)>& body, const std::string& needle,
                            bool shrink = true) {
  announce(what);
  TestParams params = configuration().testParams;
  params.maxSuccess = max_tests;
  if (!shrink) params.disableShrinking = true;
  TestMetadata meta;
  meta.id = what;
  meta.description = what;
  // At full size every test draws from the whole instance space, so the tests are independent draws with
  // the space's hit rate p and a miss has probability (1 - p)^max_tests. (Under RapidCheck's size ramp the
  // first half of the tests draw near-minimal instances, which hit only some readings.)
  const rc::Gen<InstanceCase> full = rc::gen::resize(rc::kNominalSize, gen);
  const TestResult result = checkProperty(toProperty([full, body] { body((*full).instance); }), meta, params);
  INFO(what << ": the suite has shown this reading false; RapidCheck must find a counterexample within "
            << max_tests << " tests (seed " << params.seed << ")");
  REQUIRE(result.is<FailureResult>());
  const FailureResult& failure = result.get<FailureResult>();
  std::cout << what << ": counterexample after " << failure.numSuccess << " passing tests" << (shrink ? ", shrunk" : "") << ":\n";
  for (const auto& [type, value] : failure.counterExample) std::cout << "  " << value << "\n";
  std::cout << "  " << failure.description << "\n";
  REQUIRE(failure.description.find(needle) != std::string::npos);
}

// A statistical violation on the registry's seed that is also one on fresh samples; RC_FAILs then. thm2 at
// d = 1 (exact sign enumeration) and d = 2 (interval integration) is certified: a certified violation
// RC_FAILs as such (a proof, stronger than a confirmed statistical violation).
void assert_no_confirmed_statistical_violation(const nlohmann::json& instance, const search::Certificate& c) {
  if (!c.valid) RC_FAIL("instance rejected (" + c.error + "); replay: " + write_replay(instance));
  if (c.certified()) {
    if (c.violated())
      RC_FAIL("certified violation (method " + c.method + "): " + search::to_json(c).dump() +
              "\nreplay: " + write_replay(instance));
    return;
  }
  if (!c.statistically_violated()) return;
  const Statement& st = find_statement(instance.at("statement").get<std::string>());
  const search::Certificate fresh =
      search::confirm_statistical(st, instance, st.resolve_variant(instance.value("variant", std::string())));
  if (fresh.valid && fresh.statistically_violated())
    RC_FAIL("statistical violation (Monte Carlo, not certified), confirmed on fresh samples: " +
            search::to_json(c).dump() + "\nconfirmation: " + search::to_json(fresh).dump() +
            "\nreplay: " + write_replay(instance));
}

}  // namespace

void require_holds(const std::string& what, const rc::Gen<InstanceCase>& gen, int nominal_tests,
                   double min_certified_fraction) {
  require_success(what + " holds", gen, tests_to_run(nominal_tests), min_certified_fraction,
                  [](const nlohmann::json& instance) {
                    const search::Certificate c = certify_case(instance);
                    fail_if_violated(instance, c);
                    return holds_or_tight(c);
                  });
}

void require_holds(const std::string& statement, const std::string& variant, const search::SpaceLimits& limits,
                   int nominal_tests, double min_certified_fraction) {
  require_holds(statement + "/" + variant, gen_instance(statement, variant, limits), nominal_tests,
                min_certified_fraction);
}

void require_counterexample_within(const std::string& statement, const std::string& variant, int max_tests,
                                   const search::SpaceLimits& limits) {
  require_failure_within(statement + "/" + variant + " is false", gen_instance(statement, variant, limits), max_tests,
                         [](const nlohmann::json& instance) { assert_not_violated(instance); },
                         "certified violation");
}

void require_no_statistical_violation(const std::string& statement, const std::string& variant,
                                      const search::SpaceLimits& limits, int nominal_tests,
                                      double min_decided_fraction) {
  require_success(statement + "/" + variant + " has no statistical violation", gen_instance(statement, variant, limits),
                  tests_to_run(nominal_tests), min_decided_fraction, [](const nlohmann::json& instance) {
                    const search::Certificate c = certify_case(instance);
                    assert_no_confirmed_statistical_violation(instance, c);
                    return every_side(c, c.certified() ? &search::CandidateSide::holds
                                                       : &search::CandidateSide::statistically_holds);
                  });
}

void require_statistical_violation_within(const std::string& what, const rc::Gen<InstanceCase>& gen, int max_tests) {
  require_failure_within(what + " is statistically false", gen, max_tests,
                         [](const nlohmann::json& instance) {
                           assert_no_confirmed_statistical_violation(instance, certify_case(instance));
                         },
                         // Not shrunk: every shrink step costs two Monte Carlo estimates (minutes in all);
                         // the search's corpus holds the shrunk statistical counterexample. The failure is
                         // a "statistical violation (Monte Carlo ..." or, at d <= 2, a "certified violation (method ...".
                         "violation (", false);
}

void require_statistical_violation_within(const std::string& statement, const std::string& variant, int max_tests,
                                          const search::SpaceLimits& limits) {
  require_statistical_violation_within(statement + "/" + variant, gen_instance(statement, variant, limits), max_tests);
}

}  // namespace attnbound::property
