// Tests of verify/proof_chains/thm2_moments: the Theorem 2 machinery both sides share: the xi_b pair step (Assumption 2 against Assumption 1).
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: Theorem 2 xi_b with delta > sqrt(2) M breaks at the certified pair step", "[proof_replay]") {
  for (const std::string id : {"thm2.lower", "thm2.upper"}) {
    INFO(id);
    auto raw = separability(id, "xi_b", {"0.5", "0.3", "0.2"}, 3, "0.9");
    raw["delta"] = "1.6";  // M^2 - delta^2/2 = -0.28 < 0 = E<x_j, x_k>; xi_b^2 stays > 0
    const auto r = replay_proof(Instance::from_json(raw));
    REQUIRE(r.first_false);
    CHECK(r.steps[*r.first_false].name == "pair-inner-product");
    CHECK_FALSE(step(r, "pair-inner-product").statistical);
    CHECK(step(r, "second-moment").status == "false");
    raw["delta"] = "1";
    const auto ok = replay_proof(Instance::from_json(raw));
    CHECK_FALSE(ok.first_false);
    CHECK(step(ok, "pair-inner-product").status == "slack");
    CHECK(step(ok, "second-moment").status == "slack");
  }
}
