// Scalable-Softmax, SSMax (Nakanishi 2025; spec section 5 [E]): softmax of the logits scaled by s log L,
//   SSMax(z)_i = L^{s z_i / T} / sum_j L^{s z_j / T} = softmax(c z / T)_i,   c = s log L,  L = len(z),
// with a temperature option T (T = 1 is the paper's form; s is the learnable scalar, any finite real).
// Jacobian: d p_i / d z_j = (c/T) (p_i delta_ij - p_i p_j)   (symmetric).
//
// Contract: z non-empty and finite, T > 0 (std::invalid_argument when empty; T is not checked here, the
// caller validates inputs). L = 1 gives c = 0 and p = [1], J = [[0]]; s = 0 gives the uniform weights.
// Error: float/double/Real round each operation to nearest (softmax is shifted by its largest logit, so
// nothing overflows: every exponent is <= 0 for c >= 0, and for c < 0 the shift is the smallest z, the
// largest c z). Interval: log L and every operation are enclosed; the shift is a midpoint choice that does
// not change the real number computed (softmax.hpp), so the enclosure holds with no discrete choice.
// Ties: none matter; softmax is smooth everywhere.
#pragma once

#include "theory/softmax.hpp"

namespace attnbound {

// c = s log L (L = the number of logits).
template <class S> S ssmax_scale(std::size_t length, const S& s);
template <class S> Vec<S> ssmax(const Vec<S>& z, const S& s, const S& temperature = S(1));
template <class S> Mat<S> ssmax_jacobian(const Vec<S>& z, const S& s, const S& temperature = S(1));

// ---------------------------------------------------------------------------------------------------------

template <class S> S ssmax_scale(std::size_t length, const S& s) {
  if (length == 0) throw std::invalid_argument("ssmax of an empty vector");
  return s * log(S(static_cast<long long>(length)));
}

template <class S> Vec<S> ssmax(const Vec<S>& z, const S& s, const S& temperature) {
  const S c = ssmax_scale(z.size(), s);
  return softmax(scaled(z, c), temperature);
}

template <class S> Mat<S> ssmax_jacobian(const Vec<S>& z, const S& s, const S& temperature) {
  const S c = ssmax_scale(z.size(), s);
  const Vec<S> p = softmax(scaled(z, c), temperature);
  Mat<S> J = softmax_jacobian_from_weights(p, temperature);
  for (auto& row : J)
    for (auto& x : row) x *= c;
  return J;
}

// Instantiated for float, double, Real and Interval in theory/normalisers.cpp only.
#define ATTNBOUND_SSMAX_TEMPLATES(EXTERN, S)                                 \
  EXTERN template S ssmax_scale<S>(std::size_t, const S&);                  \
  EXTERN template Vec<S> ssmax<S>(const Vec<S>&, const S&, const S&);       \
  EXTERN template Mat<S> ssmax_jacobian<S>(const Vec<S>&, const S&, const S&);
ATTNBOUND_SSMAX_TEMPLATES(extern, float)
ATTNBOUND_SSMAX_TEMPLATES(extern, double)
ATTNBOUND_SSMAX_TEMPLATES(extern, Real)
ATTNBOUND_SSMAX_TEMPLATES(extern, Interval)

}  // namespace attnbound
