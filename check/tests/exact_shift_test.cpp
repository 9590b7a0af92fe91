// exact_shift: differences formed on exact rationals, ties exact, the exact order, the fallback beyond 10^100000.
#include "check/exact_shift.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

TEST_CASE("exact shift: 1.1 - 0.1 is exactly 1 and equal decimals give 0 exactly", "[check][exact_shift]") {
  const ShiftedLogits s = shifted_logits({"0.1", "1.1", "1.10", "-2.9"}, 128, "logits");
  REQUIRE(s.exact);
  REQUIRE(s.order.size() == 4);
  CHECK(s.order[0] == 1);  // the largest, lower index first among the equal 1.1 and 1.10
  CHECK(s.order[1] == 2);
  CHECK(s.order[3] == 3);
  CHECK(arb_is_zero(s.y[1].get()));
  CHECK(arb_is_zero(s.y[2].get()));
  CHECK(arb_equal_si(s.y[0].get(), -1));  // radius 0: a plain Arb difference of 0.1 and 1.1 would have one
  CHECK(arb_equal_si(s.y[3].get(), -4));
  // A non-dyadic difference is a ball around the exact value.
  const ShiftedLogits t = shifted_logits({"0", "-0.3"}, 128, "logits");
  CHECK(arb_contains_si(t.y[0].get(), 0));
  CHECK(certainly_lt(t.y[1], parse_decimal("-0.29999999", 128, "x")));
  CHECK(certainly_lt(parse_decimal("-0.30000001", 128, "x"), t.y[1]));
}

TEST_CASE("exact shift: exponents beyond 10^100000 fall back to Arb differences that still enclose", "[check][exact_shift]") {
  const ShiftedLogits s = shifted_logits({"1e-200000", "0", "1e-200000"}, 128, "logits");
  CHECK_FALSE(s.exact);
  CHECK(s.order[0] == 0);
  CHECK(arb_is_zero(s.y[0].get()));
  CHECK(arb_is_zero(s.y[2].get()));  // equal decimals: 0 exactly in the fallback too
  CHECK(certainly_lt(s.y[1], Ball(0)));  // 0 - 10^-200000 < 0, kept by Arb's unbounded exponents
}
