// Tests of verify/proof_chains/cor2_regimes: the triangle and collapse bounds hold step by step on seeded
// instances; the prose reading dominant_term breaks at its dominant-upper or dominant-lower step (E5).
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("cor2 chain: triangle and collapse hold step by step, the identities are exact", "[proof_chains]") {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const std::size_t L = 3 + seed, N = 1 + seed % (L - 1);
    for (const std::string variant : {"triangle", "collapse"}) {
      INFO("seed " << seed << " L " << L << " N " << N << " " << variant);
      const auto r = replay_proof(random_embeddings("cor2.regimes", variant, seed, L, 2, N));
      CHECK(r.variant == variant);
      check_no_false_step(r);
      CHECK(step(r, "selection-probabilities").status == "exact");
      CHECK(step(r, "claim").status == "slack");
      if (variant == "collapse") CHECK(step(r, "inner-sums").status == "exact");
    }
  }
  // N = L: nothing is left out, every side is 0.
  const auto full = replay_proof(random_embeddings("cor2.regimes", "triangle", 2, 4, 2, 4));
  for (const auto& s : full.steps) CHECK(s.status == "exact");
}

TEST_CASE("cor2 chain: the dominant-term reading breaks at its prose steps (E5)", "[proof_chains]") {
  // One heavy token opposite the rest: E[d~] = 1.48 > 1.2 = (1 + 1/5) D.
  const auto up = replay_proof(Instance::from_json(
      {{"statement", "cor2.regimes"}, {"variant", "dominant_term"}, {"weights", {"0.9", "0.025", "0.025", "0.025", "0.025"}},
       {"x", {{"1"}, {"-1"}, {"-1"}, {"-1"}, {"-1"}}}, {"top_n", 1}}));
  REQUIRE(up.first_false);
  CHECK(up.steps[*up.first_false].name == "dominant-upper");
  CHECK(step(up, "claim-upper").status == "false");
  CHECK(step(up, "triangle").status == "slack");
  // Identical tokens: E[d~] = 0 < 1/2 = (1 - 1/2) D.
  const auto low = replay_proof(Instance::from_json({{"statement", "cor2.regimes"}, {"variant", "dominant_term"},
                                                     {"weights", {"0.5", "0.5"}}, {"x", {{"1"}, {"1"}}}, {"top_n", 1}}));
  REQUIRE(low.first_false);
  CHECK(low.steps[*low.first_false].name == "dominant-lower");
  CHECK(step(low, "jensen").status == "exact");
  CHECK(step(low, "claim-lower").status == "false");
}

TEST_CASE("cor2 chain: refuses what it cannot enumerate", "[proof_chains]") {
  try {
    replay_proof(random_embeddings("cor2.regimes", "triangle", 1, 30, 1, 15));  // C(30, 15) > 1e5
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.field() == "top_n");
  }
}
