#include "kernels/error_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace attnbound::kernels {

namespace {
constexpr std::size_t kExactLimit = std::size_t{1} << 20;
constexpr int kSubBins = 64, kMinExp = -80, kMaxExp = 80;
constexpr std::size_t kBins = 2 + static_cast<std::size_t>(kMaxExp - kMinExp) * kSubBins + 1;
// Bins: [2^k (1 + j/64), 2^k (1 + (j+1)/64)) from the exponent and top 6 significand bits (cheap: no log).
std::size_t bin_of(double e) {
  if (e == 0) return 0;
  if (!(e < 0x1p80)) return kBins - 1;  // +inf, NaN, huge
  if (e < 0x1p-80) return 1;
  std::uint64_t bits;
  std::memcpy(&bits, &e, 8);
  return 2 + static_cast<std::size_t>((bits >> 46) - (static_cast<std::uint64_t>(1023 + kMinExp) << 6));
}
double bin_center(std::size_t b) {
  if (b == 0) return 0;
  if (b == 1) return 0x1p-80;
  if (b == kBins - 1) return std::numeric_limits<double>::infinity();
  const std::size_t k = (b - 2) / kSubBins, j = (b - 2) % kSubBins;
  return std::ldexp(1.0 + (static_cast<double>(j) + 0.5) / kSubBins, static_cast<int>(k) + kMinExp);
}
}  // namespace

double float_ulp_at(double ref) {
  const double a = std::fabs(ref);
  if (!(a >= 0x1p-126)) return 0x1p-149;
  if (a >= 0x1p128) return 0x1p104;
  // 2^(e - 23) with e = floor(log2 a): keep the exponent field of a, subtract 23, zero the significand.
  std::uint64_t bits;
  std::memcpy(&bits, &a, 8);
  bits = ((bits >> 52) - 23) << 52;
  double u;
  std::memcpy(&u, &bits, 8);
  return u;
}

double float_ulp_error(float y, double ref) {
  const bool yn = std::isnan(y), rn = std::isnan(ref);
  if (yn || rn) return yn && rn ? 0.0 : std::numeric_limits<double>::infinity();
  // A reference beyond the float range (|ref| >= FLT_MAX + ulp/2) correctly rounds to the infinity of its sign.
  const double ref_f = std::fabs(ref) >= 0x1.ffffffp127 ? std::copysign(static_cast<double>(INFINITY), ref) : ref;
  if (std::isinf(y) || std::isinf(ref_f)) return static_cast<double>(y) == ref_f ? 0.0 : std::numeric_limits<double>::infinity();
  return std::fabs(static_cast<double>(y) - ref) / float_ulp_at(ref);
}

double float_rel_error(float y, double ref) {
  if (!(std::fabs(ref) >= 0x1p-126) || std::fabs(ref) >= 0x1.ffffffp127) return std::numeric_limits<double>::quiet_NaN();
  if (std::isnan(y)) return std::numeric_limits<double>::infinity();
  return std::fabs(static_cast<double>(y) - ref) / std::fabs(ref);
}

ErrorAccumulator::ErrorAccumulator() : bins_(kBins, 0) {}

void ErrorAccumulator::add(double e) {
  ++n_;
  if (std::isinf(e) || std::isnan(e)) {
    max_ = std::numeric_limits<double>::infinity();
  } else {
    sum_ += e;
    sumsq_ += e * e;
    max_ = e > max_ ? e : max_;
  }
  ++bins_[bin_of(e)];
  if (values_complete_) {
    if (values_.size() < kExactLimit) values_.push_back(e);
    else { values_complete_ = false; values_.clear(); values_.shrink_to_fit(); }
  }
}

void ErrorAccumulator::add_many(const double* e, std::size_t n) {
  std::size_t added = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = e[i];
    if (std::isnan(v)) continue;
    ++added;
    if (v <= 0x1p80) {
      sum_ += v;
      sumsq_ += v * v;
      max_ = v > max_ ? v : max_;
    } else {
      max_ = std::numeric_limits<double>::infinity();
    }
    ++bins_[bin_of(v)];
  }
  n_ += added;
  if (values_complete_) {
    for (std::size_t i = 0; i < n && values_complete_; ++i) {
      if (std::isnan(e[i])) continue;
      if (values_.size() < kExactLimit) values_.push_back(e[i]);
      else { values_complete_ = false; values_.clear(); values_.shrink_to_fit(); }
    }
  }
}

void ErrorAccumulator::add_zeros(std::size_t n) {
  n_ += n;
  bins_[0] += n;
  if (values_complete_) {
    if (values_.size() + n <= kExactLimit) values_.insert(values_.end(), n, 0.0);
    else { values_complete_ = false; values_.clear(); values_.shrink_to_fit(); }
  }
}

void ErrorAccumulator::merge(const ErrorAccumulator& o) {
  if (o.n_ == 0) return;
  n_ += o.n_;
  sum_ += o.sum_;
  sumsq_ += o.sumsq_;
  max_ = std::max(max_, o.max_);
  for (std::size_t b = 0; b < kBins; ++b) bins_[b] += o.bins_[b];
  if (values_complete_ && o.values_complete_ && values_.size() + o.values_.size() <= kExactLimit) {
    values_.insert(values_.end(), o.values_.begin(), o.values_.end());
  } else {
    values_complete_ = false;
    values_.clear();
  }
}

std::size_t ErrorAccumulator::histogram_bins() { return kBins; }
std::size_t ErrorAccumulator::histogram_bin(double e) { return bin_of(e); }

void ErrorAccumulator::add_binned(std::uint64_t n, double sum, double sumsq, double max, const std::uint64_t* bins) {
  if (n == 0) return;
  n_ += n;
  sum_ += sum;
  sumsq_ += sumsq;
  max_ = std::max(max_, max);
  for (std::size_t b = 0; b < kBins; ++b) bins_[b] += bins[b];
  values_complete_ = false;
  values_.clear();
  values_.shrink_to_fit();
}

ErrorSummary ErrorAccumulator::summary() const {
  ErrorSummary s;
  s.count = n_;
  if (n_ == 0) return s;
  s.max = max_;
  // Infinite errors are left out of mean and std (max says +inf).
  const double n = static_cast<double>(n_);
  s.mean = sum_ / n;
  s.std = n_ > 1 ? std::sqrt(std::max(0.0, (sumsq_ - sum_ * sum_ / n) / (n - 1))) : 0.0;
  if (values_complete_) {
    std::vector<double> v = values_;
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    double med = v[mid];
    if (v.size() % 2 == 0) med = 0.5 * (med + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)));
    s.median = med;
    s.median_exact = true;
  } else {
    std::uint64_t seen = 0;
    for (std::size_t b = 0; b < kBins; ++b) {
      seen += bins_[b];
      if (2 * seen >= n_) {
        s.median = bin_center(b);
        break;
      }
    }
    s.median_exact = false;
  }
  return s;
}

}  // namespace attnbound::kernels
