// N_s counting; contract in count_separable_f32_f64acc.hpp.
#include "kernels/count_separable_f32_f64acc.hpp"

#include "kernels/top_n_distance_f32_f64acc.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

#include <cmath>
#include <vector>

namespace attnbound::kernels {

namespace {
std::vector<double> context_f64(const float* alpha, const float* x, std::size_t dim, const std::vector<std::uint32_t>& set) {
  std::vector<double> s(dim, 0.0);
  for (auto i : set)
    for (std::size_t k = 0; k < dim; ++k) s[k] += static_cast<double>(alpha[i]) * x[i * dim + k];
  return s;
}
double squared_distance(const float* alpha, const float* x, std::size_t dim, const std::vector<double>& s, std::size_t i) {
  double sq = 0.0;
  for (std::size_t k = 0; k < dim; ++k) {
    const double diff = static_cast<double>(alpha[i]) * x[i * dim + k] - s[k];
    sq += diff * diff;
  }
  return sq;
}
}  // namespace

std::size_t count_separable_f32_f64acc(const float* alpha, const float* x, std::size_t length, std::size_t dim,
                                       std::size_t top_n, float radius) {
  if (!(radius >= 0.0f) || !std::isfinite(radius))
    throw InputError("radius", fmt::format("must be finite and >= 0, got {}", radius));
  if (dim == 0) throw InputError("x", "rows must hold at least one value");
  const auto set = top_n_indices_f32(alpha, length, top_n);
  for (std::size_t i = 0; i < length * dim; ++i)
    if (!std::isfinite(x[i])) throw InputError(fmt::format("x[{}]", i), fmt::format("must be finite, got {}", x[i]));
  const auto s = context_f64(alpha, x, dim, set);
  const double r2 = static_cast<double>(radius) * radius;  // exact: 24-bit square
  std::vector<char> in(length, 0);
  for (auto i : set) in[i] = 1;
  for (std::size_t j = 0; j < length; ++j)
    if (!in[j] && squared_distance(alpha, x, dim, s, j) <= r2) return 0;  // a non-selected token is in the ball
  std::size_t count = 0;
  for (auto i : set) count += squared_distance(alpha, x, dim, s, i) <= r2 ? 1 : 0;
  return count;
}

double separability_margin(const float* alpha, const float* x, std::size_t length, std::size_t dim,
                           std::size_t top_n, std::size_t i) {
  const auto set = top_n_indices_f32(alpha, length, top_n);
  double scale = 0.0;
  for (std::size_t k = 0; k < dim; ++k) {
    double col = std::fabs(static_cast<double>(alpha[i]) * x[i * dim + k]);
    for (auto j : set) col += std::fabs(static_cast<double>(alpha[j]) * x[j * dim + k]);
    scale += col * col;
  }
  return 0x1p-52 * static_cast<double>(dim + set.size() + 3) * 4.0 * scale;
}

}  // namespace attnbound::kernels
