// Corollary 3 (softmax Jacobian), as the spec states it [S + Fig. 4 caption]:
//   || grad_l alpha || <= min{ 1/(4T), sqrt(2) },   alpha = softmax(l / T).
// Variants: which norm of the Jacobian J = (diag alpha - alpha alpha^T)/T is meant.
//   spectral   ||J||_2            (default; the spec's reading)
//   frobenius  ||J||_F
//   per_weight max_i ||grad_l alpha_i||_2 (the largest row norm of J)
// Suspected erratum E1: at a two-way tie ||J||_2 = ||J||_F = 1/(2T), so every reading fails; the
// corrected forms are the statement cor3.softmax_jacobian.corrected.
#pragma once

#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/softmax.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/statement.hpp"

namespace attnbound {

// Squared row norms of the softmax Jacobian J = (diag p - p p^T)/T, times T^2, in O(L) without forming J:
//   ||row_i||^2 T^2 = p_i^2 (1 - p_i)^2 + sum_{j != i} p_i^2 p_j^2 = p_i^2 (o_i^2 + q_i),
//   o_i = sum_{j != i} p_j (= 1 - p_i), q_i = sum_{j != i} p_j^2.
// o_i and q_i come from prefix and suffix sums of nonnegative terms, so no step subtracts: in intervals
// the enclosure of a row near a one-hot limit keeps its relative width (1 - p_i computed as a difference
// would lose every digit when p_i ~ 1). Each term encloses its exact value since every p_j does.
template <class S> Vec<S> softmax_jacobian_row_squares_scaled(const Vec<S>& p) {
  const std::size_t L = p.size();
  Vec<S> before_sum(L + 1, S(0)), before_sq(L + 1, S(0)), after_sum(L + 1, S(0)), after_sq(L + 1, S(0));
  for (std::size_t i = 0; i < L; ++i) {
    const std::size_t k = L - 1 - i;
    before_sum[i + 1] = before_sum[i] + p[i];
    before_sq[i + 1] = before_sq[i] + p[i] * p[i];
    after_sum[k] = after_sum[k + 1] + p[k];
    after_sq[k] = after_sq[k + 1] + p[k] * p[k];
  }
  Vec<S> rows;
  rows.reserve(L);
  for (std::size_t i = 0; i < L; ++i) {
    const S others = before_sum[i] + after_sum[i + 1];
    rows.push_back(p[i] * p[i] * (others * others + before_sq[i] + after_sq[i + 1]));
  }
  return rows;
}

// max_i ||grad_l alpha_i||_2 = ||row_i|| (O(L)); *argmax receives the row (by steer order).
template <class S>
S softmax_jacobian_max_row_norm(const Vec<S>& p, const S& temperature, std::optional<std::int64_t>* argmax) {
  Vec<S> rows = softmax_jacobian_row_squares_scaled(p);
  for (S& r : rows) r = sqrt(r) / temperature;
  if (argmax) *argmax = static_cast<std::int64_t>(steer_argmax(rows));
  return max_element_value(rows);
}

// ||J||_F = sqrt(sum_i ||row_i||^2) (O(L)).
template <class S> S softmax_jacobian_frobenius_norm(const Vec<S>& p, const S& temperature) {
  S sum(0);
  for (const S& r : softmax_jacobian_row_squares_scaled(p)) sum += r;
  return sqrt(sum) / temperature;
}

// The norm of the softmax Jacobian named by `norm` ("spectral", "frobenius" or "per_weight"); for
// per_weight, *argmax receives the row attaining the maximum (by steer order). O(L) in every norm.
template <class S>
S softmax_jacobian_norm(const Vec<S>& logits, const S& temperature, const std::string& norm,
                        std::optional<std::int64_t>* argmax = nullptr) {
  const Vec<S> p = softmax(logits, temperature);
  if (norm == "spectral") return softmax_jacobian_spectral_norm(p, temperature);
  if (norm == "frobenius") return softmax_jacobian_frobenius_norm(p, temperature);
  return softmax_jacobian_max_row_norm(p, temperature, argmax);
}

namespace cor3_softmax_jacobian {

// The paper's bound min{1/(4T), sqrt 2} (Corollary 3 [S]), the same for every norm variant.
// Domain: T > 0. Point types round each operation once (4T is exact; one division, one sqrt, an exact min);
// Interval: each operand encloses its exact value and smin is the sound interval min [min lo, min hi]
// (theory/arith.hpp), so the result encloses the exact bound. Called by evaluate<S> below, by the proof chain
// (verify/proof_chains/cor3_softmax_jacobian.cpp) and by the double loops of reports/.
template <class S> S bound(const S& temperature) { return smin(S(1) / (S(4) * temperature), S(sqrt(S(2)))); }

inline StatementInfo info() {
  return {"cor3.softmax_jacobian",
          "Softmax Jacobian norm bound",
          "Corollary 3 (Sec. 2.3, Fig. 4 caption); spec section 2, erratum E1",
          "logits finite, temperature T > 0",
          {"logits", "temperature"},
          {{"spectral", "||J||_2 <= min{1/(4T), sqrt 2}", "[S]"},
           {"frobenius", "||J||_F <= min{1/(4T), sqrt 2}", "[R]"},
           {"per_weight", "max_i ||grad_l alpha_i||_2 <= min{1/(4T), sqrt 2}", "[R]"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  const Vec<S> logits = shift_invariant_logits<S>(inst, "logits");  // enters only through softmax
  const S T = positive_scalar<S>(inst, "temperature");
  Side<S> side{"claim", Relation::at_most, S(0), S(0), std::nullopt};
  side.quantity = softmax_jacobian_norm(logits, T, variant, &side.index);
  side.bound = bound(T);
  Evaluation<S> e;
  e.sides.push_back(side);
  e.details.push_back({"max_weight", max_element_value(softmax(logits, T))});
  return e;
}

}  // namespace cor3_softmax_jacobian
}  // namespace attnbound
