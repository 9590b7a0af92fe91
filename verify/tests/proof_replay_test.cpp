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
  // "certified" only beside a decided word: exact is evidence of equality, not a proof.
  const auto json = to_json(r);  // kept alive: the loop iterates one of its members
  for (const auto& s : json["steps"]) {
    INFO(s["step"]);
    CHECK(s["certified"] == (s["status"] == "false" || s["status"] == "slack" || s["status"] == "tight"));
  }
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

TEST_CASE("proof_replay: Corollary 1 holds step by step, the literal reading breaks at its range step",
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
  // The chain follows the indices the claim reports. Upper side: both indices hold, and index 0 has the
  // largest ratio alpha_i / bound_i; its range step e^{10}/2 <= e^{2 Delta_0}/2 = 1/2 is false although
  // its claim holds. Lower side: index 0 is violated (alpha_0 = 1/(1+e^10) < 1/2).
  CHECK(l.steps[*l.first_false].name == "upper-range");
  CHECK(step(l, "claim-upper").status != "false");
  CHECK(step(l, "lower-range").status == "false");
  CHECK(step(l, "claim-lower").status == "false");
}

namespace {
// Every step certified non-false (exact, tight, slack or undecided), and the claim itself decided to hold.
void check_no_false_step(const ProofResult& r) {
  CHECK_FALSE(r.first_false);
  CHECK_FALSE(r.first_false_statistical);
  for (const auto& s : r.steps) {
    INFO(s.name << ": " << s.status);
    CHECK(s.status != "false");
  }
}
Instance random_embeddings(const std::string& statement, const std::string& variant, std::uint64_t seed, std::size_t L,
                           std::size_t d, std::size_t N) {
  auto raw = thm1(seed, L, d, N, variant).raw();
  raw["statement"] = statement;
  return Instance::from_json(raw);
}
nlohmann::json equal_logits(std::size_t L, const std::string& variant) {
  return {{"statement", "lemma2.jacobian"}, {"variant", variant}, {"logits", std::vector<std::string>(L, "0")},
          {"temperature", "1"}};
}
// Theorem 2 instances: weights, top_n, radius r, sphere radius M = 1, dimension 3.
nlohmann::json separability(const std::string& statement, const std::string& variant, std::vector<std::string> weights,
                            std::size_t N, const std::string& radius) {
  return {{"statement", statement}, {"variant", variant}, {"weights", weights}, {"top_n", N},
          {"radius", radius}, {"sphere_radius", "1"}, {"dimension", 3}};
}
}  // namespace

TEST_CASE("proof_replay: Lemma 1 holds step by step, the extreme logits attain max F and min F", "[proof_replay]") {
  // a = max |l_j| = 1 is attained: F(l_i) = max F at the largest logit, F(l_k) = min F at the smallest.
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "lemma1.vanishing"}, {"logits", {"-1", "0.5", "1"}}, {"temperature", "1"}}));
  CHECK(r.variant == "two_sided");
  check_no_false_step(r);
  for (const std::string name : {"normalisation", "numerator-at-most-max", "constant-C2", "lower-numerator", "constant-C1"})
    CHECK(step(r, name).status == "exact");
  for (const std::string name : {"sum-at-least-L-min", "claim-upper", "sum-at-most-L-max", "claim-lower"})
    CHECK(step(r, name).status == "slack");
  CHECK(r.certified);
}

TEST_CASE("proof_replay: Lemma 1 at equal logits with a = 0 is exact throughout", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "lemma1.vanishing"}, {"logits", {"0", "0", "0", "0"}}, {"F", "softplus"}, {"temperature", "2"}}));
  for (const auto& s : r.steps) {
    INFO(s.name);
    CHECK(s.status == "exact");
  }
}

TEST_CASE("proof_replay: Lemma 1 with a non-monotone F, and its hypotheses refused", "[proof_replay]") {
  // quadratic F = 1 + l^2 on [-2, 2]: min F = F(0) = 1, max F = F(2) = 5, both attained.
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "lemma1.vanishing"}, {"logits", {"0", "2", "1"}}, {"F", "quadratic"}, {"a", "2"}}));
  check_no_false_step(r);
  CHECK(step(r, "numerator-at-most-max").status == "exact");
  CHECK(step(r, "lower-numerator").status == "exact");
  CHECK_THROWS_AS(replay_proof(Instance::from_json(
                      {{"statement", "lemma1.vanishing"}, {"logits", {"0", "3"}}, {"temperature", "1"}, {"a", "2"}})),
                  HypothesisError);
  CHECK_THROWS_AS(replay_proof(Instance::from_json(
                      {{"statement", "lemma1.vanishing"}, {"logits", {"0", "1"}}, {"F", "ssmax"}, {"ssmax_scale", "1"}})),
                  HypothesisError);
}

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

