// Hand-derived cases for alt.low_temperature (theory/alt_low_temperature.hpp): the guideline certified to hold
// on a near-tie (||J|| rises, d~ falls, N_s/N flat), violated under a gap (||J|| collapses), the 1/T reading
// exact at a tie and false under a gap, the collapse bound, and the hypotheses T2 < T1, T2 <= 1/10.
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;
using attnbound::test::thrown_field;

namespace {
// sigma(u) sigma(-u) = e^u/(1 + e^u)^2.
Real logistic_product(const Real& u) { return exp(u) / ((1 + exp(u)) * (1 + exp(u))); }
}  // namespace

TEST_CASE("alt.low_temperature: guideline certified on a near-tie, violated under a gap", "[alt]") {
  PrecisionScope scope(256);
  // logits (0.01, 0), x = (1), (3), N = 1, T1 = 1, T2 = 1/10. L = 2: ||J(T)|| = 2 p0 p1/T with p0 = sigma(g/T);
  // d~ = |3 p1 - p0| = 3 - 4 p0 (p0 < 3/4); N_s = 1 at both (token 0 sits at s).
  const std::string near_tie =
      R"({"statement":"alt.low_temperature","logits":["0.01","0"],"x":[[1],[3]],"top_n":1,"temperature":"1","low_temperature":"0.1"})";
  const auto r = run<Real>(near_tie);
  REQUIRE(r.sides.size() == 3);
  const Real p_hi = 1 / (1 + exp(Real("-0.01"))), p_lo = 1 / (1 + exp(Real("-0.1")));
  CHECK(near(r.sides[0].quantity, 2 * logistic_product(Real("0.1")) / Real("0.1")));
  CHECK(near(r.sides[0].bound, 2 * logistic_product(Real("0.01"))));
  CHECK(near(r.sides[1].quantity, 3 - 4 * p_lo));
  CHECK(near(r.sides[1].bound, 3 - 4 * p_hi));
  CHECK(r.sides[2].quantity == 1);
  CHECK(r.sides[2].bound == 1);
  const auto i = run<Interval>(near_tie);
  CHECK(i.choices_certified);
  CHECK(lower_end(i.sides[0].quantity) >= upper_end(i.sides[0].bound));  // ||J|| rises: ~4.999 >= ~0.49999
  CHECK(upper_end(i.sides[1].quantity) <= lower_end(i.sides[1].bound));  // d~ falls: 0.9002 <= 0.98
  CHECK(upper_end(i.sides[2].quantity) <= lower_end(i.sides[2].bound));  // 1 <= 1, exact
  // Gap 1 at T2 = 1/10: ||J(T2)|| = 20 sigma(10) sigma(-10) ~ 9.1e-4 < ||J(T1)|| = 2 sigma(1) sigma(-1) ~ 0.39.
  const auto g = run<Interval>(
      R"({"statement":"alt.low_temperature","logits":[1,0],"x":[[1],[3]],"top_n":1,"temperature":1,"low_temperature":"0.1"})");
  CHECK(upper_end(g.sides[0].quantity) < lower_end(g.sides[0].bound));
  const auto gr = run<Real>(
      R"({"statement":"alt.low_temperature","logits":[1,0],"x":[[1],[3]],"top_n":1,"temperature":1,"low_temperature":"0.1"})");
  CHECK(near(gr.sides[0].quantity, 20 * logistic_product(Real(10))));
}

TEST_CASE("alt.low_temperature: the 1/T reading is exact at a tie, false under a gap", "[alt]") {
  PrecisionScope scope(256);
  // All tied: p = 1/L at every T, ||J(T)|| = 1/(L T): L = 3, T1 = 1/2, T2 = 1/20: 20/3 = (T1/T2) (2/3).
  const auto tie = run<Real>(
      R"({"statement":"alt.low_temperature","variant":"one_over_T","logits":[2,2,2],"x":[[1],[0],[1]],"top_n":2,"temperature":"0.5","low_temperature":"0.05"})");
  CHECK(near(tie.sides[0].quantity, Real(20) / 3));
  CHECK(near(tie.sides[0].bound, Real(20) / 3));
  // Gap 0.5, T1 = 1, T2 = 0.1 (default T1/10): 20 sigma(5) sigma(-5) < 10 * 2 sigma(1/2) sigma(-1/2).
  const auto gap = run<Interval>(
      R"({"statement":"alt.low_temperature","variant":"one_over_T","logits":["0.5",0],"x":[[1],[0]],"top_n":1,"temperature":1})");
  CHECK(upper_end(gap.sides[0].quantity) < lower_end(gap.sides[0].bound));
}

