// Ball: Arb wrappers enclose exact results; certainly_* are strict about overlapping balls.
#include "check/ball.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

using namespace attnbound::check;

TEST_CASE("ball: decimals are enclosed and comparisons are certain only when the balls separate", "[check][ball]") {
  const Ball tenth = parse_decimal("0.1", 128, "x");
  const Ball third = div(Ball(1), Ball(3), 128);
  CHECK(certainly_lt(tenth, third));
  CHECK_FALSE(certainly_lt(tenth, tenth));  // a ball of nonzero radius is not certainly below itself
  CHECK(certainly_le(Ball(1), Ball(1)));    // exact points: 1 <= 1
  CHECK_FALSE(certainly_lt(Ball(1), Ball(1)));
  CHECK(certainly_positive(exp_of(parse_decimal("-1e18", 128, "x"), 128)));  // e^{-10^18}: no underflow
  CHECK_THROWS_AS(parse_decimal("3.", 64, "x"), attnbound::InputError);
  CHECK_THROWS_AS(parse_decimal("nan", 64, "x"), attnbound::InputError);
}

TEST_CASE("ball: sqrt_nonnegative drops the negative part, ends are exact", "[check][ball]") {
  const Ball around_zero = sub(parse_decimal("0.1", 64, "x"), parse_decimal("0.1", 64, "x"), 64);
  CHECK_FALSE(is_finite(sqrt_of(around_zero, 64)));
  CHECK(is_finite(sqrt_nonnegative(around_zero, 64)));
  const Ball x = parse_decimal("0.1", 64, "x");
  CHECK(certainly_le(lower_end(x), x));
  CHECK(certainly_le(x, upper_end(x)));
  CHECK(mid_greater(Ball(2), Ball(1)));
  CHECK(mid_greater(exp_of(Ball(100000), 64), exp_of(Ball(99999), 64)));  // beyond the double range
}
