// F-normaliser families: values, derivatives and extremes over [-a, a] against closed forms.
#include "check/normaliser_weights.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

namespace {
bool near(const Ball& x, double v) {
  return certainly_lt(x, Ball(0)) ? false : std::abs(approx(x) - v) <= 1e-12 * std::max(1.0, std::abs(v));
}
}  // namespace

TEST_CASE("normaliser weights: families match their closed forms", "[check][normaliser_weights]") {
  FFamily f;
  f.param = Ball(2);
  const Ball l(1);
  f.name = "exp";
  CHECK(near(f.value(l, 128), std::exp(0.5)));
  CHECK(near(f.derivative(l, 128), std::exp(0.5) / 2));
  f.name = "softplus";
  CHECK(near(f.value(l, 128), std::log1p(std::exp(0.5))));
  f.name = "sigmoid";
  CHECK(near(f.derivative(l, 128), std::exp(-0.5) / std::pow(1 + std::exp(-0.5), 2) / 2));
  f.name = "gaussian";
  CHECK(near(f.max_on(Ball(3), 128), 1));
  CHECK(near(f.min_on(Ball(3), 128), std::exp(-2.25)));
  f.name = "quadratic";
  CHECK(near(f.max_on(Ball(3), 128), 11));
  CHECK(near(f.min_on(Ball(3), 128), 2));
  f.name = "ssmax";
  f.length = 4;
  CHECK(near(f.value(l, 128), std::pow(4.0, 2.0)));
}

TEST_CASE("normaliser weights: alpha sums to one and complements are consistent", "[check][normaliser_weights]") {
  const Weights w = weights_from_positive({Ball(1), Ball(2), Ball(5)}, 128);
  CHECK(w.top == 2);
  CHECK(near(w.alpha[2], 0.625));
  CHECK(near(w.others[2], 0.375));
  CHECK(near(w.others_sq[0], (4.0 + 25.0) / 64));
}
