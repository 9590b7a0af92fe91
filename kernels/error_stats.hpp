// Error statistics of float32 results against a reference value carried in double (the MPFR reference
// rounded to double: its own error, 2^-53 relative, moves a float ULP figure by at most 2^-29 ulp).
//
// ULP error of y against r: |y - r| / ulp(r), ulp(r) = 2^(max(floor(log2|r|), -126) - 23) (the float32 ulp
// at r; 2^-149 in the subnormal range and at r = 0). NaN matching a NaN reference and equal infinities count
// 0; any other NaN/inf mismatch counts +inf (so it breaks every bound). Relative error |y - r| / |r| is
// recorded only for normal-range references (|r| >= 2^-126); subnormal and zero references are covered by
// the ULP figure alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace attnbound::kernels {

double float_ulp_at(double ref);
double float_ulp_error(float y, double ref);
double float_rel_error(float y, double ref);  // NaN when the reference is not in the normal range

struct ErrorSummary {
  std::size_t count = 0;
  double max = 0, mean = 0, median = 0, std = 0;
  bool median_exact = true;  // false: from a histogram with 1/64-octave (<= 1.6%) bins
};

// max exact, mean and std from double sums, median exact up to 2^20 values, then from 1/64-octave bins.
class ErrorAccumulator {
 public:
  ErrorAccumulator();
  void add(double e);
  void add_many(const double* e, std::size_t n);  // NaN entries are skipped (no reference in range)
  void add_zeros(std::size_t n);                  // n errors that are exactly 0
  void merge(const ErrorAccumulator& other);
  // Adds n errors already summarised by the caller: their sum and sum of squares (finite errors <= 2^80 only,
  // as add_many does), their max, and their histogram in the bins of histogram_bin (histogram_bins() counts).
  // The median then comes from the bins.
  void add_binned(std::uint64_t n, double sum, double sumsq, double max, const std::uint64_t* bins);
  static std::size_t histogram_bins();
  static std::size_t histogram_bin(double e);  // the 1/64-octave bin of an error e >= 0 (NaN and inf: the last)
  ErrorSummary summary() const;
  double max() const { return max_; }

 private:
  std::size_t n_ = 0;
  double sum_ = 0, sumsq_ = 0, max_ = 0;
  std::vector<double> values_;
  bool values_complete_ = true;
  std::vector<std::uint64_t> bins_;
};

}  // namespace attnbound::kernels
