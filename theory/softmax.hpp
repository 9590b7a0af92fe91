// Softmax with temperature, alpha_i = exp(l_i/T) / sum_j exp(l_j/T) (paper Eq. 2, spec 1.1), and its Jacobian.
//
// Contract: l finite, T > 0. Computed as exp((l_i - m)/T) / sum_j exp((l_j - m)/T) with m a largest logit,
// so no term overflows (every exponent <= 0) and the largest term is exactly 1, so the sum is in [1, L].
// For Interval the shift m is a midpoint choice: exp((l_i - m)/T)/sum_j exp((l_j - m)/T) is the same real
// number for every m, so the enclosure is valid whatever m is.
#pragma once

#include "theory/arith.hpp"

namespace attnbound {

// The shift's own term is exactly e^0 = 1: (l_m - l_m)/T = 0 for every value in l_m's enclosure, whereas
// the interval difference [a, b] - [a, b] = [a - b, b - a] would widen it (to [0, inf] after exp at tiny T).
template <class S> Vec<S> softmax(const Vec<S>& logits, const S& temperature) {
  if (logits.empty()) throw std::invalid_argument("softmax of an empty vector");
  const std::size_t top = steer_argmax(logits);
  const S shift = logits[top];
  Vec<S> p(logits.size());
  S total(0);
  for (std::size_t i = 0; i < logits.size(); ++i) {
    p[i] = i == top ? S(1) : S(exp((logits[i] - shift) / temperature));
    total += p[i];
  }
  for (auto& x : p) x /= total;
  return p;
}

// log softmax_i = (l_i - m)/T - log sum_j exp((l_j - m)/T).
template <class S> Vec<S> log_softmax(const Vec<S>& logits, const S& temperature) {
  if (logits.empty()) throw std::invalid_argument("log_softmax of an empty vector");
  const std::size_t top = steer_argmax(logits);
  const S shift = logits[top];
  S total(0);
  for (std::size_t i = 0; i < logits.size(); ++i) total += i == top ? S(1) : S(exp((logits[i] - shift) / temperature));
  const S log_total = log(total);
  Vec<S> out(logits.size());
  for (std::size_t i = 0; i < logits.size(); ++i)
    out[i] = i == top ? S(-log_total) : S((logits[i] - shift) / temperature - log_total);
  return out;
}

// d alpha_i / d l_j = (alpha_i delta_ij - alpha_i alpha_j) / T  (symmetric).
template <class S> Mat<S> softmax_jacobian_from_weights(const Vec<S>& p, const S& temperature) {
  const std::size_t n = p.size();
  Mat<S> J(n, Vec<S>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) J[i][j] = ((i == j ? p[i] : S(0)) - p[i] * p[j]) / temperature;
  return J;
}
template <class S> Mat<S> softmax_jacobian(const Vec<S>& logits, const S& temperature) {
  return softmax_jacobian_from_weights(softmax(logits, temperature), temperature);
}

}  // namespace attnbound
