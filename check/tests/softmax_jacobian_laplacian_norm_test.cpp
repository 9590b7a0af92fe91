// softmax_jacobian_laplacian_norm: a relative enclosure of ||J||_2 where the weights are one-hot to within
// e^-1428 (L = 2: ||J||_2 = 2 p_1 p_2 / T exactly), and at a tie.
#include "check/softmax_jacobian_laplacian_norm.hpp"
#include "check/softmax_weights.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

TEST_CASE("softmax jacobian laplacian norm: one-hot to within e^-1428 is enclosed to 1e-60 relative", "[check][softmax_jacobian_laplacian_norm]") {
  const long prec = 325;
  const Ball T = parse_decimal("0.0007", prec, "T");
  const Weights w = softmax_weights({div(Ball(1), T, prec), Ball(0)}, prec);  // logits (1, 0) at T = 0.0007
  const Ball J = softmax_jacobian_norm_enclosure(w, T, prec);
  const Ball exact = div(mul(Ball(2), mul(w.alpha[0], w.alpha[1], prec), prec), T, prec);  // 2 p1 p2 / T
  REQUIRE(certainly_positive(J));
  CHECK(arb_overlaps(J.get(), exact.get()));
  Ball rel = div(sub(upper_end(J), lower_end(J), prec), lower_end(J), prec);
  CHECK(certainly_lt(rel, parse_decimal("1e-60", prec, "x")));
  CHECK(certainly_lt(J, parse_decimal("1e-600", prec, "x")));  // ~1.08e-617
}

TEST_CASE("softmax jacobian laplacian norm: ties, three weights and L = 1", "[check][softmax_jacobian_laplacian_norm]") {
  const Weights tie = softmax_weights({Ball(0), Ball(0)}, 128);
  CHECK(arb_contains(softmax_jacobian_norm_enclosure(tie, Ball(1), 128).get(), div(Ball(1), Ball(2), 128).get()));
  CHECK(arb_is_zero(softmax_jacobian_norm_enclosure(softmax_weights({Ball(3)}, 128), Ball(1), 128).get()));
  // The Laplacian quotient of e_1 - e_2 equals the plain one: 2 p1 p2 + (p1 + p2) p3 over 2.
  const Weights w = softmax_weights({Ball(1), Ball(0), Ball(-1)}, 128);
  const Ball r = softmax_laplacian_rayleigh(w, {Ball(1), Ball(-1), Ball(0)}, 128);
  const Ball direct = div(add(mul(Ball(4), mul(w.alpha[0], w.alpha[1], 128), 128),
                              mul(add(w.alpha[0], w.alpha[1], 128), w.alpha[2], 128), 128), Ball(2), 128);
  CHECK(arb_overlaps(r.get(), direct.get()));
  const Weights w256 = softmax_weights({Ball(1), Ball(0), Ball(-1)}, 256);
  const Ball J = softmax_jacobian_norm_enclosure(w256, Ball(1), 256);
  CHECK(certainly_lt(sub(upper_end(J), lower_end(J), 256), parse_decimal("1e-60", 256, "x")));  // 0.37090364...
}
