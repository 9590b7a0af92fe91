// exact_reference.hpp: the grouped reduction against closed forms (two-way ties, equal logits, two logits)
// and the tuned instances sit near the bound.
#include "soundness/exact_reference.hpp"
#include "testing/catch.hpp"

using namespace attnbound;
using namespace attnbound::soundness;

TEST_CASE("grouped reduction: closed forms at ties and for two logits", "[soundness]") {
  PrecisionScope scope(300);
  // Two-way tie: ||J||_2 = 1/(2T), frobenius 1/(2T), row norm sqrt2/(4T).
  auto v = cor3_reference("cor3.softmax_jacobian.corrected", "spectral", {"0", "0"}, "0.1");
  REQUIRE(v);
  CHECK(abs(v->quantity - Real(5)) < Real(1e-70));
  CHECK(v->bound == Real(5));
  v = cor3_reference("cor3.softmax_jacobian.corrected", "per_weight", {"3", "3"}, "1");
  CHECK(abs(v->quantity - v->bound) < Real(1e-70));
  // L equal logits: lambda_max = 1/L (the within-group eigenvalue).
  v = cor3_reference("cor3.softmax_jacobian", "spectral", std::vector<std::string>(7, "2"), "1");
  CHECK(abs(v->quantity - Real(1) / 7) < Real(1e-70));
  // Two logits: 2 p1 p2 / T for spectral and frobenius.
  for (const char* norm : {"spectral", "frobenius"}) {
    v = cor3_reference("cor3.softmax_jacobian", norm, {"1", "0"}, "1");
    const Real p1 = 1 / (1 + exp(Real(-1)));
    CHECK(abs(v->quantity - 2 * p1 * (1 - p1)) < Real(1e-70));
  }
}

TEST_CASE("grouped lambda_max agrees with the 3x3 determinant", "[soundness]") {
  PrecisionScope scope(300);
  // weights 0.5, 0.3 and 2 x 0.1: the eigenvalue solves det(diag(d) - z z^T - lambda) = 0 on the 3 groups.
  const std::vector<Real> d{Real("0.5"), Real("0.3"), Real("0.1")};
  const Real lambda = grouped_lambda_max(d, {1, 1, 2});
  // secular function at lambda: 1 - sum m_g d_g^2/(d_g - lambda) = 0
  const Real f = 1 - d[0] * d[0] / (d[0] - lambda) - d[1] * d[1] / (d[1] - lambda) - 2 * d[2] * d[2] / (d[2] - lambda);
  CHECK(abs(f) < Real(1e-60));
  CHECK(lambda > d[1]);
  CHECK(lambda < d[0]);
}

TEST_CASE("tuned Corollary 3 instances sit within 2^-(bits-8) of the bound", "[soundness]") {
  for (const char* norm : {"spectral", "frobenius", "per_weight"}) {
    const auto grouped = tune_grouped_cor3("cor3.softmax_jacobian", norm, "1", 200, 270, 261);
    const auto two = tune_two_logit_cor3("cor3.softmax_jacobian", norm, "1", 261);
    REQUIRE(grouped);
    REQUIRE(two);
    for (const auto& logits : {*grouped, *two}) {
      PrecisionScope scope(1200);
      const auto v = cor3_reference("cor3.softmax_jacobian", norm, logits, "1");
      CHECK(abs(v->quantity - v->bound) < ldexp(Real(1), -250));
      CHECK(abs(v->quantity - v->bound) > 0);
    }
  }
}