TEST_CASE("proof_replay: Theorem 2 lower holds with every non-selected point absent, deterministic steps certified",
          "[proof_replay]") {
  // N = L: no outside condition. X_i <= sum_{j != i} alpha_j <= 0.8 < r = 0.9: every sample has N_s = N.
  const auto r = replay_proof(Instance::from_json(separability("thm2.lower", "xi_a", {"0.5", "0.3", "0.2"}, 3, "0.9")));
  check_no_false_step(r);
  CHECK_FALSE(r.certified);
  CHECK(step(r, "drop-outside-condition").statistical);
  CHECK(step(r, "drop-outside-condition").status == "exact");  // both sides are exactly 1 in every sample
  CHECK(step(r, "markov").statistical);
  CHECK(step(r, "markov").status == "slack");
  CHECK(step(r, "cauchy-schwarz").status == "slack");
  CHECK_FALSE(step(r, "second-moment").statistical);
  CHECK(step(r, "second-moment").status == "exact");  // E X_i^2 = M^2 sum_{j != i} alpha_j^2 = xi_i^2
  CHECK(step(r, "claim").statistical);
  CHECK(step(r, "claim").status == "slack");
}

TEST_CASE("proof_replay: Theorem 2 lower fails where non-selected points enter the ball (E7 (iv)), statistically",
          "[proof_replay]") {
  // r = 10 contains every rescaled point: N_s = 0 in every sample, while P(X_i > r) = 0.
  const auto r = replay_proof(
      Instance::from_json(separability("thm2.lower", "xi_a", {"0.4", "0.3", "0.2", "0.1"}, 2, "10")));
  CHECK_FALSE(r.first_false);  // nothing certified false: the failing steps are Monte Carlo
  REQUIRE(r.first_false_statistical);
  CHECK(r.steps[*r.first_false_statistical].name == "drop-outside-condition");
  CHECK(step(r, "markov").status == "slack");
  CHECK(step(r, "second-moment").status == "exact");
  CHECK(step(r, "claim").status == "false");
  CHECK(step(r, "claim").statistical);
  const auto j = to_json(r);
  CHECK(j["certified"] == false);
  CHECK(j["first_false_step"].is_null());
  CHECK(j["first_false_step_statistical"] == "drop-outside-condition");
  CHECK(j["monte_carlo"]["seed"] == EvalOptions{}.seed);
  CHECK(j["steps"][0]["method"] == "monte-carlo");
  CHECK(format_text(r).find("first statistically false step (Monte Carlo, not certified): 1. drop-outside-condition") !=
        std::string::npos);
}

TEST_CASE("proof_replay: Theorem 2 lower at d = 1 is certified step by step, it breaks at drop-outside-condition",
          "[proof_replay]") {
  // logits (1, 1), N = 1, r = M = 1, d = 1: E[N_s]/N = 0 exactly (exact-enumeration) and the per-token moments
  // are exact too (X_0 = 0: P(X_0 > r) = 0, E X_0 = 0): 1 - 0 <= 0 is certified false (E7 (iv)), the later
  // steps hold (exact), and the claim 1 <= 0 is certified false.
  auto raw = separability("thm2.lower", "xi_a", {"0.5", "0.5"}, 1, "1");
  raw["dimension"] = 1;
  const auto r = replay_proof(Instance::from_json(raw));
  for (const auto& st : r.steps) CHECK_FALSE(st.statistical);
  CHECK(r.certified);
  REQUIRE(r.first_false);
  CHECK(r.steps[*r.first_false].name == "drop-outside-condition");
  CHECK_FALSE(r.first_false_statistical);
  CHECK(step(r, "claim").status == "false");
  CHECK(step(r, "markov").status == "exact");
  const auto j = to_json(r);
  CHECK(j["certified"] == true);
  CHECK(j["first_false_step"] == "drop-outside-condition");
}

