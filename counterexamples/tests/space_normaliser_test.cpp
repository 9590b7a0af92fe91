#include "counterexamples/certify.hpp"
#include "counterexamples/instance_space.hpp"
#include "counterexamples/shrink.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

#include <set>

using namespace attnbound;
using namespace attnbound::search;

// lemma1 and lemma2 sample every F family they accept (lemma1 never ssmax), instances their statements
// accept, lemma2 within its length cap, and lemma1 up to long lengths.
TEST_CASE("normaliser spaces: every F family, accepted samples, lemma2 capped at 64", "[space_normaliser]") {
  RandomDraw d(31);
  for (const char* id : {"lemma1.vanishing", "lemma2.jacobian"}) {
    const InstanceSpace* space = find_instance_space(id);
    REQUIRE(space != nullptr);
    const Statement& st = find_statement(id);
    std::set<std::string> families;
    std::size_t longest = 0;
    for (int i = 0; i < 300; ++i) {
      const std::string variant = st.info.variants[static_cast<std::size_t>(i) % st.info.variants.size()].name;
      const nlohmann::json j = space->sample(d, variant, {4096, 8});
      INFO(j.dump().substr(0, 400));
      families.insert(j.value("F", std::string("exp")));
      longest = std::max(longest, j["logits"].size());
      REQUIRE_NOTHROW(st.evaluate_double(Instance::from_json(j), variant, EvalOptions{}));
    }
    const bool lemma1 = std::string(id) == "lemma1.vanishing";
    CHECK(families.size() == (lemma1 ? 5u : 6u));
    CHECK(families.count("ssmax") == (lemma1 ? 0u : 1u));
    if (lemma1) CHECK(longest > 64);
    else CHECK(longest <= 64);
  }
}

// The known false reading is reachable and shrinks to the closed-form instance: softmax at equal logits,
// L = 6 (||J||_F = sqrt 5/6 > 1/3 = bound at T = 1).
TEST_CASE("lemma2 frobenius: equal logits at L = 7 shrink to a certified L = 6 counterexample", "[space_normaliser]") {
  const Statement& st = find_statement("lemma2.jacobian");
  const InstanceSpace& space = *find_instance_space("lemma2.jacobian");
  const nlohmann::json inst{{"statement", "lemma2.jacobian"}, {"variant", "frobenius"},
                            {"logits", {"2.5", "2.5", "2.5", "2.5", "2.5", "2.5", "2.5"}}, {"temperature", "0.75"}};
  REQUIRE(certify_candidate(st, inst, "frobenius").violated());
  const ShrinkResult r = shrink_violation(st, space, "frobenius", inst);
  INFO(r.instance.dump());
  REQUIRE(r.certificate.violated());
  CHECK(r.instance["logits"].size() == 6);
  CHECK(std::set<nlohmann::json>(r.instance["logits"].begin(), r.instance["logits"].end()).size() == 1);
  // The spectral reading holds there (certified).
  const Certificate spectral = certify_candidate(st, inst, "spectral");
  REQUIRE(spectral.valid);
  CHECK(spectral.sides.at(0).holds);
}
