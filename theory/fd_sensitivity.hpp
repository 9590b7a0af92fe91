// Finite-difference gradient sensitivity of Algorithm 5 (spec 1.6 [R form], Appendix B):
//   g(T, eps) = || softmax((l + eps v)/T) - softmax(l/T) ||_2 / eps,   v = direction / ||direction||_2.
// The direction is normalised here, so g depends only on the direction of `direction`, never on its length
// (Algorithm 5 samples v with ||v||_2 = 1). Contract: l, direction finite and of equal length,
// direction != 0, T > 0, eps > 0. For Interval the result encloses the exact g (v is an enclosure of the
// exact unit vector and every step is interval arithmetic).
#pragma once

#include "theory/softmax.hpp"
#include "theory/euclidean_norm.hpp"

namespace attnbound {

template <class S>
S fd_gradient(const Vec<S>& logits, const S& temperature, const S& epsilon, const Vec<S>& direction) {
  if (logits.size() != direction.size()) throw std::invalid_argument("fd_gradient: direction length != L");
  const Vec<S> v = scaled(direction, S(S(1) / euclidean_norm(direction)));
  Vec<S> moved(logits);
  add_scaled(moved, epsilon, v);
  return euclidean_norm(difference(softmax(moved, temperature), softmax(logits, temperature))) / epsilon;
}

}  // namespace attnbound
