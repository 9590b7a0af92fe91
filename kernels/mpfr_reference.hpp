// MPFR references for the float32 kernels: each takes the kernel's float inputs as exact numbers, evaluates
// the exact formula in attnbound::Real (MPFR, round-to-nearest per operation) at the precision of the
// caller's PrecisionScope (the cross-validation uses 128 bits, 256 for g), through theory/softmax.hpp and
// theory/top_n.hpp, and returns the results rounded to double. With p bits the reference is within
// (L + 10) 2^-p relative of the exact value before that rounding: far below the float errors measured.
// Non-finite softmax inputs follow the documented semantics (softmax_special_cases.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace attnbound::kernels {

// softmax(l/T) and its normaliser S = sum exp((l_j - max l)/T). Inputs with many repeated values (the 16M
// cases) are evaluated once per distinct value, which is the same exact formula.
std::vector<double> softmax_reference(const std::vector<float>& logits, float temperature, double* normaliser);
std::vector<double> log_softmax_reference(const std::vector<float>& logits, float temperature);
std::vector<double> softmax_jvp_reference(const std::vector<float>& p, const std::vector<float>& v, float temperature);

struct TopNReference {
  std::vector<std::uint32_t> indices;
  std::vector<double> context;
  double distance = 0;
};
TopNReference top_n_distance_reference(const std::vector<float>& alpha, const std::vector<float>& x, std::size_t dim,
                                       std::size_t top_n);
// Squared distances ||alpha_i x_i - s||^2 of every token (the decisions of N_s) and N_s itself.
std::vector<double> separability_squared_distances(const std::vector<float>& alpha, const std::vector<float>& x,
                                                   std::size_t dim, std::size_t top_n);
std::size_t count_separable_reference(const std::vector<float>& alpha, const std::vector<float>& x, std::size_t dim,
                                      std::size_t top_n, float radius);
double fd_sensitivity_reference(const std::vector<float>& logits, const std::vector<float>& direction,
                                float temperature, float epsilon);

}  // namespace attnbound::kernels
