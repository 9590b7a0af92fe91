// alt.ssmax: Scalable-Softmax (Nakanishi 2025; spec section 5 [E]): p = softmax((s log L) z / T), the
// softmax at the effective temperature T/(s log L), against the paper's limitations. Derived here from the
// corrected Corollary 3 (spec E1); the paper states none of these, it recommends SSMax (section 5).
// c = s log L (ssmax_scale s, any real, default 1; temperature T > 0, default 1), J = (c/T)(diag p - p p^T)
// (theory/ssmax.hpp), u = c z / T the scaled logits, D = u_(1) - u_(2) their top gap.
//   spectral       ||J||_2 <= |c|/(2T) = |s| log L/(2T): ||diag p - p p^T||_2 <= 1/2 (E1), equality at a
//                  two-way tie of L = 2 (and approached by a two-way tie over the others for every L).
//   max_weight     ||J||_2 <= |c| max_i p_i / T: diag p - p p^T <= diag p in the positive semidefinite order.
//   cor3_transfer  ||J||_2 <= min{|c|/(4T), sqrt 2}, the paper's Corollary 3 at the effective temperature:
//                  expected false at ties (E1 carries over), e.g. logits (0, 0), s = 1: log 2/2 > log 2/4.
//   vanishing      max_i p_i >= 1/(1 + (L - 1) e^{-D}) for every L; for s > 0, e^{-D} = L^{-s g/T} with
//                  g = z_(1) - z_(2), so a gap with s g/T >= 1 keeps max_i p_i >= 1/(1 + (L-1)/L) > 1/2 for
//                  every L (softmax's max weight vanishes like C2/L, Lemma 1). Proof: max p = 1/(1 +
//                  sum_{j != top} e^{u_j - u_(1)}) and u_j - u_(1) <= -D. Equality when the L - 1 others are
//                  tied (always at L = 2). L = 1: the bound is 1.
// No discrete choice is made (softmax is smooth; top_gap encloses without choosing).
#pragma once

#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/softmax.hpp"
#include "theory/ssmax.hpp"
#include "theory/statement.hpp"
#include "theory/top_gap.hpp"

namespace attnbound::alt_ssmax {

inline StatementInfo info() {
  return {"alt.ssmax",
          "Scalable-Softmax: Jacobian norm and non-vanishing weight (derived here)",
          "spec section 5 (guideline 3: prefer SSMax); Nakanishi 2025; derived from Corollary 3 corrected (E1) in "
          "theory/alt_ssmax.hpp",
          "logits finite, temperature T > 0 (default 1), ssmax_scale s real (default 1)",
          {"logits", "temperature", "ssmax_scale"},
          {{"spectral", "||J||_2 <= |s| log L / (2T)", "derived"},
           {"max_weight", "||J||_2 <= |s| log L max_i p_i / T", "derived"},
           {"cor3_transfer", "||J||_2 <= min{|s| log L / (4T), sqrt 2} (Corollary 3 at T/(s log L))",
            "[S] transferred; expected false (E1)"},
           {"vanishing", "max_i p_i >= 1/(1 + (L - 1) L^{-s (z_(1) - z_(2))/T}) for every L", "derived"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  // SSMax is a softmax of c z / T: the exactly shifted logits give the same weights, ties stay exact.
  const Vec<S> z = shift_invariant_logits<S>(inst, "logits");
  const S T = inst.has("temperature") ? positive_scalar<S>(inst, "temperature") : S(1);
  const S s = inst.has("ssmax_scale") ? inst.scalar<S>("ssmax_scale") : S(1);
  const std::size_t L = z.size();
  const S c = ssmax_scale(L, s);
  const S abs_c = smax(c, S(-c));
  const Vec<S> p = ssmax(z, s, T);
  const S max_weight = max_element_value(p);
  Side<S> side{"claim", Relation::at_most, S(0), S(0), std::nullopt};
  if (variant == "vanishing") {
    side.relation = Relation::at_least;
    side.quantity = max_weight;
    if (L == 1) side.bound = S(1);
    else {
      Vec<S> u;
      for (const auto& x : z) u.push_back(c * x / T);
      side.bound = S(1) / (S(1) + S(static_cast<long long>(L - 1)) * exp(S(-top_gap(u))));
    }
  } else {
    side.quantity = softmax_jacobian_spectral_norm(p, S(1)) * abs_c / T;
    if (variant == "max_weight") side.bound = abs_c * max_weight / T;
    else if (variant == "cor3_transfer") side.bound = smin(S(abs_c / (S(4) * T)), S(sqrt(S(2))));
    else side.bound = abs_c / (S(2) * T);
  }
  Evaluation<S> e;
  e.sides.push_back(side);
  e.details.push_back({"scale_s_log_L", c});
  e.details.push_back({"max_weight", max_weight});
  return e;
}

}  // namespace attnbound::alt_ssmax
