#include "kernels/error_stats.hpp"

#include "testing/catch.hpp"

#include <cmath>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("float_ulp_error and float_rel_error", "[kernels]") {
  CHECK(float_ulp_at(1.0) == 0x1p-23);
  CHECK(float_ulp_at(1.5) == 0x1p-23);
  CHECK(float_ulp_at(0.75) == 0x1p-24);
  CHECK(float_ulp_at(1e-40) == 0x1p-149);
  CHECK(float_ulp_at(0.0) == 0x1p-149);
  CHECK(float_ulp_error(1.0f + 0x1p-23f, 1.0) == 1.0);
  CHECK(float_ulp_error(0x1p-149f, 0.0) == 1.0);
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  CHECK(float_ulp_error(nan, std::nan("")) == 0.0);
  CHECK(std::isinf(float_ulp_error(nan, 1.0)));
  CHECK(std::isinf(float_ulp_error(1.0f, std::nan(""))));
  CHECK(float_ulp_error(-inf, -1e300) == 0.0);  // beyond the float range: -inf is the correct rounding
  CHECK(std::isinf(float_ulp_error(inf, 1.0)));
  CHECK(float_rel_error(2.0f, 2.0) == 0.0);
  CHECK(std::isnan(float_rel_error(0.0f, 1e-40)));
}

TEST_CASE("ErrorAccumulator: exact statistics, merge, histogram median", "[kernels]") {
  ErrorAccumulator a, b;
  for (double e : {1.0, 2.0, 3.0}) a.add(e);
  b.add(4.0);
  a.merge(b);
  const ErrorSummary s = a.summary();
  CHECK(s.count == 4);
  CHECK(s.max == 4.0);
  CHECK(s.mean == 2.5);
  CHECK(s.median == 2.5);
  CHECK(std::fabs(s.std - std::sqrt(5.0 / 3.0)) < 1e-12);
  CHECK(s.median_exact);
  ErrorAccumulator big;
  for (int i = 0; i < (1 << 21); ++i) big.add(i % 2 ? 0.5 : 0.25);
  big.add_zeros(3);
  const ErrorSummary t = big.summary();
  CHECK_FALSE(t.median_exact);
  CHECK(std::fabs(t.median / 0.25 - 1) <= 1.0 / 64);
  CHECK(t.count == (1u << 21) + 3);
  std::vector<double> many{0.1, std::nan(""), 0.3};
  ErrorAccumulator c;
  c.add_many(many.data(), many.size());
  CHECK(c.summary().count == 2);
}

TEST_CASE("ErrorAccumulator: add_binned agrees with add_many on the same errors", "[kernels]") {
  std::vector<double> e;
  for (int i = 0; i < 5000; ++i) e.push_back(std::ldexp(1.0 + (i % 97) / 97.0, (i % 40) - 30));
  e.push_back(0.0);
  e.push_back(std::numeric_limits<double>::infinity());
  ErrorAccumulator direct, binned;
  direct.add_many(e.data(), e.size());
  std::vector<std::uint64_t> bins(ErrorAccumulator::histogram_bins(), 0);
  double sum = 0, sumsq = 0, mx = 0;
  for (double v : e) {
    ++bins[ErrorAccumulator::histogram_bin(v)];
    if (v <= 0x1p80) {
      sum += v;
      sumsq += v * v;
    }
    mx = std::max(mx, v);
  }
  binned.add_binned(e.size(), sum, sumsq, mx, bins.data());
  const ErrorSummary a = direct.summary(), b = binned.summary();
  CHECK(a.count == b.count);
  CHECK(a.max == b.max);
  CHECK(a.mean == Approx(b.mean).epsilon(1e-14));
  CHECK(a.std == Approx(b.std).epsilon(1e-12));
  CHECK(!b.median_exact);
  CHECK(b.median == Approx(a.median).epsilon(1.0 / 64));  // a 1/64-octave bin around the exact median
  CHECK(ErrorAccumulator::histogram_bin(0.0) == 0);
  CHECK(ErrorAccumulator::histogram_bin(0x1p-90) == 1);
  CHECK(ErrorAccumulator::histogram_bin(std::nan("")) == ErrorAccumulator::histogram_bins() - 1);
}
