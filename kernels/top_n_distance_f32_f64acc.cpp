// Top-N set, context vector and d~ (reading (a)); contract in top_n_distance_f32_f64acc.hpp.
#include "kernels/top_n_distance_f32_f64acc.hpp"

#include "theory/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attnbound::kernels {

namespace {
void check_finite(const float* v, std::size_t n, const char* field) {
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(v[i])) throw InputError(fmt::format("{}[{}]", field, i), fmt::format("must be finite, got {}", v[i]));
}
}  // namespace

std::vector<std::uint32_t> top_n_indices_f32(const float* alpha, std::size_t length, std::size_t top_n) {
  if (length == 0) throw InputError("alpha", "must hold at least one value");
  if (top_n < 1 || top_n > length)
    throw InputError("top_n", fmt::format("must be in [1, L = {}], got {}", length, top_n));
  check_finite(alpha, length, "alpha");
  std::vector<std::uint32_t> order(length);
  std::iota(order.begin(), order.end(), 0u);
  // A strict total order, so nth_element's partition is the unique top-N set under the tie rule.
  auto before = [alpha](std::uint32_t a, std::uint32_t b) { return alpha[a] > alpha[b] || (alpha[a] == alpha[b] && a < b); };
  if (top_n < length) std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top_n), order.end(), before);
  order.resize(top_n);
  std::sort(order.begin(), order.end());
  return order;
}

TopNDistance top_n_distance_f32_f64acc(const float* alpha, const float* x, std::size_t length, std::size_t dim,
                                       std::size_t top_n) {
  if (dim == 0) throw InputError("x", "rows must hold at least one value");
  TopNDistance r;
  r.indices = top_n_indices_f32(alpha, length, top_n);
  check_finite(x, length * dim, "x");
  std::vector<double> s(dim, 0.0);
  std::vector<char> in(length, 0);
  for (auto i : r.indices) {
    in[i] = 1;
    const double a = alpha[i];
    for (std::size_t k = 0; k < dim; ++k) s[k] += a * static_cast<double>(x[i * dim + k]);  // exact products
  }
  double total = 0.0;
  for (std::size_t i = 0; i < length; ++i) {
    if (in[i]) continue;
    const double a = alpha[i];
    double sq = 0.0;
    for (std::size_t k = 0; k < dim; ++k) {
      const double diff = a * static_cast<double>(x[i * dim + k]) - s[k];
      sq += diff * diff;
    }
    total += std::sqrt(sq);
  }
  r.context.resize(dim);
  for (std::size_t k = 0; k < dim; ++k) r.context[k] = static_cast<float>(s[k]);
  r.distance = static_cast<float>(total);
  return r;
}

double distance_error_bound_excess(const float* alpha, const float* x, std::size_t length, std::size_t dim,
                                   const std::vector<std::uint32_t>& indices) {
  std::vector<char> in(length, 0);
  for (auto i : indices) in[i] = 1;
  const double n = static_cast<double>(indices.size());
  double s_err = 0.0;
  for (std::size_t k = 0; k < dim; ++k) {
    double col = 0.0;
    for (auto i : indices) col += std::fabs(static_cast<double>(alpha[i]) * x[i * dim + k]);
    s_err = std::max(s_err, n * col);
  }
  double acc = 0.0;
  for (std::size_t i = 0; i < length; ++i) {
    if (in[i]) continue;
    double sq = 0.0;
    for (std::size_t k = 0; k < dim; ++k) sq += std::pow(static_cast<double>(alpha[i]) * x[i * dim + k], 2);
    acc += std::sqrt(sq) + std::sqrt(static_cast<double>(dim)) * s_err;
  }
  return 0x1p-52 * (static_cast<double>(length + dim) + n + 3) * acc;
}

}  // namespace attnbound::kernels
