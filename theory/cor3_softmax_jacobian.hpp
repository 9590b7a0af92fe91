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
#include "theory/statement.hpp"

namespace attnbound {

// The norm of the softmax Jacobian named by `norm` ("spectral", "frobenius" or "per_weight"); for
// per_weight, *argmax receives the row attaining the maximum (by steer order).
template <class S>
S softmax_jacobian_norm(const Vec<S>& logits, const S& temperature, const std::string& norm,
                        std::optional<std::int64_t>* argmax = nullptr) {
  const Vec<S> p = softmax(logits, temperature);
  if (norm == "spectral") return softmax_jacobian_spectral_norm(p, temperature);
  const Mat<S> J = softmax_jacobian_from_weights(p, temperature);
  if (norm == "frobenius") return frobenius_norm(J);
  const Vec<S> rows = row_norms(J);
  const std::size_t i = steer_argmax(rows);
  if (argmax) *argmax = static_cast<std::int64_t>(i);
  return max_element_value(rows);
}

namespace cor3_softmax_jacobian {

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
  const Vec<S> logits = inst.vector<S>("logits");
  const S T = positive_scalar<S>(inst, "temperature");
  Side<S> side{"claim", Relation::at_most, S(0), S(0), std::nullopt};
  side.quantity = softmax_jacobian_norm(logits, T, variant, &side.index);
  side.bound = smin(S(1) / (S(4) * T), S(sqrt(S(2))));
  Evaluation<S> e;
  e.sides.push_back(side);
  e.details.push_back({"max_weight", max_element_value(softmax(logits, T))});
  return e;
}

}  // namespace cor3_softmax_jacobian
}  // namespace attnbound
