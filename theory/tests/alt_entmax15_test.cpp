// Hand-derived cases for alt.entmax15 (theory/alt_entmax15.hpp): ||J||_2 = 1/sqrt 2 at a two-way tie (the
// max_weight bound attained), the two-token supremum exceeded by a large support, the gap bound.
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;

namespace {
std::string dominant_over_zeros(const char* top, int zeros) {
  std::string logits = std::string("[\"") + top + "\"";
  for (int i = 0; i < zeros; ++i) logits += ",0";
  return logits + "]";
}
}  // namespace

TEST_CASE("alt.entmax15: two-way tie, ||J||_2 = sqrt(max p) = 1/sqrt 2", "[alt]") {
  PrecisionScope scope(256);
  const Real h = 1 / sqrt(Real(2));
  for (const char* v : {"spectral", "max_weight", "two_token"}) {
    INFO(v);
    const auto e = run<Real>(std::string(R"({"statement":"alt.entmax15","logits":[0,0],"variant":")") + v + "\"}");
    CHECK(near(e.sides[0].quantity, h));
  }
  CHECK(near(run<Real>(R"({"statement":"alt.entmax15","variant":"max_weight","logits":[0,0]})").sides[0].bound, h));
  CHECK(run<Real>(R"({"statement":"alt.entmax15","logits":[0,0]})").sides[0].bound == 1);
  // One-point support: J = 0.
  CHECK(near(run<Real>(R"({"statement":"alt.entmax15","logits":[5,0]})").sides[0].quantity, Real(0)));
}

TEST_CASE("alt.entmax15: a dominant logit over 63 equal ones exceeds 1/sqrt 2, still below 1", "[alt]") {
  PrecisionScope scope(256);
  const std::string logits = dominant_over_zeros("1.68", 63);
  const auto t = run<Interval>(R"({"statement":"alt.entmax15","variant":"two_token","logits":)" + logits + "}");
  CHECK(t.choices_certified);
  CHECK(lower_end(t.sides[0].quantity) > upper_end(t.sides[0].bound));  // ~0.7257 > 0.7071, certified
  const auto s = run<Interval>(R"({"statement":"alt.entmax15","variant":"max_weight","logits":)" + logits + "}");
  CHECK(upper_end(s.sides[0].quantity) < lower_end(s.sides[0].bound));
}

TEST_CASE("alt.entmax15: vanishing, max p >= min(1, (gap/2)^2)", "[alt]") {
  PrecisionScope scope(256);
  // gap 2: y = (1, 0), tau = 0, p = (1, 0): 1 >= 1 with equality.
  const auto one = run<Real>(R"({"statement":"alt.entmax15","variant":"vanishing","logits":[2,0]})");
  CHECK(near(one.sides[0].quantity, Real(1)));
  CHECK(near(one.sides[0].bound, Real(1)));
  // Two tokens, d = 1/2: p_1 = (1 + d sqrt(2 - d^2))/2, bound (1/2)^2.
  const auto two = run<Real>(R"({"statement":"alt.entmax15","variant":"vanishing","logits":[1,0]})");
  const Real d("0.5");
  CHECK(near(two.sides[0].quantity, (1 + d * sqrt(2 - d * d)) / 2));
  CHECK(near(two.sides[0].bound, Real("0.25")));
  CHECK(two.sides[0].relation == Relation::at_least);
}
