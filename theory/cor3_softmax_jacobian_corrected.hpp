// Corrected forms of Corollary 3 that the spec derives (erratum E1), each tight at a two-way tie:
//   spectral    ||J||_2 <= 1/(2T)
//   frobenius   ||J||_F <= 1/(2T)      (||diag p - pp^T||_F^2 = a - 2b + a^2 <= a - a^2 <= 1/4, a = sum p^2,
//                                       b = sum p^3 >= a^2 by Cauchy-Schwarz)
//   per_weight  max_i ||grad_l alpha_i||_2 <= sqrt(2)/(4T)   (row i: alpha_i^2((1-alpha_i)^2 + sum_{j!=i}
//                                       alpha_j^2) <= 2 alpha_i^2 (1-alpha_i)^2 <= 1/8)
//   max_weight  ||J||_2 <= max_i alpha_i / T   (diag p - pp^T <= diag p in the positive semidefinite order)
#pragma once

#include "theory/cor3_softmax_jacobian.hpp"

namespace attnbound::cor3_softmax_jacobian_corrected {

inline StatementInfo info() {
  return {"cor3.softmax_jacobian.corrected",
          "Softmax Jacobian norm bound, corrected (erratum E1)",
          "Corollary 3 corrected; spec section 6, E1",
          "logits finite, temperature T > 0",
          {"logits", "temperature"},
          {{"spectral", "||J||_2 <= 1/(2T)", "corrected"},
           {"frobenius", "||J||_F <= 1/(2T)", "corrected"},
           {"per_weight", "max_i ||grad_l alpha_i||_2 <= sqrt(2)/(4T)", "corrected"},
           {"max_weight", "||J||_2 <= max_i alpha_i / T", "corrected"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  const Vec<S> logits = shift_invariant_logits<S>(inst, "logits");  // enters only through softmax
  const S T = positive_scalar<S>(inst, "temperature");
  const S max_weight = max_element_value(softmax(logits, T));
  Side<S> side{"claim", Relation::at_most, S(0), S(0), std::nullopt};
  const std::string norm = variant == "max_weight" ? "spectral" : variant;
  side.quantity = softmax_jacobian_norm(logits, T, norm, &side.index);
  if (variant == "per_weight") side.bound = S(sqrt(S(2))) / (S(4) * T);
  else if (variant == "max_weight") side.bound = max_weight / T;
  else side.bound = S(1) / (S(2) * T);
  Evaluation<S> e;
  e.sides.push_back(side);
  e.details.push_back({"max_weight", max_weight});
  return e;
}

}  // namespace attnbound::cor3_softmax_jacobian_corrected
