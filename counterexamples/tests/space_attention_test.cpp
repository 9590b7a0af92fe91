#include "counterexamples/certify.hpp"
#include "counterexamples/instance_space.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

using namespace attnbound;
using namespace attnbound::search;

// The attention spaces sample instances that their statements accept (hypotheses hold), with the shapes
// their fields declare, and enumeration-heavy statements stay within their length cap.
TEST_CASE("attention spaces: samples are accepted, shaped as declared, capped where enumerated", "[space_attention]") {
  RandomDraw d(23);
  for (const char* id : {"cor1.softmax_weights", "thm1.fixed", "thm1.random", "cor2.regimes", "alg5.fd_gradient"}) {
    const InstanceSpace* space = find_instance_space(id);
    REQUIRE(space != nullptr);
    const Statement& st = find_statement(id);
    for (int i = 0; i < 40; ++i) {
      const std::string variant = st.info.variants[static_cast<std::size_t>(i) % st.info.variants.size()].name;
      const auto j = space->sample(d, variant, {64, 4});
      INFO(j.dump());
      const PointRatio p = point_ratio(st, j, variant);
      CHECK(p.valid);
      if (j.contains("x")) {
        CHECK(j["x"].size() == j["logits"].size());
        CHECK(j["top_n"].get<std::int64_t>() >= 1);
        CHECK(j["top_n"].get<std::int64_t>() <= static_cast<std::int64_t>(j["logits"].size()));
      }
      if (std::string(id) == "thm1.random" || std::string(id) == "cor2.regimes") CHECK(j["logits"].size() <= 10);
      if (j.contains("direction")) CHECK(j["direction"].size() == j["logits"].size());
    }
  }
}
