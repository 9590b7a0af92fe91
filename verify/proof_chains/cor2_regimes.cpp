// Proof chain of cor2.regimes (Corollary 2, erratum E5), replayed by verify/proof_replay. E[d~] is the exact
// mean over all C(L, N) top-N sets (at most kReplayMaxSubsets), reading (a) (theory/cor2_regimes.hpp):
//   E[d~] <= E[sum_{i notin I} (||alpha_i x_i|| + sum_{j in I} alpha_j ||x_j||)]     triangle inequality per set
//         =  ((L-N)/L) sum_i (||alpha_i x_i|| + (N/(L-1)) sum_{j != i} alpha_j ||x_j||)  P(i notin I) = (L-N)/L,
//                                                                   P(j in I | i notin I) = N/(L-1)  [triangle]
//         =  ((L-N)/L) (N + 1) sum_j alpha_j ||x_j||          each j in L-1 inner sums: (N/(L-1))(L-1) = N
//        <=  ((L-N)(N+1)/L) max_j ||x_j||                     sum_j alpha_j = 1                        [collapse]
// dominant_term (the prose of regime (i), not derived): the upper side replaces the triangle bound by
// (1 + N/L) D, the lower side bounds E[d~] below by Jensen's main sum ((L-N)/L) sum_i ||E[alpha_i x_i - s |
// i notin I]|| (as thm1.random) and that by (1 - N/L) D; the "dominant-*" steps are where the reading fails.
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/cor2_regimes.hpp"
#include "theory/inputs.hpp"
#include "theory/top_n.hpp"

namespace attnbound {
namespace {

using I = Interval;
using proof_chain::count;
using proof_chain::detail;

std::vector<ProofStepValue> cor2_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  inst.check_fields(cor2_regimes::info().inputs);
  const WeightsInput<I> w = read_weights<I>(inst);
  const std::size_t L = w.alpha.size();
  const Mat<I> x = read_embeddings<I>(inst, L);
  if (!inst.has("top_n")) throw InputError("top_n", "required field is missing");
  const std::size_t N = checked_top_n(inst, L);
  const Evaluation<I> e = cor2_regimes::evaluate<I>(inst, variant, proof_chain::exhaustive_enumeration(L, N, opt));
  const I expected = e.sides.at(0).quantity;  // E[d~], exact mean over all subsets
  const I weighted = detail(e, "weighted_norm_sum"), max_norm = detail(e, "max_norm");
  // E over I of sum_{i notin I} (||alpha_i x_i|| + sum_{j in I} alpha_j ||x_j||), by enumeration.
  Vec<I> own(L), weighted_norm(L);
  for (std::size_t i = 0; i < L; ++i) {
    own[i] = euclidean_norm(scaled(x[i], w.alpha[i]));
    weighted_norm[i] = w.alpha[i] * euclidean_norm(x[i]);
  }
  I per_set(0);
  proof_chain::for_each_subset(L, N, [&](const std::vector<bool>& in) {
    I selected(0);
    for (std::size_t j = 0; j < L; ++j)
      if (in[j]) selected += weighted_norm[j];
    for (std::size_t i = 0; i < L; ++i)
      if (!in[i]) per_set += own[i] + selected;
  });
  per_set /= count(binomial_capped(L, N, kReplayMaxSubsets));
  const I outside = count(L - N) / count(L);
  I triangle(0);
  if (N < L) {
    const I frac = count(N) / count(L - 1);
    for (std::size_t i = 0; i < L; ++i) triangle += own[i] + frac * (weighted - weighted_norm[i]);
  }
  triangle *= outside;
  std::vector<ProofStepValue> s;
  s.push_back({"triangle", "E[d~] <= E[sum_{i notin I} (||alpha_i x_i|| + sum_{j in I} alpha_j ||x_j||)]  "
                           "(triangle inequality on each top-N set, alpha >= 0)",
               StepKind::at_most, expected, per_set});
  s.push_back({"selection-probabilities",
               "E[sum_{i notin I} (...)] = ((L-N)/L) sum_i (||alpha_i x_i|| + (N/(L-1)) sum_{j != i} alpha_j ||x_j||)  "
               "(P(i notin I) = (L-N)/L, P(j in I | i notin I) = N/(L-1))",
               StepKind::identity, per_set, triangle});
  if (variant == "triangle") {
    s.push_back({"claim", "E[d~] <= ((L-N)/L) sum_i (||alpha_i x_i|| + (N/(L-1)) sum_{j != i} alpha_j ||x_j||)",
                 StepKind::at_most, expected, e.sides[0].bound});
    return s;
  }
  if (variant == "collapse") {
    const I inner = outside * (count(N) + I(1)) * weighted;
    s.push_back({"inner-sums", "((L-N)/L) sum_i (...) = ((L-N)/L)(N + 1) sum_j alpha_j ||x_j||  (each j lies in L - 1 "
                               "inner sums: (N/(L-1))(L-1) = N)",
                 StepKind::identity, triangle, inner});
    s.push_back({"weights-sum-to-one", "((L-N)(N+1)/L) sum_j alpha_j ||x_j|| <= ((L-N)(N+1)/L) max_j ||x_j||  "
                                       "(sum_j alpha_j = 1)",
                 StepKind::at_most, inner, I(outside * (count(N) + I(1)) * max_norm)});
    s.push_back({"claim", "E[d~] <= ((L-N)(N+1)/L) max_j ||x_j||", StepKind::at_most, expected, e.sides[0].bound});
    return s;
  }
  const Side<I>& upper = e.sides.at(0);
  const Side<I>& lower = e.sides.at(1);
  const I main = thm1_main_sum_and_epsilon(w.alpha, x, N).first;
  s.push_back({"dominant-upper", "((L-N)/L) sum_i (...) <= (1 + N/L) D, D = sum_i ||alpha_i x_i||  (the prose of "
                                 "regime (i), not derived)",
               StepKind::at_most, triangle, upper.bound});
  s.push_back({"claim-upper", "E[d~] <= (1 + N/L) D", StepKind::at_most, upper.quantity, upper.bound});
  s.push_back({"jensen", "main sum = ((L-N)/L) sum_i ||E[alpha_i x_i - s | i notin I]|| <= E[d~]  (E||Y|| >= ||EY||)",
               StepKind::at_most, main, expected});
  s.push_back({"dominant-lower", "(1 - N/L) D <= main sum  (the prose of regime (i), not derived)", StepKind::at_most,
               lower.bound, main});
  s.push_back({"claim-lower", "(1 - N/L) D <= E[d~]", StepKind::at_most, lower.bound, lower.quantity});
  return s;
}

}  // namespace

ProofChain cor2_regimes_proof_chain() {
  return {cor2_regimes::info().id,
          "spec section 2, Corollary 2 (erratum E5): triangle inequality on each top-N set, P(i notin I_N) = (L-N)/L "
          "and P(j in I_N | i notin I_N) = N/(L-1) (exhaustive enumeration of I_N), sum_j alpha_j = 1",
          &cor2_chain};
}

}  // namespace attnbound
