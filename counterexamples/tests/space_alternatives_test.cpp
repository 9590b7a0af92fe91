// Tests of counterexamples/space_alternatives: every alt.* id has a space whose samples its statement
// accepts; the dense-Jacobian ids stay within L <= 64, SSMax and entmax go beyond; entmax draws its dominant shape.
#include "counterexamples/instance_space.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

using namespace attnbound;
using namespace attnbound::search;

TEST_CASE("alternative spaces: accepted samples, dense Jacobians capped at 64", "[space_alternatives]") {
  RandomDraw d(47);
  for (const char* id : {"alt.sparsemax", "alt.entmax15", "alt.ssmax", "alt.sa_softmax"}) {
    INFO(id);
    const InstanceSpace* space = find_instance_space(id);
    REQUIRE(space != nullptr);
    const Statement& st = find_statement(id);
    std::size_t longest = 0;
    for (int i = 0; i < 200; ++i) {
      const std::string variant = st.info.variants[static_cast<std::size_t>(i) % st.info.variants.size()].name;
      const nlohmann::json j = space->sample(d, variant, {4096, 8});
      INFO(j.dump().substr(0, 300));
      CHECK(j["statement"] == id);
      longest = std::max(longest, j["logits"].size());
      if (j["logits"].size() <= 64) REQUIRE_NOTHROW(st.evaluate_double(Instance::from_json(j), variant, EvalOptions{}));
    }
    if (std::string(id) == "alt.ssmax" || std::string(id) == "alt.entmax15") CHECK(longest > 64);
    else CHECK(longest <= 64);
  }
}

TEST_CASE("alternative spaces: entmax draws a dominant logit over >= 40 equal ones", "[space_alternatives]") {
  RandomDraw d(5);
  const InstanceSpace* space = find_instance_space("alt.entmax15");
  REQUIRE(space != nullptr);
  int dominant = 0;
  for (int i = 0; i < 200; ++i) {
    const nlohmann::json j = space->sample(d, "two_token", {4096, 8});
    std::size_t zeros = 0;
    for (const auto& x : j["logits"]) zeros += x == "0";
    dominant += j["logits"].size() >= 40 && zeros + 1 == j["logits"].size();
  }
  CHECK(dominant > 20);  // expected 50 of 200
}

TEST_CASE("alternative spaces: alt.low_temperature samples meet T2 < T1, T2 <= 1/10, L <= 64", "[space_alternatives]") {
  RandomDraw d(11);
  const InstanceSpace* space = find_instance_space("alt.low_temperature");
  REQUIRE(space != nullptr);
  const Statement& st = find_statement("alt.low_temperature");
  std::size_t longest = 0;
  for (int i = 0; i < 200; ++i) {
    const std::string variant = st.info.variants[static_cast<std::size_t>(i) % st.info.variants.size()].name;
    const nlohmann::json j = space->sample(d, variant, {4096, 8});
    INFO(j.dump().substr(0, 300));
    CHECK(j["statement"] == "alt.low_temperature");
    CHECK(j["x"].size() == j["logits"].size());
    longest = std::max(longest, j["logits"].size());
    // Every sample is inside the hypotheses: evaluating it throws no HypothesisError.
    REQUIRE_NOTHROW(st.evaluate_double(Instance::from_json(j), variant, EvalOptions{}));
  }
  CHECK(longest <= 64);
  CHECK(longest > 8);
}
