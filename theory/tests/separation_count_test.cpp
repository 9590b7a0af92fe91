// Hand-derived cases for theory/separation_count.hpp (Algorithm 4's N_s with r = min over the non-selected
// tokens): strictness at r, N = L (r = +inf), the Interval decision and an undecided tie.
#include "testing/catch.hpp"
#include "theory/separation_count.hpp"

using namespace attnbound;

TEST_CASE("separation_count: hand cases in double", "[separation_count]") {
  // alpha = (1/2, 1/2), x = e_1, e_2, I = {0}: s = (1/2, 0); r = ||s - x_1/2|| = sqrt(1/2); token 0 at 0 < r.
  const Mat<double> x{{1, 0}, {0, 1}};
  const auto c = separation_count<double>({0.5, 0.5}, x, {true, false});
  CHECK(c.separated == 1);
  CHECK(c.selected == 1);
  REQUIRE(c.radius_sq);
  CHECK(*c.radius_sq == 0.5);
  // Strict: I = {0, 1}, alpha = (1/3, 1/3, 1/3), x all (1): s = 2/3, d_0 = d_1 = 1/3, r = |2/3 - 1/3| = 1/3.
  const Mat<double> ones{{1}, {1}, {1}};
  const double third = 1.0 / 3;
  const auto t = separation_count<double>({third, third, third}, ones, {true, true, false});
  CHECK(t.separated == 0);  // 1/3 < 1/3 is false (the same double on both sides here)
  // Every token selected: r = +inf, N_s = N.
  const auto all = separation_count<double>({0.5, 0.5}, x, {true, true});
  CHECK(all.separated == 2);
  CHECK_FALSE(all.radius_sq);
}

TEST_CASE("separation_count: Interval decides from enclosures, says so at a tie", "[separation_count]") {
  PrecisionScope scope(128);
  const Mat<Interval> x{{Interval(1)}, {Interval(3)}};
  // alpha = (0.6, 0.4), I = {0}: s = 0.6, d_0 = 0 < r = |0.6 - 1.2| = 0.6: decided.
  const auto c = separation_count<Interval>({from_decimal<Interval>("0.6"), from_decimal<Interval>("0.4")}, x,
                                            {true, false});
  CHECK(c.undecided == 0);
  CHECK(c.separated == 1);
  CHECK(lower_end(separated_fraction(c)) == 1);
  CHECK(upper_end(separated_fraction(c)) == 1);
  // Three equal weights 1/3 on x = 1: d_i = 1/3 = r exactly, the enclosures overlap: both comparisons are
  // undecided and N_s/N is enclosed by [0, 1] (the exact answer, 0, is inside).
  const Interval third = Interval(1) / Interval(3);
  const Mat<Interval> ones{{Interval(1)}, {Interval(1)}, {Interval(1)}};
  const auto t = separation_count<Interval>({third, third, third}, ones, {true, true, false});
  CHECK(t.separated == 0);
  CHECK(t.undecided == 2);
  CHECK(lower_end(separated_fraction(t)) == 0);
  CHECK(upper_end(separated_fraction(t)) == 1);
}
