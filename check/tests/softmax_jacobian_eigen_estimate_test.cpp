// softmax_jacobian_eigen_estimate: the bisection of the secular equation brackets lambda_max tightly; the
// vector's Rayleigh quotient and the shift are then proved by the bounds of check/softmax_jacobian_bounds.hpp.
#include "check/softmax_jacobian_bounds.hpp"
#include "check/softmax_jacobian_eigen_estimate.hpp"
#include "check/softmax_weights.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

TEST_CASE("eigen estimate: Rayleigh quotient and shift bracket lambda_max to 2^-150 at 256 bits", "[check][softmax_jacobian_eigen_estimate]") {
  const long prec = 256;
  // z = (2, 0 x 63): one dominant weight and 63 equal small ones, where the cheap bounds are loose.
  std::vector<Ball> z(64, Ball(0));
  z[0] = Ball(2);
  const Weights w = softmax_weights(z, prec);
  const Ball T = parse_decimal("0.5", prec, "T");
  const auto e = softmax_jacobian_eigen_estimate(w, T, prec);
  REQUIRE(e);
  const auto rq = softmax_jacobian_rayleigh(w, e->vector, T, prec);
  REQUIRE(rq);
  CHECK(softmax_jacobian_shift_is_upper(w, e->shift, T, prec));
  Ball gap = sub(e->shift, *rq, prec);
  arb_mul_2exp_si(gap.get(), gap.get(), 150);
  CHECK(certainly_lt(gap, Ball(1)));  // shift - quotient < 2^-150: both within that of lambda_max (Newton, ~9 steps)
  // The cheap lower bounds are far below it.
  CHECK(certainly_lt(softmax_jacobian_spectral_lower(w, T, prec), *rq));
}

TEST_CASE("eigen estimate: nothing at a tie of the two largest weights or for L = 1", "[check][softmax_jacobian_eigen_estimate]") {
  CHECK_FALSE(softmax_jacobian_eigen_estimate(softmax_weights({Ball(0), Ball(0), Ball(-1)}, 128), Ball(1), 128));
  CHECK_FALSE(softmax_jacobian_eigen_estimate(softmax_weights({Ball(3)}, 128), Ball(1), 128));
}
