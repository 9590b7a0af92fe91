// Tests of verify/proof_chains/thm1_fixed: the exact steps of Theorem 1's 4-line derivation are exact and its inequalities hold on valid top-N sets.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: Theorem 1 fixed, the 4-line derivation holds step by step", "[proof_replay]") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const std::size_t L = 3 + seed * 2, N = 1 + seed % (L - 1);
    for (const std::string variant : {"tight", "loose"}) {
      INFO("seed " << seed << " L " << L << " N " << N << " " << variant);
      const auto r = replay_proof(thm1(seed, L, 1 + seed % 4, N, variant));
      CHECK_FALSE(r.first_false);
      CHECK(step(r, "split").status == "exact");
      CHECK(step(r, "top-set-signs").status == "exact");
      for (const std::string name : {"triangle", "d1-and-max-norm", "claim"}) {
        const auto& s = step(r, name);
        CHECK((s.status == "slack" || s.status == "tight" || s.status == "exact"));
      }
    }
  }
}

TEST_CASE("proof_replay: Theorem 1 fixed with N = L is exact throughout (empty sums)", "[proof_replay]") {
  const auto r = replay_proof(thm1(3, 4, 2, 4, "tight"));
  for (const auto& s : r.steps) CHECK(s.status == "exact");
}
