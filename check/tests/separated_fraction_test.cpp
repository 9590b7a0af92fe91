// separated_fraction: Algorithm 4's N_s/N on small cases, every token selected, and an undecided comparison.
#include "check/separated_fraction.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

TEST_CASE("separated fraction: counts, r = +inf and an exact tie widening the ball", "[check][separated_fraction]") {
  const long prec = 128;
  const Ball half = div(Ball(1), Ball(2), prec);
  // alpha = (1/2, 1/2), x = (1, -1) in one dimension, I = {0}: s = 1/2, d_0 = |1/2 - 1/2| = 0, r = |-1/2 - 1/2| = 1.
  CHECK(arb_equal_si(separated_fraction({half, half}, {{Ball(1)}, {Ball(-1)}}, {true, false}, prec).get(), 1));
  // I = everything: r = +inf, N_s = N.
  CHECK(arb_equal_si(separated_fraction({half, half}, {{Ball(1)}, {Ball(-1)}}, {true, true}, prec).get(), 1));
  // x = (1, 0, 1), alpha = (1/2, 0, 1/2), I = {0, 2}: s = 1, d_0 = d_2 = 1/2, r = |0 - 1| = 1: both separated.
  CHECK(arb_equal_si(separated_fraction({half, Ball(0), half}, {{Ball(1)}, {Ball(0)}, {Ball(1)}}, {true, false, true}, prec).get(), 1));
  // d_0 = r exactly: not counted (d < r is strict), decided since both are exact.
  CHECK(arb_is_zero(separated_fraction({Ball(1), Ball(0)}, {{Ball(0)}, {Ball(5)}}, {true, false}, prec).get()));
  // r = |x_1| with x_1 a ball around 0 and d_0 = 0: d_0 < r undecided, the fraction is [0, 1].
  Ball fuzzy(0);
  arb_add_error_2exp_si(fuzzy.get(), -10);
  const Ball f = separated_fraction({Ball(1), Ball(1)}, {{Ball(0)}, {fuzzy}}, {true, false}, prec);
  CHECK(arb_contains_si(f.get(), 0));
  CHECK(arb_contains_si(f.get(), 1));
}
