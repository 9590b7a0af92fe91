// Tests of verify/certify in the style of the MPFR/Arb suites: verdicts on known cases (equalities, known
// violations, precision escalation), containment of a much higher precision point value in the enclosures,
// and overlap of the enclosures obtained at two precisions.
#include "testing/catch.hpp"
#include "verify/certify.hpp"

#include <random>

using namespace attnbound;

namespace {
Instance cor3(const std::string& id, const std::string& variant, const std::vector<std::string>& logits,
              const std::string& T) {
  nlohmann::json j{{"statement", id}, {"variant", variant}, {"logits", logits}, {"temperature", T}};
  return Instance::from_json(j);
}

// Exact enclosure of a printed decimal end at 8192 bits.
Real lower_of_text(const std::string& t) { return lower_end(from_decimal<Interval>(t)); }
Real upper_of_text(const std::string& t) { return upper_end(from_decimal<Interval>(t)); }

// A statement whose enclosures never shrink with the precision: quantity = [0.9, 1.1], bound = 1.
Evaluation<double> flat_double(const Instance&, const std::string&, const EvalOptions&) { return {}; }
Evaluation<Real> flat_real(const Instance&, const std::string&, const EvalOptions&) { return {}; }
Evaluation<Interval> flat_interval(const Instance& inst, const std::string&, const EvalOptions&) {
  Evaluation<Interval> e;
  e.sides.push_back({"claim", Relation::at_most, hull(Real(0.9), Real(1.1)), Interval(1), std::nullopt});
  if (inst.has("monte_carlo")) {
    e.method = "monte-carlo";
    e.confidence = 0.99;
    e.sides[0].quantity = Interval(from_decimal<Interval>("0.5"));
  }
  if (inst.has("uncertain_choice")) e.choices_certified = false;
  return e;
}
Statement flat_statement() {
  return {{"test.flat", "flat", "none", "none", {"monte_carlo", "uncertain_choice"}, {{"only", "q <= 1", "test"}}},
          &flat_double, &flat_real, &flat_interval};
}
}  // namespace

TEST_CASE("certify: Corollary 3 spectral reading at a two-way tie is a certified violation", "[certify]") {
  const auto r = certify(cor3("cor3.softmax_jacobian", "spectral", {"0", "0"}, "1"));
  CHECK(r.verdict == Verdict::violated);
  CHECK(r.certified);
  CHECK(r.method == "interval");
  CHECK(r.steps.size() == 1);  // decided at the starting precision
  CHECK(lower_of_text(r.sides[0].quantity.lo) > upper_of_text(r.sides[0].bound.hi));
  CHECK(r.sides[0].ratio.value() == Approx(2.0));
}

TEST_CASE("certify: the corrected forms are tight at a two-way tie (equality never guessed)", "[certify]") {
  for (const std::string variant : {"spectral", "frobenius", "per_weight", "max_weight"}) {
    INFO(variant);
    CertifyOptions o;
    o.max_bits = 1024;
    // 0.1 and 0.3 are not binary fractions, so the enclosures have positive width at every precision.
    const auto r = certify(cor3("cor3.softmax_jacobian.corrected", variant, {"0.1", "0.1"}, "0.3"), o);
    CHECK(r.verdict == Verdict::tight);
    CHECK(r.precision_bits >= 1024);
    CHECK(r.steps.size() == 5);  // 64 .. 1024: it escalated to the cap
    for (const auto& s : r.steps) CHECK(s.verdict == Verdict::undecided);
    CHECK(r.sides[0].margin.width < 1e-250);
  }
}

TEST_CASE("certify: an equality computed exactly (binary-fraction tie) is a certified 'holds'", "[certify]") {
  // logits 2.5, 2.5 and T = 1/4: p = (1/2, 1/2) exactly, ||J||_2 = 2 = 1/(2T) with zero-width enclosures,
  // so hi(q) <= lo(b) is a proof of q <= b (with equality).
  for (const std::string variant : {"spectral", "frobenius", "max_weight"}) {
    INFO(variant);
    const auto r = certify(cor3("cor3.softmax_jacobian.corrected", variant, {"2.5", "2.5"}, "0.25"));
    CHECK(r.verdict == Verdict::holds);
    CHECK(r.sides[0].margin.lo == "0");
    CHECK(r.sides[0].margin.hi == "0");
    CHECK(r.sides[0].margin.width == 0);
  }
}

