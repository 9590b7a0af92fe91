// kernels/simplex_candidates.hpp.
#include "kernels/simplex_candidates.hpp"

#include "theory/errors.hpp"

#include <fmt/format.h>
#include <hwy/contrib/sort/vqsort.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace attnbound::kernels {

std::vector<double> sorted_candidates(const float* z, std::size_t n, float m, double scale) {
  std::vector<double> y;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = (static_cast<double>(z[i]) - m) * scale;
    if (v >= -1.0) y.push_back(v);
  }
  if (y.size() < 256) {
    std::sort(y.begin(), y.end(), std::greater<double>());
  } else {
    thread_local hwy::Sorter sorter;  // Highway's vectorised quicksort (its buffer, one per thread)
    sorter(y.data(), y.size(), hwy::SortDescending());
  }
  return y;
}

void check_finite_logits(const float* z, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(z[i])) throw InputError(fmt::format("logits[{}]", i), fmt::format("must be finite, got {}", z[i]));
}

}  // namespace attnbound::kernels
