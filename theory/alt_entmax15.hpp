// alt.entmax15: entmax-1.5 (Peters, Niculae & Martins 2019; spec section 5 [E], the alpha = 3/2 member of
// alpha-entmax) against the paper's limitations. Derived here: the paper states no bound for entmax, it only
// recommends sparse normalisers (spec section 5, guideline 3). p_i = g_i^2, g_i = [z_i/2 - tau]_+, sum g_i^2 =
// 1; J = diag(g) - g g^T / S, S = sum_i g_i (theory/entmax15.hpp); h = (z_(1) - z_(2))/2.
//   spectral    ||J||_2 <= 1. Proof: x^T J x = (1/(2S)) sum_{i,j} g_i g_j (x_i - x_j)^2 >= 0 (Lagrange's
//               identity), and J <= diag(g) in the positive semidefinite order (g g^T/S >= 0), so
//               ||J||_2 = lambda_max(J) <= max_i g_i = sqrt(max_i p_i) <= 1. The constant 1 is the supremum
//               over all L and is not attained: with one large g_1 = a and k equal small ones, lambda_max is
//               0.726 at k = 63, 0.754 at k = 100 and 0.868 at k = 1000 (a chosen best, numpy, float64).
//   max_weight  ||J||_2 <= sqrt(max_i p_i), the same proof; equality at a two-way tie with |K| = 2
//               (g = (1/sqrt 2, 1/sqrt 2): ||J||_2 = 2 g_1 g_2/(g_1 + g_2) = 1/sqrt 2).
//   two_token   ||J||_2 <= 1/sqrt 2, the supremum over |K| = 2 (2 g_1 g_2/(g_1 + g_2) with g_1^2 + g_2^2 = 1
//               is largest at g_1 = g_2), read as a bound for every L: expected false for large supports,
//               e.g. logits (1.68, 0 x 63) give ||J||_2 ~ 0.726.
//   vanishing   max_i p_i >= min{1, h^2} for every L. Proof: |K| = 1 gives max p = 1. Otherwise z_(2) is in K
//               and g_(1) = h + g_(2) > h, with g_(1) <= 1 (so h < 1); p_(1) = g_(1)^2 > h^2. h >= 1 forces
//               |K| = 1. L = 1: the bound is 1. Equality: max p = 1 = bound when h >= 1.
// ||J||_2 is computed as S lambda_max(diag q - q q^T), q = g/S on the support (J = S (diag q - q q^T) there),
// by the secular equation in O(L) (the proof replay checks it against the dense enclosure for L <= 16).
// Interval: the support is a discrete choice certified by its KKT conditions (theory/entmax15.hpp); when it is
// not certified, choices_certified is false and the engine says undecided.
#pragma once

#include "theory/entmax15.hpp"
#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/statement.hpp"
#include "theory/top_gap.hpp"

namespace attnbound::alt_entmax15 {

inline StatementInfo info() {
  return {"alt.entmax15",
          "entmax-1.5: Jacobian norm and non-vanishing weight (derived here)",
          "spec section 5 (guideline 3: prefer sparse normalisers); Peters, Niculae & Martins 2019; derived in "
          "theory/alt_entmax15.hpp",
          "logits finite",
          {"logits"},
          {{"spectral", "||J||_2 <= 1 (the supremum over L, not attained)", "derived"},
           {"max_weight", "||J||_2 <= sqrt(max_i p_i) (equality at a two-way tie)", "derived"},
           {"two_token", "||J||_2 <= 1/sqrt 2 (the two-token supremum, for every L)", "derived; expected false"},
           {"vanishing", "max_i p_i >= min{1, ((z_(1) - z_(2))/2)^2} for every L", "derived"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  // entmax15(z + c 1) = entmax15(z): the exactly shifted logits keep ties exact in Interval.
  const Vec<S> z = shift_invariant_logits<S>(inst, "logits");
  const SimplexProjection<S> proj = entmax15_projection(z);
  Evaluation<S> e;
  e.choices_certified = proj.choice_certified;
  const S max_weight = max_element_value(proj.p);
  Side<S> side{"claim", Relation::at_most, S(0), S(0), std::nullopt};
  if (variant == "vanishing") {
    side.relation = Relation::at_least;
    side.quantity = max_weight;
    if (z.size() == 1) side.bound = S(1);
    else {
      const S h = top_gap(z) / S(2);
      side.bound = smin(S(1), S(h * h));
    }
  } else {
    // On the support J = S (diag q - q q^T) with q = g/S (q > 0, sum q = 1), zero elsewhere, so ||J||_2 =
    // S lambda_max(diag q - q q^T): the O(L) secular equation of softmax's Jacobian (theory/jacobian_norms.hpp),
    // whose Interval contract needs exactly this (exact q* inside the enclosures, positive, summing to 1).
    Vec<S> roots;
    S sum(0);
    for (std::size_t i = 0; i < z.size(); ++i)
      if (proj.support[i]) {
        roots.push_back(proj.g[i]);
        sum += proj.g[i];
      }
    Vec<S> q;
    for (const auto& g : roots) q.push_back(g / sum);
    side.quantity = sum * softmax_jacobian_spectral_norm(q, S(1));
    if (variant == "max_weight") side.bound = sqrt(max_weight);
    else if (variant == "two_token") side.bound = S(1) / sqrt(S(2));
    else side.bound = S(1);
  }
  e.sides.push_back(side);
  e.details.push_back({"support_size", S(static_cast<long long>(proj.support_size))});
  e.details.push_back({"max_weight", max_weight});
  return e;
}

}  // namespace attnbound::alt_entmax15