TEST_CASE("proof_replay: Theorem 2 upper at d = 1, exact moments, certified steps", "[proof_replay]") {
  // alpha = (0.5, 0.3, 0.2), I = all, M = 1, d = 1, r = 0.1: X_0 = |+-0.3 +- 0.2| in {0.1, 0.5} (0.1 = r: not
  // beyond), X_1 = |+-0.5 +- 0.2| in {0.3, 0.7}, X_2 = |+-0.5 +- 0.3| in {0.2, 0.8}: (1/N) sum P(X_i > r) =
  // (1/2 + 1 + 1)/3 = 5/6, and X_0 = r exactly is undecided from the inexact enclosures of 0.3, 0.2, 0.1: it
  // counts 0 and 1, so (1/N) sum P(X_i <= r) is enclosed in [0, 1/6]. No step is Monte Carlo.
  auto raw = separability("thm2.upper", "xi_a", {"0.5", "0.3", "0.2"}, 3, "0.1");
  raw["dimension"] = 1;
  const auto r = replay_proof(Instance::from_json(raw));
  for (const auto& st : r.steps) CHECK_FALSE(st.statistical);
  CHECK(r.certified);
  PrecisionScope scope(256);
  const auto& drop = step(r, "drop-outside-condition");
  CHECK(lower_end(from_decimal<Interval>(drop.rhs.lo)) <= Real(1) / 6);
  CHECK(Real(1) / 6 <= upper_end(from_decimal<Interval>(drop.rhs.hi)));
}

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

TEST_CASE("proof_replay: Theorem 2 upper: Hoeffding holds, xi_i in place of E X_i does not (E7 (iii))",
          "[proof_replay]") {
  // N = L, r = 0.1 below every X_i (X_0 >= 0.3 - 0.2): P(X_i <= r) = 0 in every sample.
  const auto r = replay_proof(Instance::from_json(separability("thm2.upper", "xi_a", {"0.5", "0.3", "0.2"}, 3, "0.1")));
  CHECK_FALSE(r.first_false);
  CHECK(step(r, "drop-outside-condition").status == "exact");
  CHECK(step(r, "hoeffding").status == "slack");
  CHECK(step(r, "cauchy-schwarz").status == "slack");
  CHECK(step(r, "second-moment").status == "exact");
  CHECK(step(r, "claim").status == "slack");  // the claim holds, its derivation does not
  REQUIRE(r.first_false_statistical);
  CHECK(r.steps[*r.first_false_statistical].name == "spread-for-mean");
}

TEST_CASE("proof_replay: Lemma 2 spectral holds step by step, S = L min F is exact at equal logits", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(equal_logits(6, "spectral")));
  check_no_false_step(r);
  CHECK(step(r, "quotient-rule").status == "exact");
  CHECK(step(r, "triangle").status == "slack");  // ||J||_2 = 1/(LT) < 2/(LT)
  CHECK(step(r, "alpha-norm").status == "exact");
  CHECK(step(r, "sum-at-least-L-min").status == "exact");
  CHECK(step(r, "claim").status == "slack");
  const auto g = replay_proof(Instance::from_json(
      {{"statement", "lemma2.jacobian"}, {"logits", {"-1.5", "0.25", "2", "0.7"}}, {"F", "softplus"}, {"temperature", "0.5"}}));
  check_no_false_step(g);
  CHECK(step(g, "sum-at-least-L-min").status == "slack");
}

TEST_CASE("proof_replay: Lemma 2 Frobenius breaks at the diagonal norm, the claim fails from L = 6 at equal logits",
          "[proof_replay]") {
  // Equal logits: ||J||_F = sqrt(L-1)/(LT), bound 2/(LT): equal at L = 5, violated from L = 6.
  const auto six = replay_proof(Instance::from_json(equal_logits(6, "frobenius")));
  REQUIRE(six.first_false);
  CHECK(six.steps[*six.first_false].name == "diagonal-norm");
  CHECK(step(six, "triangle").status == "slack");
  CHECK(step(six, "claim").status == "false");
  const auto five = replay_proof(Instance::from_json(equal_logits(5, "frobenius")));
  REQUIRE(five.first_false);
  CHECK(five.steps[*five.first_false].name == "diagonal-norm");
  CHECK(step(five, "claim").status == "exact");
}
