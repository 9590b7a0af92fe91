// Softmax Jacobian-vector product; contract in softmax_jvp_f32_f64acc.hpp.
#include "kernels/softmax_jvp_f32_f64acc.hpp"

#include "kernels/softmax_special_cases.hpp"
#include "theory/errors.hpp"

#include <cmath>
#include <limits>

namespace attnbound::kernels {

void softmax_jvp_f32_f64acc(const float* p, const float* v, std::size_t length, float temperature, float* out) {
  if (length == 0) throw InputError("p", "must hold at least one value");
  check_softmax_args(length, temperature);
  // Four independent double accumulators (the bound above covers any summation order).
  double acc[4] = {0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 4 <= length; i += 4)
    for (int k = 0; k < 4; ++k) acc[k] += static_cast<double>(p[i + k]) * static_cast<double>(v[i + k]);
  for (; i < length; ++i) acc[0] += static_cast<double>(p[i]) * static_cast<double>(v[i]);
  const double dot = (acc[0] + acc[1]) + (acc[2] + acc[3]);
  if (!std::isfinite(dot)) {  // a NaN or inf in p or v (finite inputs cannot overflow a double here)
    for (std::size_t j = 0; j < length; ++j) out[j] = std::numeric_limits<float>::quiet_NaN();
    return;
  }
  const double inv_t = 1.0 / static_cast<double>(temperature);
  for (std::size_t j = 0; j < length; ++j)
    out[j] = static_cast<float>(static_cast<double>(p[j]) * (static_cast<double>(v[j]) - dot) * inv_t);
}

std::vector<float> softmax_jvp_f32_f64acc(const std::vector<float>& p, const std::vector<float>& v,
                                          float temperature) {
  if (p.size() != v.size()) throw InputError("direction", "must have the length of p");
  std::vector<float> out(p.size());
  softmax_jvp_f32_f64acc(p.data(), v.data(), p.size(), temperature, out.data());
  return out;
}

double jvp_error_bound_excess(const float* p, const float* v, std::size_t length, float temperature, std::size_t i) {
  double abs_sum = 0;
  for (std::size_t j = 0; j < length; ++j) abs_sum += std::fabs(static_cast<double>(p[j]) * v[j]);
  return 0x1p-52 * (std::fabs(static_cast<double>(p[i])) / temperature) *
         ((static_cast<double>(length) + 4) * abs_sum + 4 * std::fabs(static_cast<double>(v[i])));
}

}  // namespace attnbound::kernels
