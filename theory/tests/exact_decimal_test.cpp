// Exact rationals from decimal text.
#include "testing/catch.hpp"
#include "theory/exact_decimal.hpp"

using namespace attnbound;

TEST_CASE("exact_decimal: decimals are exact rationals", "[exact_decimal]") {
  const auto r = [](const char* t) { return Rational::from_decimal(t, "f"); };
  CHECK(r("0.1").str() == "1/10");
  CHECK(r("-2.50e1").str() == "-25");
  CHECK(r("1e-3").str() == "1/1000");
  CHECK(r("+.5").str() == "1/2");
  CHECK(r("0.000").sign() == 0);
  Rational s(0);
  for (const char* t : {"0.1", "0.2", "0.7"}) s += r(t);
  CHECK(s == Rational(1));  // exact, unlike 0.1 + 0.2 + 0.7 in double
  CHECK(r("0.1") < r("0.10000000000000001"));
  CHECK(r("-3").abs() == Rational(3));
  CHECK_THROWS_AS(r("1e200000"), InputError);
  const auto v = exact_vector({"1", "2"}, "w");
  CHECK(v[1] == Rational(2));
}
