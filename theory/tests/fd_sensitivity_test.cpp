// g(T, eps) of Algorithm 5 against its two-token closed form.
#include "testing/catch.hpp"
#include "theory/fd_sensitivity.hpp"

using namespace attnbound;

TEST_CASE("fd_sensitivity: two-token tie closed form, direction normalised", "[fd_sensitivity]") {
  PrecisionScope scope(256);
  // l = (0,0), v = (1,-1)/sqrt2: softmax((d,-d)) with d = eps/(sqrt2 T) differs from (1/2,1/2) by
  // (tanh(d)/2)(1,-1), so g = sqrt2 tanh(d) / (2 eps).
  for (const Real& T : {Real(1), Real("0.1")}) {
    for (const Real& eps : {Real("1e-3"), Real(1), Real(100)}) {
      const Real d = eps / (sqrt(Real(2)) * T);
      const Real expected = sqrt(Real(2)) * tanh(d) / (2 * eps);
      const Real g = fd_gradient(Vec<Real>{0, 0}, T, eps, Vec<Real>{Real(3), Real(-3)});
      CHECK(abs(g - expected) < Real("1e-65") * (1 + expected));
      const Interval gi = fd_gradient(Vec<Interval>{0, 0}, Interval(T), Interval(eps), Vec<Interval>{Interval(1), Interval(-1)});
      CHECK(lower_end(gi) <= expected + Real("1e-70"));
      CHECK(upper_end(gi) >= expected - Real("1e-70"));
    }
  }
  // L = 1: softmax is constantly 1.
  CHECK(fd_gradient(Vec<Real>{Real(5)}, Real(1), Real("0.1"), Vec<Real>{Real(-2)}) == 0);
  const Interval g1 = fd_gradient(Vec<Interval>{Interval(5)}, Interval(1), Interval(1) / 10, Vec<Interval>{Interval(-2)});
  CHECK(lower_end(g1) == 0);  // enclosed zero, never a NaN lower end
  CHECK(upper_end(g1) < Real("1e-60"));
  CHECK(fd_gradient(Vec<double>{0.0, 0.0}, 1.0, 1e-3, Vec<double>{1.0, -1.0}) == Approx(0.5).epsilon(1e-6));
}
