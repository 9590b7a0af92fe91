// softmax_weights: weights and complements enclose the exact values, also far below MPFR's exponent range.
#include "check/softmax_weights.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

TEST_CASE("softmax weights: a two-way tie is exactly one half each", "[check][softmax_weights]") {
  const Weights w = softmax_weights({Ball(0), Ball(0)}, 128);
  const Ball half = div(Ball(1), Ball(2), 128);
  CHECK(certainly_le(w.alpha[0], half));
  CHECK(certainly_le(half, w.alpha[0]));
  CHECK(certainly_le(w.others[1], half));
}

TEST_CASE("softmax weights: the complement of a dominant weight keeps its relative accuracy", "[check][softmax_weights]") {
  // z = (10^19, 0): alpha_1 = 1/(1 + e^{10^19}), o_0 = alpha_1 ~ e^{-10^19}: positive and accurate.
  const Weights w = softmax_weights({parse_decimal("1e19", 128, "z"), Ball(0)}, 128);
  CHECK(w.top == 0);
  CHECK(certainly_positive(w.others[0]));
  CHECK(certainly_positive(w.alpha[1]));
  const Ball ratio = div(w.others[0], w.alpha[1], 128);  // exactly 1
  CHECK(certainly_lt(parse_decimal("0.999999", 128, "r"), ratio));
  CHECK(certainly_lt(ratio, parse_decimal("1.000001", 128, "r")));
}
