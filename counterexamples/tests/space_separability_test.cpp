#include "counterexamples/certify.hpp"
#include "counterexamples/instance_space.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

using namespace attnbound;
using namespace attnbound::search;

// thm2 spaces: accepted samples (delta feasible for xi_b), sizes within the caps, a cheaper climb estimate,
// and certify_candidate() labels the Monte Carlo results (d >= 3) statistical: never "violated" or "holds", never
// certified; at d = 1 (exact sign enumeration) and d = 2 (interval integration, L <= 4) they are certified.
TEST_CASE("separability spaces: accepted, capped, statistical certificates", "[space_separability]") {
  RandomDraw d(41);
  for (const char* id : {"thm2.lower", "thm2.upper"}) {
    const InstanceSpace* space = find_instance_space(id);
    REQUIRE(space != nullptr);
    CHECK(space->climb_monte_carlo_samples > 0);
    CHECK(space->climb_monte_carlo_samples < EvalOptions{}.monte_carlo_samples);
    const Statement& st = find_statement(id);
    for (int i = 0; i < 12; ++i) {
      const std::string variant = i % 2 ? "xi_b" : "xi_a";
      const nlohmann::json j = space->sample(d, variant, {4096, 64});
      INFO(j.dump());
      CHECK(j["logits"].size() <= 8);
      CHECK(j["dimension"].get<std::int64_t>() <= 16);
      CHECK(j["top_n"].get<std::int64_t>() <= static_cast<std::int64_t>(j["logits"].size()));
      CHECK(j.contains("delta") == (variant == "xi_b"));
      const Certificate c = certify_candidate(st, j, variant);
      REQUIRE(c.valid);
      const auto dim = j["dimension"].get<std::int64_t>();
      if (dim == 1 || (dim == 2 && j["logits"].size() <= EvalOptions{}.max_integration_length)) {
        CHECK(c.certified());
        CHECK(c.method == (dim == 1 ? "exact-enumeration" : "interval-integration"));
        CHECK_FALSE(to_json(c).contains("monte_carlo"));
        continue;
      }
      CHECK_FALSE(c.certified());
      CHECK(c.method == "monte-carlo");
      CHECK(c.confidence == 0.99);
      CHECK_FALSE(c.violated());
      for (const auto& s : c.sides) CHECK_FALSE(s.holds);
      CHECK(to_json(c)["certified"] == false);
    }
  }
}
