// Tests of theory/top_gap: the top gap counts ties twice, encloses in Interval without a choice, max_abs.
#include "testing/catch.hpp"
#include "theory/top_gap.hpp"

using namespace attnbound;

TEST_CASE("top_gap: known answers, ties count twice, order does not matter", "[top_gap]") {
  CHECK(top_gap(Vec<double>{3, 1, 2}) == 1);
  CHECK(top_gap(Vec<double>{1, 5, 5, 0}) == 0);
  CHECK(top_gap(Vec<double>{-1, -4}) == 3);
  CHECK(top_gap(Vec<double>{0, 0, 7}) == 7);
  CHECK_THROWS_AS(top_gap(Vec<double>{1}), std::invalid_argument);
  CHECK(max_abs(Vec<double>{-3, 2}) == 3);
  CHECK_THROWS_AS(max_abs(Vec<double>{}), std::invalid_argument);
}

TEST_CASE("top_gap: Interval encloses the gap of every point inside the boxes", "[top_gap]") {
  PrecisionScope scope(128);
  // Overlapping enclosures of the two largest: the gap enclosure must cover both orders.
  const Vec<Interval> z{hull(Real("0.9"), Real("1.1")), hull(Real("1"), Real("1.05")), Interval(0)};
  const Interval g = top_gap(z);
  CHECK(lower_end(g) <= 0);
  CHECK(upper_end(g) >= Real("0.1"));  // z = (1.1, 1, 0): gap 0.1
  const Vec<Interval> exact{Interval(2), Interval(-1), Interval(2)};
  CHECK(lower_end(top_gap(exact)) == 0);
  CHECK(upper_end(top_gap(exact)) == 0);
  const Interval m = max_abs(Vec<Interval>{Interval(-3), hull(Real(1), Real(2))});
  CHECK(lower_end(m) <= 3);
  CHECK(upper_end(m) >= 3);
}
