// euclidean_norm: an enclosed zero vector gives [0, small], never a NaN lower end.
#include "testing/catch.hpp"
#include "theory/euclidean_norm.hpp"

using namespace attnbound;

TEST_CASE("euclidean_norm: intervals straddling zero", "[euclidean_norm]") {
  PrecisionScope scope(128);
  const Interval t = Interval(1) / 3 - Interval(1) / 3;  // exact 0, enclosed by an interval around it
  REQUIRE(lower_end(t) <= 0);
  REQUIRE(upper_end(t) >= 0);
  const Interval n = euclidean_norm(Vec<Interval>{t, t});
  CHECK(lower_end(n) == 0);
  CHECK(upper_end(n) < Real("1e-30"));
  CHECK(lower_end(square(Interval(hull(Real(-1), Real(2))))) == 0);
  CHECK(upper_end(square(Interval(hull(Real(-1), Real(2))))) == 4);
  // Point types: the ordinary norm.
  CHECK(euclidean_norm(Vec<double>{3.0, 4.0}) == 5.0);
  CHECK(euclidean_distance(Vec<Real>{Real(1), Real(1)}, Vec<Real>{Real(4), Real(5)}) == 5);
}
