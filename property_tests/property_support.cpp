#include "property_tests/property_support.hpp"

#include "theory/statement.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace attnbound::property {
namespace fs = std::filesystem;

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
  return search::certify(st, instance, st.resolve_variant(instance.value("variant", std::string())));
}

void assert_not_violated(const nlohmann::json& instance) {
  const search::Certificate c = certify_case(instance);
  if (!c.valid) RC_FAIL("instance rejected (" + c.error + "); replay: " + write_replay(instance));
  if (c.violated())
    RC_FAIL("certified violation: " + search::to_json(c).dump() + "\nreplay: " + write_replay(instance));
}

void announce(const std::string& what) {
  std::cout << what << ": rapidcheck seed=" << rc::detail::configuration().testParams.seed
            << " (replay with RC_PARAMS=\"seed=" << rc::detail::configuration().testParams.seed << "\")\n";
}

void require_counterexample_within(const std::string& statement, const std::string& variant, int max_tests,
                                   const search::SpaceLimits& limits) {
  using namespace rc::detail;
  announce(statement + "/" + variant + " counterexample search");
  TestParams params = configuration().testParams;
  params.maxSuccess = max_tests;
  TestMetadata meta;
  meta.id = statement + "/" + variant + " is false";
  meta.description = meta.id;
  const auto gen = gen_instance(statement, variant, limits);
  const TestResult result = checkProperty(
      toProperty([gen] {
        const InstanceCase c = *gen;
        assert_not_violated(c.instance);
      }),
      meta, params);
  INFO(statement << "/" << variant << ": the suite has shown this reading false; RapidCheck must find a "
                 << "certified counterexample within " << max_tests << " tests (seed " << params.seed << ")");
  REQUIRE(result.is<FailureResult>());
  const FailureResult& failure = result.get<FailureResult>();
  std::cout << statement << "/" << variant << ": counterexample after " << failure.numSuccess
            << " passing tests, shrunk:\n";
  for (const auto& [type, value] : failure.counterExample) std::cout << "  " << value << "\n";
  std::cout << "  " << failure.description << "\n";
  // The shrunk case must itself be a certified violation (not a rejected instance).
  REQUIRE(failure.description.find("certified violation") != std::string::npos);
}

}  // namespace attnbound::property