TEST_CASE("certify: corrected bound holds strictly away from ties", "[certify]") {
  const auto r = certify(cor3("cor3.softmax_jacobian.corrected", "spectral", {"0", "1", "-3"}, "1"));
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.certified);
  CHECK(r.steps.size() == 1);
}

TEST_CASE("certify: logits near 1e6 with T = 1e-3 need precision escalation", "[certify]") {
  // p_1 - 1/2 ~ 2.5e-16, so ||J||_2 = 2 p_1 p_2 / T = 1/(2T) - 4 (p_1 - 1/2)^2 / T: a margin ~2.5e-28 on 500.
  const auto r = certify(
      cor3("cor3.softmax_jacobian.corrected", "spectral", {"1000000", "1000000.000000000000000001"}, "0.001"));
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.certified);
  REQUIRE(r.steps.size() >= 2);
  CHECK(r.steps.front().verdict == Verdict::undecided);
  CHECK(r.precision_bits > 64);
  CHECK(lower_of_text(r.sides[0].margin.lo) > 0);
}

TEST_CASE("certify: enclosures contain the 2048-bit point value (containment)", "[certify]") {
  std::mt19937_64 rng(20251128);
  std::uniform_int_distribution<int> d(-100000, 100000);
  for (int trial = 0; trial < 30; ++trial) {
    std::vector<std::string> logits;
    for (int i = 0; i < 2 + trial % 7; ++i) logits.push_back(std::to_string(d(rng)) + "e-4");
    const std::string T = trial % 3 == 0 ? "0.001" : trial % 3 == 1 ? "1" : "37.5";
    for (const std::string variant : {"spectral", "frobenius", "per_weight"}) {
      INFO("trial " << trial << " variant " << variant);
      const Instance inst = cor3("cor3.softmax_jacobian", variant, logits, T);
      CertifyOptions o;
      o.max_bits = 64;
      const auto r = certify(inst, o);
      PrecisionScope scope(2048);
      const auto e = find_statement("cor3.softmax_jacobian").evaluate_real(inst, variant, {});
      CHECK(lower_of_text(r.sides[0].quantity.lo) <= e.sides[0].quantity);
      CHECK(e.sides[0].quantity <= upper_of_text(r.sides[0].quantity.hi));
      CHECK(lower_of_text(r.sides[0].bound.lo) <= e.sides[0].bound);
      CHECK(e.sides[0].bound <= upper_of_text(r.sides[0].bound.hi));
    }
  }
}

TEST_CASE("certify: results at 64 and 1024 bits overlap and the higher one is narrower", "[certify]") {
  const Instance inst = cor3("cor3.softmax_jacobian", "spectral", {"0.125", "-3.5", "7", "6.999"}, "0.01");
  CertifyOptions lo, hi;
  lo.max_bits = 64;
  hi.start_bits = 1024;
  hi.max_bits = 1024;
  const auto a = certify(inst, lo), b = certify(inst, hi);
  PrecisionScope scope(4096);
  CHECK(lower_of_text(a.sides[0].quantity.lo) <= upper_of_text(b.sides[0].quantity.hi));
  CHECK(lower_of_text(b.sides[0].quantity.lo) <= upper_of_text(a.sides[0].quantity.hi));
  CHECK(b.sides[0].quantity.width < a.sides[0].quantity.width);
  CHECK(b.precision_bits >= 1024);
}

TEST_CASE("certify: enclosures that do not contract are undecided, never tight", "[certify]") {
  const Statement st = flat_statement();
  CertifyOptions o;
  o.max_bits = 256;
  const auto r = certify(st, Instance::from_json({{"statement", "test.flat"}}), "only", o);
  CHECK(r.verdict == Verdict::undecided);
  CHECK(r.steps.size() == 3);
  CHECK_FALSE(r.certified);  // "certified": true stands only beside holds or violated
  CHECK(r.sides[0].quantity.width >= 0.2);
}

