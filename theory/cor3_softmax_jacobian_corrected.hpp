// Corrected forms of Corollary 3 that the spec derives (erratum E1), each tight at a two-way tie:
//   spectral    ||J||_2 <= 1/(2T)
//   frobenius   ||J||_F <= 1/(2T)      (||diag p - pp^T||_F^2 = a - 2b + a^2 <= a - a^2 <= 1/4, a = sum p^2,
//                                       b = sum p^3 >= a^2 by Cauchy-Schwarz)
//   per_weight  max_i ||grad_l alpha_i||_2 <= sqrt(2)/(4T)   (row i: alpha_i^2((1-alpha_i)^2 + sum_{j!=i}
//                                       alpha_j^2) <= 2 alpha_i^2 (1-alpha_i)^2 <= 1/8)
//   max_weight  ||J||_2 <= max_i alpha_i / T   (diag p - pp^T <= diag p in the positive semidefinite order)
#pragma once

#include "theory/cor3_softmax_jacobian.hpp"

#include <stdexcept>

namespace attnbound::cor3_softmax_jacobian_corrected {

// The corrected bound of a norm variant (derivations above), domain T > 0:
//   "spectral", "frobenius" (default) 1/(2T);  "per_weight" sqrt(2)/(4T).
// Point types round each operation once; Interval encloses the exact bound (each operation encloses).
// Called by evaluate<S> below and by the double loops of reports/.
template <class S> S bound(const S& temperature, const std::string& variant = "spectral") {
  if (variant == "per_weight") return S(sqrt(S(2))) / (S(4) * temperature);
  if (variant == "spectral" || variant == "frobenius") return S(1) / (S(2) * temperature);
  throw std::invalid_argument("cor3_softmax_jacobian_corrected::bound: no norm variant " + variant);
}

// The max_weight variant's bound max_i alpha_i / T (diag p - pp^T <= diag p), domain T > 0, max_weight in (0, 1].
template <class S> S max_weight_bound(const S& max_weight, const S& temperature) { return max_weight / temperature; }

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
  side.bound = variant == "max_weight" ? max_weight_bound(max_weight, T) : bound(T, norm);
  Evaluation<S> e;
  e.sides.push_back(side);
  e.details.push_back({"max_weight", max_weight});
  return e;
}

}  // namespace attnbound::cor3_softmax_jacobian_corrected
