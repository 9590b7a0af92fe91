// Softmax Jacobian norms in Arb: exact values at a tie, the shift test on both sides of lambda_max.
#include "check/softmax_jacobian_bounds.hpp"
#include "check/softmax_weights.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

TEST_CASE("softmax jacobian bounds: a two-way tie has ||J||_2 = ||J||_F = 1/(2T)", "[check][softmax_jacobian_bounds]") {
  const Weights w = softmax_weights({Ball(0), Ball(0)}, 128);
  const Ball T(1);
  const Ball half = div(Ball(1), Ball(2), 128);
  CHECK(certainly_le(softmax_jacobian_spectral_lower(w, T, 128), half));
  CHECK(certainly_le(half, softmax_jacobian_spectral_upper(w, T, 128)));
  const auto rq = softmax_jacobian_rayleigh(w, top_pair_vector(w), T, 128);
  REQUIRE(rq);
  CHECK(certainly_le(half, *rq));  // the eigenvector: the quotient is exactly 1/2
  const Ball frob = softmax_jacobian_frobenius(w, T, 128);
  CHECK(certainly_lt(parse_decimal("0.4999999", 128, "x"), frob));
  CHECK(certainly_lt(frob, parse_decimal("0.5000001", 128, "x")));
  CHECK_FALSE(softmax_jacobian_rayleigh(w, {Ball(0), Ball(0)}, T, 128));  // v = 0: no quotient
}

TEST_CASE("softmax jacobian bounds: s I - J is positive definite exactly above lambda_max", "[check][softmax_jacobian_bounds]") {
  const Weights w = softmax_weights({Ball(0), Ball(0)}, 128);  // lambda_max = 1/2
  CHECK(softmax_jacobian_shift_is_upper(w, parse_decimal("0.5000001", 128, "s"), Ball(1), 128));
  CHECK_FALSE(softmax_jacobian_shift_is_upper(w, parse_decimal("0.4999999", 128, "s"), Ball(1), 128));
  CHECK_FALSE(softmax_jacobian_shift_is_upper(w, div(Ball(1), Ball(2), 128), Ball(1), 128));  // singular
  // Three weights (p = softmax(0.3, 1.2, -4)/0.7): lambda_max from numpy is 0.2917...; check both sides.
  const Weights v = softmax_weights({div(parse_decimal("0.3", 256, "l"), parse_decimal("0.7", 256, "T"), 256),
                                     div(parse_decimal("1.2", 256, "l"), parse_decimal("0.7", 256, "T"), 256),
                                     div(parse_decimal("-4", 256, "l"), parse_decimal("0.7", 256, "T"), 256)}, 256);
  const Ball T = parse_decimal("0.7", 256, "T");
  const Ball lo = softmax_jacobian_spectral_lower(v, T, 256), hi = softmax_jacobian_spectral_upper(v, T, 256);
  CHECK(softmax_jacobian_shift_is_upper(v, upper_end(hi), T, 256));
  CHECK_FALSE(softmax_jacobian_shift_is_upper(v, lower_end(lo), T, 256));
}
