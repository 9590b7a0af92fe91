// The F-normaliser: exp reproduces softmax and its Jacobian; every family's derivative matches a
// high-precision central difference; extremes over [-a, a] are the hand values.
#include "testing/catch.hpp"
#include "theory/f_normaliser.hpp"
#include "theory/softmax.hpp"

using namespace attnbound;

namespace {
FFunction<Real> make(const std::string& json, std::size_t L) {
  return read_f<Real>(Instance::parse(R"({"statement":"x",)" + json + "}"), L);
}
}  // namespace

TEST_CASE("f_normaliser: F = exp(l/T) is softmax, with the softmax Jacobian", "[f_normaliser]") {
  PrecisionScope scope(256);
  const FFunction<Real> f = make(R"("F":"exp","temperature":"0.7")", 3);
  const Vec<Real> l{Real(-2), Real(0), Real("0.5")};
  const auto n = f_normalise(f, l);
  const Vec<Real> p = softmax(l, Real("0.7"));
  const Mat<Real> J = f_normaliser_jacobian(n), Js = softmax_jacobian(l, Real("0.7"));
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(abs(n.alpha[i] - p[i]) < Real("1e-70"));
    for (std::size_t j = 0; j < 3; ++j) CHECK(abs(J[i][j] - Js[i][j]) < Real("1e-70"));
  }
  // Known answer of the issue for softmax at T = 1: [0.0486, 0.3592, 0.5922].
  const auto n1 = f_normalise(make(R"("F":"exp","temperature":1)", 3), l);
  CHECK(static_cast<double>(n1.alpha[0]) == Approx(0.0486).margin(5e-5));
  CHECK(static_cast<double>(n1.alpha[2]) == Approx(0.5922).margin(5e-5));
}

TEST_CASE("f_normaliser: derivatives match central differences for every family", "[f_normaliser]") {
  PrecisionScope scope(256);
  // h = 1e-26: truncation h^2/6 |F(3)| ~ 2e-53 |F(3)| (third derivative), rounding 2^-256 |F| / h ~
  // 1e-51 |F|; for these families and points |F(3)| <= 40 (1 + |F|), so the error is below 1e-46 (1 + |F|).
  const Real h("1e-26");
  for (const std::string json : {R"("F":"exp","temperature":"0.5")", R"("F":"softplus","temperature":"2")",
                                 R"("F":"sigmoid","temperature":"0.3")", R"("F":"quadratic","offset":"0.5")",
                                 R"("F":"gaussian","temperature":"1.5")", R"("F":"ssmax","ssmax_scale":"0.8")"}) {
    const FFunction<Real> f = make(json, 7);
    for (const Real& l : {Real("-1.3"), Real(0), Real("0.4"), Real(3)}) {
      INFO(json << " at l = " << static_cast<double>(l));
      const Real fd = (f.value(l + h) - f.value(l - h)) / (2 * h);
      // central difference error <= h^2/6 max|F'''| ~ 1e-60
      CHECK(abs(fd - f.derivative(l)) < Real("1e-46") * (1 + f.value(l)));
      CHECK(f.value(l) > 0);
    }
  }
}

TEST_CASE("f_normaliser: family values and extremes on [-a, a]", "[f_normaliser]") {
  PrecisionScope scope(256);
  const Real a(2);
  const auto sp = make(R"("F":"softplus","temperature":1)", 2);
  CHECK(abs(sp.value(Real(0)) - log(Real(2))) < Real("1e-70"));
  CHECK(abs(sp.value(Real(50)) - (50 + log(1 + exp(Real(-50))))) < Real("1e-70"));
  CHECK(abs(sp.min_on(a) - log(1 + exp(Real(-2)))) < Real("1e-70"));
  const auto q = make(R"("F":"quadratic")", 2);
  CHECK(q.min_on(a) == 1);
  CHECK(q.max_on(a) == 5);
  const auto g = make(R"("F":"gaussian","temperature":2)", 2);
  CHECK(g.max_on(a) == 1);
  CHECK(abs(g.min_on(a) - exp(Real(-1))) < Real("1e-70"));
  // Scalable-Softmax: F = L^{s l}; at L = 4, s = 1/2, l = 1: F = 2.
  const auto ss = make(R"("F":"ssmax","ssmax_scale":"0.5")", 4);
  CHECK(ss.depends_on_length());
  CHECK(abs(ss.value(Real(1)) - 2) < Real("1e-70"));
  // Interval log1p and sigmoid branches enclose the point values.
  const FFunction<Interval> si = read_f<Interval>(Instance::parse(R"({"statement":"x","F":"softplus","temperature":1})"), 2);
  const Interval v = si.value(Interval(-40));
  // reference: MPFR's log1p of e^-40 (~4e-18), correctly rounded twice, so within 1e-90 of the exact value
  // (log(1 + x) would lose ~60 digits to the rounding of 1 + x)
  const Real ref = log1p_s(Real(exp(Real(-40))));
  CHECK(lower_end(v) <= ref + Real("1e-90"));
  CHECK(upper_end(v) >= ref - Real("1e-90"));
  CHECK(lower_end(v) > 0);
}