TEST_CASE("alt.low_temperature: the 1/T reading holds at L = 3 when the weight moves onto a tie", "[alt]") {
  PrecisionScope scope(256);
  // logits (0, 0, -3), T1 = 1, T2 = 1/10. A = diag p - p p^T with p = (a, a, b): (1, -1, 0)/sqrt 2 is an
  // eigenvector with eigenvalue a, and the other two are below it here (a = e^3/(2e^3 + 1) ~ 0.4881 at T1,
  // ~ 0.5 - 5e-14 at T2). So ||J(T2)|| ~ 5 > 10 ||J(T1)|| ~ 4.881: the "1/T" growth is exceeded although the
  // third token sits 3 below the tie, so a gap alone does not make the reading false at L >= 3.
  const std::string lifted =
      R"({"statement":"alt.low_temperature","variant":"one_over_T","logits":[0,0,-3],"x":[[1],[0],[2]],"top_n":2,"temperature":1,"low_temperature":"0.1"})";
  const Real e3 = exp(Real(3));
  const auto r = run<Real>(lifted);
  CHECK(near(r.sides[0].bound, 10 * e3 / (2 * e3 + 1)));
  const auto i = run<Interval>(lifted);
  CHECK(i.choices_certified);
  CHECK(lower_end(i.sides[0].quantity) > upper_end(i.sides[0].bound));
}

TEST_CASE("alt.low_temperature: collapse bound, ratio p_k at L = 2, L = 1", "[alt]") {
  PrecisionScope scope(256);
  const auto c = run<Real>(
      R"({"statement":"alt.low_temperature","variant":"collapse","logits":[1,0],"x":[[1],[0]],"top_n":1,"temperature":"0.5","low_temperature":"0.01"})");
  REQUIRE(c.sides.size() == 2);
  for (const auto& [side, T] : {std::pair{0, Real("0.5")}, std::pair{1, Real("0.01")}}) {
    const Real pk = 1 / (1 + exp(-1 / T));
    CHECK(near(c.sides[side].bound, 2 * (1 - pk) / T, Real("1e-70")));
    CHECK(near(c.sides[side].quantity, pk * c.sides[side].bound, Real("1e-70")));
  }
  const auto one = run<Real>(
      R"({"statement":"alt.low_temperature","variant":"collapse","logits":[7],"x":[[1]],"top_n":1,"temperature":"0.2"})");
  CHECK(one.sides[0].quantity == 0);
  CHECK(one.sides[0].bound == 0);
}

TEST_CASE("alt.low_temperature: hypotheses", "[alt]") {
  const std::string base = R"({"statement":"alt.low_temperature","logits":[1,0],"x":[[1],[0]],"top_n":1,)";
  CHECK(thrown_field<HypothesisError>(base + R"("temperature":"0.1","low_temperature":"0.1"})") == "low_temperature");
  CHECK(thrown_field<HypothesisError>(base + R"("temperature":"5","low_temperature":"0.2"})") == "low_temperature");
  CHECK(thrown_field<HypothesisError>(base + R"("temperature":"2"})") == "temperature");  // default 0.2 > 1/10
  CHECK(thrown_field<HypothesisError>(base + R"("temperature":"0"})") == "temperature");
  CHECK(thrown_field<HypothesisError>(base + R"("temperature":"1","tolerance":"-1"})") == "tolerance");
  CHECK(thrown_field<HypothesisError>(base + R"("temperature":"1","low_temperature":"0.1"})") == "<none>");
  CHECK(thrown_field<HypothesisError>(
            R"({"statement":"alt.low_temperature","logits":[1,0],"x":[[1],[0]],"top_n":3,"temperature":"1"})") ==
        "top_n");
}