TEST_CASE("certify: Monte Carlo and uncertified choices make the result uncertified", "[certify]") {
  const Statement st = flat_statement();
  const auto mc = certify(st, Instance::from_json({{"statement", "test.flat"}, {"monte_carlo", 1}}), "only");
  CHECK(mc.verdict == Verdict::holds);
  CHECK_FALSE(mc.certified);
  CHECK(mc.method == "monte-carlo");
  CHECK(mc.confidence.value() == 0.99);
  CHECK(mc.steps.size() == 1);  // statistical widths are not escalated
  const auto j = to_json(mc);
  CHECK(j["certified"] == false);
  CHECK(j["verdict"] == "statistically holds");  // never the bare word of a proof
  CHECK(j["confidence"] == 0.99);
  const auto ch = certify(st, Instance::from_json({{"statement", "test.flat"}, {"uncertain_choice", 1}}), "only");
  CHECK_FALSE(ch.certified);
  CHECK_FALSE(ch.choices_certified);
  CHECK(ch.verdict == Verdict::undecided);  // a word that rests on an uncertified choice is not said
}

TEST_CASE("certify: JSON carries directed ends, widths, precision and method", "[certify]") {
  const auto j = to_json(certify(cor3("cor3.softmax_jacobian", "frobenius", {"0", "0"}, "1")));
  CHECK(j["verdict"] == "violated");
  CHECK(j["certified"] == true);
  CHECK(j["method"] == "interval");
  CHECK(j["precision_bits"].get<unsigned>() >= 64);
  CHECK(j["widths"]["quantity"].get<double>() >= 0);
  CHECK(j["quantity"]["lo"].is_string());
  CHECK(j["escalation"].size() == 1);
}

TEST_CASE("certify: hypothesis errors propagate", "[certify]") {
  CHECK_THROWS_AS(certify(cor3("cor3.softmax_jacobian", "spectral", {"0", "1"}, "0")), HypothesisError);
}

// Soundness regressions (the soundness issue): the decision boundaries of the verdict rules.

// Two top logits a hair apart and 200 equal low logits (T = 1) with ||J||_2 = 1/4 - 1.99 * 2^-261 (mpmath at
// 1600 bits; theory/tests/jacobian_norms_test.cpp checks the value by a 3x3 reduction): the engine once said
// "violated", certified, at its first precision (261 bits). The bound holds.
TEST_CASE("certify: the cor3 spectral near-tie at 261 bits is not a certified violation", "[certify][soundness]") {
  std::vector<std::string> logits{"4.6051701859880913680359829093687284152022029772575459520666558019351452193547319808843611619228182742323263048", "4.6051701859880913680359829093687284152022029772575459520666558019351452193546693470719153394631726597154413449"};
  logits.resize(202, "0");
  const auto r = certify(cor3("cor3.softmax_jacobian", "spectral", logits, "1"));
  INFO(to_json(r).dump(2));
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.certified);
  CHECK(r.precision_bits > 261);  // 261 bits cannot decide it
}

TEST_CASE("certify: certified is said only beside holds or violated", "[certify][soundness]") {
  const std::vector<Instance> instances{
      // Exact equality at a two-way tie (the corrected bound is attained): tight, never certified.
      cor3("cor3.softmax_jacobian.corrected", "spectral", {"1", "1"}, "0.1"),
      cor3("cor3.softmax_jacobian.corrected", "frobenius", {"3", "3"}, "0.1"),
      // Equal logits far below zero: weights 1/2, enclosures narrow.
      Instance::from_json({{"statement", "lemma1.vanishing"}, {"logits", {"-800000000", "-800000000"}}, {"temperature", "1"}}),
      cor3("cor3.softmax_jacobian", "spectral", {"1000", "0"}, "1e-6"),
      cor3("cor3.softmax_jacobian.corrected", "spectral", {"1e7", "0"}, "1e-12"),
  };
  for (const auto& inst : instances) {
    const auto r = certify(inst);
    const auto j = to_json(r);
    INFO(j.dump(2));
    if (r.certified) CHECK((r.verdict == Verdict::holds || r.verdict == Verdict::violated));
    if (r.verdict == Verdict::tight) CHECK_FALSE(r.certified);
    CHECK(j["certified"] == r.certified);
  }
  const auto tie = certify(instances[0]);
  CHECK(tie.verdict == Verdict::tight);
  CHECK_FALSE(tie.certified);
}

