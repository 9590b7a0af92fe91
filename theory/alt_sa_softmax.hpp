// alt.sa_softmax: Self-Adjusted Softmax (Zheng et al. 2025; spec section 5 [E], plain form f = z * softmax(z)
// elementwise) against the paper's limitations. Derived here: the paper says only that SA-Softmax keeps "the
// Jacobian spectrum in a healthy band" (spec section 5, line of work 3). p = softmax(z), Js = diag p - p p^T.
//   spectral      ||J||_2 <= max_i p_i + ||z||_inf min{max_i p_i, 1/2}. Proof: d f_i/d z_j = delta_ij p_i +
//                 z_i (delta_ij p_i - p_i p_j), i.e. J = diag(p) + diag(z) Js, so ||J||_2 <= ||diag p||_2 +
//                 ||diag z||_2 ||Js||_2 with ||Js||_2 <= min{max_i p_i, 1/2} (Corollary 3 corrected, E1).
//                 Equality at z = (c, c), c >= 0: J = ((1 + c)/2) I - (c/4) 11^T, ||J||_2 = (1 + c)/2. The
//                 bound grows with ||z||_inf: SA-Softmax is not shift invariant and its Jacobian is unbounded.
//   softmax_band  ||J||_2 <= 1/2 ("a healthy band": no worse than softmax at T = 1): expected false, e.g.
//                 z = (2, 2) gives ||J||_2 = 3/2.
//   vanishing     max_i |f_i| <= ||z||_inf e^{z_max - z_min} / L: SA-Softmax vanishes like softmax (Lemma 1
//                 with F = exp): p_i = e^{z_i}/sum_j e^{z_j} <= e^{z_max}/(L e^{z_min}). Equality at equal
//                 logits (|f_i| = |c|/L).
// No discrete choice is made (softmax and z p are smooth; max/min are enclosures).
#pragma once

#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/sa_softmax.hpp"
#include "theory/softmax.hpp"
#include "theory/statement.hpp"
#include "theory/top_gap.hpp"

namespace attnbound::alt_sa_softmax {

inline StatementInfo info() {
  return {"alt.sa_softmax",
          "Self-Adjusted Softmax z * softmax(z): Jacobian norm and vanishing (derived here)",
          "spec section 5 (guideline 3: prefer SA-Softmax); Zheng et al. 2025; derived in theory/alt_sa_softmax.hpp",
          "logits finite",
          {"logits"},
          {{"spectral", "||J||_2 <= max_i p_i + ||z||_inf min{max_i p_i, 1/2}", "derived"},
           {"softmax_band", "||J||_2 <= 1/2 (no worse than softmax at T = 1)", "derived; expected false"},
           {"vanishing", "max_i |z_i p_i| <= ||z||_inf e^{z_max - z_min} / L", "derived"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  const Vec<S> z = inst.vector<S>("logits");  // not shift invariant: the logits themselves
  const Vec<S> p = softmax(z, S(1));
  const S max_weight = max_element_value(p);
  const S zmax = max_abs(z);
  Side<S> side{"claim", Relation::at_most, S(0), S(0), std::nullopt};
  if (variant == "vanishing") {
    side.quantity = max_abs(sa_softmax(z));
    const S range = max_element_value(z) - min_element_value(z);
    side.bound = zmax * exp(range) / S(static_cast<long long>(z.size()));
  } else {
    side.quantity = spectral_norm(sa_softmax_jacobian(z));
    if (variant == "softmax_band") side.bound = S(1) / S(2);
    else side.bound = max_weight + zmax * smin(max_weight, S(S(1) / S(2)));
  }
  Evaluation<S> e;
  e.sides.push_back(side);
  e.details.push_back({"max_weight", max_weight});
  e.details.push_back({"max_abs_logit", zmax});
  return e;
}

}  // namespace attnbound::alt_sa_softmax
