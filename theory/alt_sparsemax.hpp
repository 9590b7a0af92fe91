// alt.sparsemax: sparsemax (Martins & Astudillo 2016; spec section 5 [E], p = argmin_{q in simplex}
// ||q - z||^2) against the paper's limitations. Derived here: the paper states no bound for sparsemax, it
// only recommends it (spec section 5, guideline 3). K is the support {i : p_i > 0}, J = diag(s) - s s^T/|K|
// the Jacobian (theory/sparsemax.hpp), g = z_(1) - z_(2) the top logit gap.
//   spectral       ||J||_2 <= 1, with equality iff |K| >= 2. Proof: J is symmetric and J^2 = J (on K it is
//                  I - 11^T/|K|, zero elsewhere), the orthogonal projection onto {v : supp v in K, sum v = 0},
//                  of dimension |K| - 1; its eigenvalues are 1 (|K| - 1 times) and 0.
//   frobenius      ||J||_F <= sqrt(L - 1): ||J||_F^2 = trace(J^T J) = trace J = |K| - 1, equality at K = all.
//   softmax_bound  ||J||_2 <= 1/2, softmax's corrected worst case at T = 1 (E1) read as "sparsemax is no less
//                  stable than softmax": expected false for every |K| >= 2 (||J||_2 = 1), e.g. logits (0, 0).
//   vanishing      max_i p_i >= min{1, g} for every L (the weight does not vanish under a logit gap; softmax
//                  has max_i alpha_i <= C2/L, Lemma 1). Proof: |K| = 1 gives max p = 1. Otherwise z_(2) is in K
//                  and p_j = z_j - tau <= p_(1) - g for every j in K other than the top, so
//                  1 = sum p <= p_(1) + (|K| - 1)(p_(1) - g), p_(1) >= g + (1 - g)/|K| > g; also g = p_(1) -
//                  p_(2) < 1 then, so g >= 1 forces |K| = 1. L = 1: the bound is 1 (g = +inf).
//                  Equality: max p = 1 = bound when g >= 1; for g < 1 the bound is approached as |K| grows.
// Interval: the support is a discrete choice certified by the KKT conditions (theory/sparsemax.hpp); when it
// is not certified, choices_certified is false and the engine says undecided.
#pragma once

#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/sparsemax.hpp"
#include "theory/statement.hpp"
#include "theory/top_gap.hpp"

namespace attnbound::alt_sparsemax {

inline StatementInfo info() {
  return {"alt.sparsemax",
          "Sparsemax: Jacobian norm and non-vanishing weight (derived here)",
          "spec section 5 (guideline 3: prefer Sparsemax); Martins & Astudillo 2016; derived in theory/alt_sparsemax.hpp",
          "logits finite",
          {"logits"},
          {{"spectral", "||J||_2 <= 1 (equality iff the support has >= 2 elements)", "derived"},
           {"frobenius", "||J||_F <= sqrt(L - 1) (||J||_F^2 = |K| - 1)", "derived"},
           {"softmax_bound", "||J||_2 <= 1/2 (softmax's corrected bound at T = 1)", "derived; expected false"},
           {"vanishing", "max_i p_i >= min{1, z_(1) - z_(2)} for every L", "derived"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  // sparsemax(z + c 1) = sparsemax(z): the exactly shifted logits keep ties exact in Interval.
  const Vec<S> z = shift_invariant_logits<S>(inst, "logits");
  const SimplexProjection<S> proj = sparsemax_projection(z);
  Evaluation<S> e;
  e.choices_certified = proj.choice_certified;
  const S length = S(static_cast<long long>(z.size()));
  Side<S> side{"claim", Relation::at_most, S(0), S(0), std::nullopt};
  if (variant == "vanishing") {
    side.relation = Relation::at_least;
    side.quantity = max_element_value(proj.p);
    side.bound = z.size() == 1 ? S(1) : smin(S(1), top_gap(z));
  } else {
    const Mat<S> J = sparsemax_jacobian_from_support<S>(proj.support);
    if (variant == "frobenius") {
      side.quantity = frobenius_norm(J);
      side.bound = sqrt(S(length - S(1)));
    } else {
      side.quantity = spectral_norm(J);
      side.bound = variant == "softmax_bound" ? S(S(1) / S(2)) : S(1);
    }
  }
  e.sides.push_back(side);
  e.details.push_back({"support_size", S(static_cast<long long>(proj.support_size))});
  e.details.push_back({"max_weight", max_element_value(proj.p)});
  return e;
}

}  // namespace attnbound::alt_sparsemax
