// Lemma 2 (Jacobian of a general normaliser), the spec's [R] two-term bound (spec section 2, Lemma 2;
// erratum E11):
//   ||grad_l alpha|| <= (1/(L m)) ( max_j |F'_j| + ||F||_2 ||F'||_2 / (L m) ),   m = min_j F(l_j),
// grad_l alpha = (I - alpha 1^T) diag(F') / S, S = sum_k F(l_k) (f_normaliser.hpp).
// Variants (which norm of the Jacobian):
//   spectral   ||.||_2 (default). True: ||diag(F')/S||_2 = max|F'|/S, ||alpha 1^T diag(F')||_2 = ||alpha|| ||F'||
//              and ||alpha|| = ||F||/S, with S >= L m.
//   frobenius  ||.||_F. Not implied: ||diag F'||_F = ||F'||_2 can exceed max|F'|; e.g. softmax at equal
//              logits has ||J||_F = sqrt(L-1)/(L T) > 2/(L T) = bound once L >= 6.
// Here F may depend on L (ssmax): for a fixed L it is just a positive smooth function.
#pragma once

#include "theory/f_normaliser.hpp"
#include "theory/euclidean_norm.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/statement.hpp"

namespace attnbound::lemma2_jacobian {

inline StatementInfo info() {
  std::vector<std::string> inputs{"logits"};
  for (const auto& f : f_fields()) inputs.push_back(f);
  return {"lemma2.jacobian",
          "Jacobian norm bound for a general F-normaliser",
          "Lemma 2 (Sec. 2.3); spec section 2 [R], erratum E11",
          "logits finite; F positive and smooth with its parameter > 0",
          inputs,
          {{"spectral", "||grad alpha||_2 <= (1/(L min F))(max|F'| + ||F|| ||F'|| / (L min F))", "[R]"},
           {"frobenius", "||grad alpha||_F <= (1/(L min F))(max|F'| + ||F|| ||F'|| / (L min F))", "[R] other norm"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  const Vec<S> logits = inst.vector<S>("logits");
  const FFunction<S> f = read_f<S>(inst, logits.size());
  const FNormalised<S> n = f_normalise(f, logits);
  const Mat<S> J = f_normaliser_jacobian(n);

  Vec<S> abs_dF;
  for (const auto& d : n.dF) abs_dF.push_back(abs(d));
  const S Lm = S(static_cast<long long>(logits.size())) * min_element_value(n.F);
  Side<S> side{"claim", Relation::at_most, S(0), S(0), std::nullopt};
  side.quantity = variant == "frobenius" ? frobenius_norm(J) : spectral_norm(J);
  side.bound = (max_element_value(abs_dF) + euclidean_norm(n.F) * euclidean_norm(n.dF) / Lm) / Lm;
  Evaluation<S> e;
  e.sides.push_back(side);
  e.details.push_back({"min_F", min_element_value(n.F)});
  e.details.push_back({"max_abs_dF", max_element_value(abs_dF)});
  e.details.push_back({"sum_F", n.total});
  return e;
}

}  // namespace attnbound::lemma2_jacobian
