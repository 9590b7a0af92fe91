// Tests of verify/proof_replay: Corollary 3's derivation breaks at its "diagonal" step (erratum E1), the
// exact steps of Theorem 1's 4-line derivation are exact and its inequalities hold on valid top-N sets.
#include "testing/catch.hpp"
#include "verify/proof_replay.hpp"

#include <random>

using namespace attnbound;

namespace {
const ProofStepResult& step(const ProofResult& r, const std::string& name) {
  for (const auto& s : r.steps)
    if (s.name == name) return s;
  FAIL("no step " << name);
  return r.steps.front();
}
Instance thm1(std::uint64_t seed, std::size_t L, std::size_t d, std::size_t N, const std::string& variant) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> u(-999, 999);
  std::vector<std::string> logits;
  std::vector<std::vector<std::string>> x(L);
  for (std::size_t i = 0; i < L; ++i) {
    logits.push_back(std::to_string(u(rng)) + "e-2");
    for (std::size_t c = 0; c < d; ++c) x[i].push_back(std::to_string(u(rng)) + "e-3");
  }
  return Instance::from_json({{"statement", "thm1.fixed"}, {"variant", variant}, {"logits", logits},
                              {"temperature", "0.7"}, {"x", x}, {"top_n", N}});
}
}  // namespace

TEST_CASE("proof_replay: Corollary 3 at a two-way tie breaks at the diagonal step", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "cor3.softmax_jacobian"}, {"logits", {"0.1", "0.1"}}, {"temperature", "0.3"}}));
  CHECK(r.variant == "spectral");
  REQUIRE(r.first_false);
  CHECK(r.steps[*r.first_false].name == "diagonal");
  CHECK(step(r, "secular").status == "exact");
  CHECK(step(r, "am-gm").status == "exact");  // a = 1/2: a(1 - a) = 1/4
  CHECK(step(r, "spectral<=frobenius").status == "exact");  // rank one: ||J||_2 = ||J||_F
  CHECK(step(r, "frobenius-constant").status == "slack");
  CHECK(step(r, "claim").status == "false");
  CHECK(r.precision_bits >= 512);
}

TEST_CASE("proof_replay: Corollary 3 away from ties: the diagonal step is still false", "[proof_replay]") {
  // lambda_max(diag a - a a^T) >= max_i (a_i - a_i^2) by Rayleigh, strictly when an off-diagonal entry is
  // nonzero: the 1/(4T) route never goes through, although the claim itself may hold.
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "cor3.softmax_jacobian"}, {"logits", {"0", "3", "-2", "1"}}, {"temperature", "2"}}));
  REQUIRE(r.first_false);
  CHECK(r.steps[*r.first_false].name == "diagonal");
  CHECK(step(r, "am-gm").status == "slack");
  CHECK(step(r, "claim").status != "undecided");
}

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

TEST_CASE("proof_replay: JSON and text name the first false step", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "cor3.softmax_jacobian"}, {"variant", "frobenius"}, {"logits", {"0", "0"}}, {"temperature", "1"}}));
  const auto j = to_json(r);
  CHECK(j["first_false_step"] == "diagonal");
  CHECK(j["steps"].size() == r.steps.size());
  CHECK(j["variant"] == "frobenius");
  CHECK(format_text(r).find("first false step: 2. diagonal") != std::string::npos);
}

TEST_CASE("proof_replay: bad requests are InputErrors naming the field", "[proof_replay]") {
  try {
    replay_proof(Instance::from_json({{"statement", "cor3.softmax_jacobian.corrected"}, {"logits", {"0"}}, {"temperature", "1"}}));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.field() == "statement");
  }
  auto bad = thm1(1, 4, 2, 2, "tight").raw();
  bad["distance"] = "norm_of_sum";
  CHECK_THROWS_AS(replay_proof(Instance::from_json(bad)), InputError);
  CHECK_THROWS_AS(replay_proof(Instance::from_json(
                      {{"statement", "cor3.softmax_jacobian"}, {"logits", {"0"}}, {"temperature", "-1"}})),
                  HypothesisError);
}

TEST_CASE("proof_replay: Corollary 1 holds step by step; the literal reading breaks at its range step",
          "[proof_replay]") {
  // q = (1), keys (0), (10), T = 1: Delta = 10, alpha_0 = 1/(1 + e^10); the literal Delta_0 = 0 gives 1/2.
  const nlohmann::json base{{"statement", "cor1.softmax_weights"}, {"query", {"1"}}, {"keys", {{"0"}, {"10"}}},
                            {"temperature", "1"}};
  const auto r = replay_proof(Instance::from_json(base));
  CHECK(r.variant == "max_key");
  CHECK_FALSE(r.first_false);
  CHECK(step(r, "cauchy-schwarz").status == "exact");
  CHECK(step(r, "claim-upper").status == "slack");
  auto lit = base;
  lit["variant"] = "literal";
  const auto l = replay_proof(Instance::from_json(lit));
  REQUIRE(l.first_false);
  CHECK(l.steps[*l.first_false].name == "lower-range");
  CHECK(step(l, "claim-lower").status == "false");
}
