// Tests of verify/proof_chains/thm1_random: Theorem 1 random: Jensen, reverse Jensen (E6), the without-replacement variance, the enumeration cap.
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: Theorem 1 random, the Jensen reading holds, Jensen is exact at N = L - 1", "[proof_replay]") {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const std::size_t L = 4 + seed, N = 1 + seed % 3;
    INFO("seed " << seed << " L " << L << " N " << N);
    const auto r = replay_proof(random_embeddings("thm1.random", "jensen_lower", seed, L, 2, N));
    CHECK(r.variant == "jensen_lower");
    check_no_false_step(r);
    CHECK(step(r, "exclusion-split").status == "exact");
    CHECK(step(r, "conditional-selection").status == "exact");
    CHECK(step(r, "jensen").status == "slack");  // random embeddings: a strict Jensen gap
    CHECK(step(r, "claim").status == "slack");
  }
  // N = L - 1: given i notin I_N the set is all the others, Y_i is deterministic and E||Y|| = ||EY||.
  const auto e = replay_proof(random_embeddings("thm1.random", "jensen_lower", 7, 5, 3, 4));
  for (const auto& s : e.steps) {
    INFO(s.name);
    CHECK(s.status == "exact");
  }
}

TEST_CASE("proof_replay: Theorem 1 random read as an upper bound breaks at reverse Jensen (E6)", "[proof_replay]") {
  const auto r = replay_proof(random_embeddings("thm1.random", "main_as_upper", 2, 6, 2, 2));
  REQUIRE(r.first_false);
  CHECK(r.steps[*r.first_false].name == "reverse-jensen");
  CHECK(step(r, "exclusion-split").status == "exact");
  CHECK(step(r, "claim").status == "false");
  // ... and holds, with equality, at N = L - 1.
  const auto e = replay_proof(random_embeddings("thm1.random", "main_as_upper", 2, 6, 2, 5));
  CHECK_FALSE(e.first_false);
  CHECK(step(e, "reverse-jensen").status == "exact");
  CHECK(step(e, "claim").status == "exact");
}

TEST_CASE("proof_replay: Theorem 1 random upper: triangle, Cauchy-Schwarz, the without-replacement variance",
          "[proof_replay]") {
  for (std::uint64_t seed = 4; seed <= 5; ++seed) {
    const std::size_t L = 6, N = seed - 2;
    INFO("seed " << seed << " N " << N);
    const auto r = replay_proof(random_embeddings("thm1.random", "upper", seed, L, 2, N));
    check_no_false_step(r);
    CHECK(step(r, "without-replacement-variance").status == "exact");
    CHECK(step(r, "mean-deviation").status == "slack");
    CHECK(step(r, "cauchy-schwarz").status == "slack");
    CHECK(step(r, "claim").status == "slack");
  }
  // N = L - 1: no deviation at all; N = L: every term is empty.
  for (const std::size_t N : {std::size_t{4}, std::size_t{5}}) {
    const auto e = replay_proof(random_embeddings("thm1.random", "upper", 9, 5, 2, N));
    for (const auto& s : e.steps) {
      INFO("N " << N << " " << s.name);
      CHECK(s.status == "exact");
    }
  }
}

TEST_CASE("proof_replay: Theorem 1 random refuses what it cannot enumerate", "[proof_replay]") {
  try {
    replay_proof(random_embeddings("thm1.random", "jensen_lower", 1, 30, 1, 15));  // C(30, 15) > 1e5
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.field() == "top_n");
  }
}
