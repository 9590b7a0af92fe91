// Hand-derived cases for alt.sa_softmax (theory/alt_sa_softmax.hpp): at z = (c, c), c >= 0, ||J||_2 =
// (1 + c)/2 = the bound; the softmax band 1/2 is false; vanishing with equality at equal logits.
#include "testing/catch.hpp"
#include "theory/tests/statement_test_support.hpp"

using namespace attnbound;
using attnbound::test::near;
using attnbound::test::run;

TEST_CASE("alt.sa_softmax: the spectral bound is attained at z = (c, c), c >= 0", "[alt]") {
  PrecisionScope scope(256);
  for (const char* c : {"0", "2", "10"}) {
    INFO(c);
    const auto e = run<Real>(std::string(R"({"statement":"alt.sa_softmax","logits":[")") + c + "\",\"" + c + "\"]}");
    CHECK(near(e.sides[0].quantity, (1 + Real(c)) / 2));
    CHECK(near(e.sides[0].bound, (1 + Real(c)) / 2));
  }
  // c < 0: eigenvalues (1 + c)/2 and 1/2; at c = -3 the norm is 1 < 2 = bound.
  const auto neg = run<Real>(R"({"statement":"alt.sa_softmax","logits":[-3,-3]})");
  CHECK(near(neg.sides[0].quantity, Real(1)));
  CHECK(near(neg.sides[0].bound, Real(2)));
  // L = 1: J = [[1]], bound 1 + |z|/2.
  const auto one = run<Real>(R"({"statement":"alt.sa_softmax","logits":[7]})");
  CHECK(near(one.sides[0].quantity, Real(1)));
  CHECK(near(one.sides[0].bound, Real("4.5")));
  const auto band = run<Interval>(R"({"statement":"alt.sa_softmax","variant":"softmax_band","logits":[2,2]})");
  CHECK(lower_end(band.sides[0].quantity) > upper_end(band.sides[0].bound));  // 3/2 > 1/2, certified
}

TEST_CASE("alt.sa_softmax: vanishing like softmax, equality at equal logits", "[alt]") {
  PrecisionScope scope(256);
  const auto eq = run<Real>(R"({"statement":"alt.sa_softmax","variant":"vanishing","logits":[3,3,3]})");
  CHECK(near(eq.sides[0].quantity, Real(1)));
  CHECK(near(eq.sides[0].bound, Real(1)));
  const auto e = run<Real>(R"({"statement":"alt.sa_softmax","variant":"vanishing","logits":[3,-1,"0.5"]})");
  CHECK(e.sides[0].quantity < e.sides[0].bound);
  CHECK(near(e.sides[0].bound, 3 * exp(Real(4)) / 3));
}