// Weights far below MPFR's default exponent range (about 2^-1.07e9): e^-2.5e9 and e^-1e9. The truth, at
// index 1: alpha_1 = 1/(1 + e^2.5e9) < e^-1e9 / 2 = (1/L) e^{-2 Delta_1/T}, so the literal reading's lower
// side is violated there (once the engine named index 0 and its headline said "holds").
TEST_CASE("certify: cor1 literal with an underflowing weight reports the violated index", "[certify][soundness]") {
  nlohmann::json j{{"statement", "cor1.softmax_weights"}, {"variant", "literal"}, {"query", {"1"}},
                   {"keys", {{"2000"}, {"-500"}}}, {"temperature", "1e-6"}};
  const auto r = certify(Instance::from_json(j));
  INFO(to_json(r).dump(2));
  REQUIRE(r.sides.size() == 2);
  CHECK(r.sides[1].index.value() == 1);
  CHECK(r.sides[1].verdict == Verdict::violated);
  CHECK(r.verdict == Verdict::violated);
  CHECK(r.certified);
  // alpha_1 = e^-2.5e9 / (1 + e^-2.5e9) is about 1.745e-1085736205: the enclosure holds it.
  PrecisionScope scope(128);
  CHECK(r.sides[1].quantity.lo.rfind("1.7453", 0) == 0);
  CHECK(r.sides[1].quantity.lo.find("e-1085736205") != std::string::npos);
}

// Theorem 2's known counterexample (issue 14): logits (1, 1), N = 1, d = 1, r = M = 1. E[N_s] is an exact sum
// over the sign patterns (method exact-enumeration): the non-selected distance |x_1 - x_0|/2 is 0 or exactly
// r = 1, never > r, so E[N_s]/N = 0 < 1 = the bound: a certified violation, not a Monte Carlo one. At d = 2
// (alpha = (1/2, 1/2), r = 1/2) the interval integration gives a certified enclosure of 2/3 < 1.
TEST_CASE("certify: thm2.lower counterexample at d = 1 is certified violated by exact enumeration", "[certify][thm2]") {
  for (const std::string variant : {"xi_a", "xi_b"}) {
    nlohmann::json j{{"statement", "thm2.lower"}, {"variant", variant}, {"logits", {"1", "1"}}, {"temperature", "1"},
                     {"top_n", 1}, {"radius", "1"}, {"sphere_radius", "1"}, {"dimension", 1}, {"delta", "1"}};
    const auto r = certify(Instance::from_json(j));
    const auto out = to_json(r);
    INFO(out.dump(2));
    CHECK(r.method == "exact-enumeration");
    CHECK(r.verdict == Verdict::violated);
    CHECK(r.certified);
    CHECK(out["verdict"] == "violated");
    CHECK(out["certified"] == true);
    CHECK(out["method"] == "exact-enumeration");
    CHECK_FALSE(out.contains("confidence"));
    CHECK(lower_of_text(out["quantity"]["lo"]) == 0);
    CHECK(upper_of_text(out["quantity"]["hi"]) == 0);
    CHECK(r.steps.size() == 1);  // decided at the first precision
  }
  nlohmann::json circle{{"statement", "thm2.lower"}, {"weights", {"0.5", "0.5"}}, {"top_n", 1}, {"radius", "0.5"},
                        {"sphere_radius", "1"}, {"dimension", 2}};
  const auto c = certify(Instance::from_json(circle));
  INFO(to_json(c).dump(2));
  CHECK(c.method == "interval-integration");
  CHECK(c.verdict == Verdict::violated);
  CHECK(c.certified);
  PrecisionScope scope(128);
  CHECK(lower_of_text(c.sides[0].quantity.lo) <= Real(2) / 3);
  CHECK(Real(2) / 3 <= upper_of_text(c.sides[0].quantity.hi));
  // d = 3 stays Monte Carlo: statistical, never certified.
  circle["dimension"] = 3;
  const auto mc = certify(Instance::from_json(circle));
  CHECK(mc.method == "monte-carlo");
  CHECK_FALSE(mc.certified);
  CHECK(to_json(mc)["verdict"] == "statistically violated");
}
