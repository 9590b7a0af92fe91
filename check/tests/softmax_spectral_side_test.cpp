// softmax_spectral_side: the witness routes (a certificate's shift and vector, never trusted) and the checker's
// own estimate, which decides margins that the cheap bounds leave open.
#include "check/softmax_spectral_side.hpp"
#include "check/softmax_jacobian_bounds.hpp"
#include "check/softmax_jacobian_eigen_estimate.hpp"
#include "check/softmax_weights.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

TEST_CASE("softmax spectral side: the own estimate decides a violation by a 1e-20 margin", "[check][softmax_spectral_side]") {
  const long prec = 256;
  std::vector<Ball> z(64, Ball(0));
  z[0] = Ball(2);
  const Weights w = softmax_weights(z, prec);
  const auto e = softmax_jacobian_eigen_estimate(w, Ball(1), prec);
  REQUIRE(e);
  const Ball lambda = *softmax_jacobian_rayleigh(w, e->vector, Ball(1), prec);
  const Ball eps = parse_decimal("1e-20", prec, "eps");
  const Ball above = add(lambda, mul(lambda, eps, prec), prec), below = sub(lambda, mul(lambda, eps, prec), prec);
  const nlohmann::json none;
  // b above lambda: b I - J positive definite proves it with or without the estimate; b below lambda: only the
  // estimate's vector gives a lower bound above b (the diagonal and the top pair are far below).
  CHECK(softmax_spectral_side(w, Ball(1), above, none, prec, false).holds_by_other);
  const SideEval a1 = softmax_spectral_side(w, Ball(1), above, none, prec, true);
  CHECK(a1.holds_by_other);
  CHECK(certainly_lt(a1.pairs[0].first, add(lambda, mul(lambda, mul(eps, eps, prec), prec), prec)));  // tight enclosure
  const SideEval b0 = softmax_spectral_side(w, Ball(1), below, none, prec, false);
  CHECK_FALSE(certainly_lt(b0.pairs[0].second, b0.pairs[0].first));
  const SideEval b1 = softmax_spectral_side(w, Ball(1), below, none, prec, true);
  CHECK(certainly_lt(b1.pairs[0].second, b1.pairs[0].first));
  CHECK_FALSE(b1.holds_by_other);
}

TEST_CASE("softmax spectral side: a witness shift below lambda_max proves nothing", "[check][softmax_spectral_side]") {
  const Weights w = softmax_weights({Ball(0), Ball(0)}, 128);  // lambda_max = 1/2
  const auto side = softmax_spectral_side(w, Ball(1), Ball(1), nlohmann::json::parse(R"({"shift":"0.4999"})"), 128);
  REQUIRE(side.holds_by_witness);
  CHECK_FALSE(*side.holds_by_witness);  // s I - J is not positive definite: the claim needs another route
  const auto ok = softmax_spectral_side(w, Ball(1), Ball(1), nlohmann::json::parse(R"({"shift":"0.5001","vector":["1","-1"]})"), 128);
  CHECK(*ok.holds_by_witness);
  CHECK_FALSE(*ok.violated_by_witness);  // quotient 1/2 is not > 1
}
