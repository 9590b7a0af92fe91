// Corollary 2 (regimes), spec section 2 [V prose, R formulas], erratum E5, made checkable.
// E[d~] is over a uniformly random top-N set (spec 1.4), reading (a); computed as in thm1.random (exact
// enumeration up to options.max_enumeration subsets, else seeded Monte Carlo with a confidence interval).
//
// Derivation of the "triangle" bound (every step an inequality with its reason):
//   d~(I) = sum_{i notin I} || alpha_i x_i - sum_{j in I} alpha_j x_j ||
//        <= sum_{i notin I} ( ||alpha_i x_i|| + sum_{j in I} alpha_j ||x_j|| )        triangle inequality, alpha >= 0
//   E[d~] <= sum_i P(i notin I) ( ||alpha_i x_i|| + sum_{j != i} P(j in I | i notin I) alpha_j ||x_j|| )
//                                                                                   linearity of expectation
//         =  ((L-N)/L) sum_i ( ||alpha_i x_i|| + (N/(L-1)) sum_{j != i} alpha_j ||x_j|| )   P(i notin I) = (L-N)/L,
//                                                                  P(j in I | i notin I) = N/(L-1)   [triangle]
//         =  ((L-N)/L) (N + 1) sum_j alpha_j ||x_j||          each j appears in L-1 inner sums: (N/(L-1))(L-1) = N
//        <=  ((L-N)(N+1)/L) max_j ||x_j||                     sum_j alpha_j = 1                  [collapse]
// Regime (ii) (L fixed, N -> L): the bound is 0 at N = L and linear in L - N: E[d~] -> 0 (collapse).
// Regime (i) (N fixed, L grows): E[d~] <= (N+1) max||x_j|| stays bounded in L; it cannot grow linearly,
// which is the inconsistency E5 with Fig. 2a.
// Variants:
//   triangle       E[d~] <= ((L-N)/L) sum_i (||alpha_i x_i|| + (N/(L-1)) sum_{j!=i} alpha_j ||x_j||)  (default)
//   collapse       E[d~] <= ((L-N)(N+1)/L) max_j ||x_j||
//   dominant_term  the prose of regime (i), "E[d~] ~ D = sum_i ||alpha_i x_i||" up to O(N/L), read with
//                  constant 1: (1 - N/L) D <= E[d~] <= (1 + N/L) D (two-sided). Not derived and expected
//                  false in general: one heavy token opposite the rest, alpha = (0.9, 0.025 x4),
//                  x = (1), (-1) x4, N = 1: E[d~] = 1.48 > 1.2 = (1 + 1/5) D (upper side); identical
//                  tokens, alpha = (1/2, 1/2), x = (1), (1), N = 1: E[d~] = 0 < 1/2 = (1 - 1/2) D (lower side).
#pragma once

#include "theory/thm1_random.hpp"

namespace attnbound::cor2_regimes {

inline StatementInfo info() {
  return {"cor2.regimes",
          "Regimes of the expected distance: bounded for fixed N, collapse as N -> L",
          "Corollary 2 (Sec. 2.1); spec section 2 [V prose, R formulas], erratum E5",
          "weights >= 0 summing to 1 (or logits + temperature T > 0); x has L rows; 1 <= N <= L; "
          "I_N uniform over all C(L, N) subsets; d~ reading (a)",
          {"logits", "temperature", "weights", "x", "top_n"},
          {{"triangle", "E[d~] <= ((L-N)/L) sum_i (||alpha_i x_i|| + (N/(L-1)) sum_{j!=i} alpha_j ||x_j||)", "derived"},
           {"collapse", "E[d~] <= ((L-N)(N+1)/L) max_j ||x_j||", "derived"},
           {"dominant_term", "(1 - N/L) D <= E[d~] <= (1 + N/L) D, D = sum_i ||alpha_i x_i||", "[R] prose reading (E5)"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  inst.check_fields(info().inputs);
  const WeightsInput<S> w = read_weights<S>(inst);
  const std::size_t L = w.alpha.size();
  const Mat<S> x = read_embeddings<S>(inst, L);
  if (!inst.has("top_n")) throw InputError("top_n", "required field is missing");
  const std::size_t N = checked_top_n(inst, L);

  const ExpectedDistance<S> ex = expected_distance(w.alpha, x, N, opt);
  S D(0), weighted_norms(0), max_norm(0);
  for (std::size_t i = 0; i < L; ++i) {
    const S n = euclidean_norm(x[i]);
    D += euclidean_norm(scaled(x[i], w.alpha[i]));
    weighted_norms += w.alpha[i] * n;
    max_norm = smax(max_norm, n);
  }
  const S len = S(static_cast<long long>(L)), n_sel = S(static_cast<long long>(N));
  const S outside = S(static_cast<long long>(L - N)) / len;
  Evaluation<S> e;
  if (variant == "triangle") {
    // sum_{j != i} alpha_j ||x_j|| = weighted_norms - alpha_i ||x_i||; the whole bound is 0 when N = L.
    S total(0);
    if (N < L) {
      const S frac = n_sel / S(static_cast<long long>(L - 1));
      for (std::size_t i = 0; i < L; ++i) {
        const S own = w.alpha[i] * euclidean_norm(x[i]);
        total += own + frac * (weighted_norms - own);
      }
    }
    e.sides.push_back({"claim", Relation::at_most, ex.value, S(outside * total), std::nullopt});
  } else if (variant == "collapse") {
    e.sides.push_back({"claim", Relation::at_most, ex.value, S(outside * (n_sel + 1) * max_norm), std::nullopt});
  } else {
    const S r = n_sel / len;
    e.sides.push_back({"upper", Relation::at_most, ex.value, S((1 + r) * D), std::nullopt});
    e.sides.push_back({"lower", Relation::at_least, ex.value, S((1 - r) * D), std::nullopt});
  }
  e.details.push_back({"D", D});
  e.details.push_back({"weighted_norm_sum", weighted_norms});
  e.details.push_back({"max_norm", max_norm});
  add_expectation_details(e, ex, opt);
  return e;
}

}  // namespace attnbound::cor2_regimes
