#include "counterexamples/shrink.hpp"
#include "testing/catch.hpp"

using namespace attnbound;
using namespace attnbound::search;

TEST_CASE("a messy Corollary 3 counterexample shrinks to L = 2, equal short logits", "[shrink]") {
  const Statement& st = find_statement("cor3.softmax_jacobian");
  const InstanceSpace& space = *find_instance_space("cor3.softmax_jacobian");
  for (const char* variant : {"spectral", "frobenius", "per_weight"}) {
    const nlohmann::json messy{{"statement", "cor3.softmax_jacobian"},
                               {"variant", variant},
                               {"logits", {"-40.25", "3.1415926", "3.1415925", "-7", "0.001"}},
                               {"temperature", "0.73519"}};
    REQUIRE(certify_candidate(st, messy, variant).violated());
    const ShrinkResult r = shrink_violation(st, space, variant, messy);
    INFO(variant << ": " << r.instance.dump());
    REQUIRE(r.certificate.violated());
    REQUIRE(r.steps > 0);
    REQUIRE(r.instance["logits"].size() == 2);
    REQUIRE(r.instance["logits"][0] == r.instance["logits"][1]);
    REQUIRE(r.instance["logits"][0].get<std::string>().size() <= 2);
    REQUIRE(r.instance["temperature"].get<std::string>().size() <= 3);
    REQUIRE(instance_size(space, r.instance) < instance_size(space, messy));
  }
}

TEST_CASE("shrinking leaves a non-violation alone", "[shrink]") {
  const Statement& st = find_statement("cor3.softmax_jacobian.corrected");
  const InstanceSpace& space = *find_instance_space("cor3.softmax_jacobian.corrected");
  const nlohmann::json ok{{"statement", "cor3.softmax_jacobian.corrected"}, {"logits", {"0", "0"}}, {"temperature", "1"}};
  const ShrinkResult r = shrink_violation(st, space, "spectral", ok);
  REQUIRE(r.steps == 0);
  REQUIRE(r.instance == ok);
}
