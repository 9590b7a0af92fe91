// Proof chain of thm1.random (Theorem 1, uniformly random top-N set), replayed by verify/proof_replay.
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/errors.hpp"
#include "theory/inputs.hpp"
#include "theory/thm1_random.hpp"
#include "theory/top_n.hpp"

#include <algorithm>

namespace attnbound {
namespace {

using I = Interval;
using proof_chain::count;
using proof_chain::detail;
using proof_chain::for_each_subset;

// ---- Theorem 1, uniformly random I_N: the moments given i notin I_N, by enumerating every N-subset -------
// Y_i = alpha_i x_i - s. Given i notin I_N, I_N is a uniform N-subset of the other L - 1 tokens.
struct ConditionalMoments {
  Vec<I> norm;              // E[ ||Y_i|| | i notin I_N ]
  std::vector<Vec<I>> mean_s;  // E[ s | i notin I_N ]  (E Y_i = alpha_i x_i - E s)
  Vec<I> deviation;         // E[ ||Y_i - E Y_i|| | i notin I_N ]   (Y_i - E Y_i = E s - s)
  Vec<I> deviation_sq;      // E[ ||Y_i - E Y_i||^2 | i notin I_N ]
};

ConditionalMoments conditional_moments(const Vec<I>& a, const Mat<I>& x, std::size_t N, bool deviations) {
  const std::size_t L = a.size(), d = x.at(0).size();
  ConditionalMoments m{Vec<I>(L, I(0)), std::vector<Vec<I>>(L, Vec<I>(d, I(0))), Vec<I>(L, I(0)), Vec<I>(L, I(0))};
  if (N >= L) return m;  // no token is ever left out: every conditional term has probability 0
  // C(L-1, N) subsets avoid a given i (<= C(L, N) <= kReplayMaxSubsets, so exact).
  const I avoiding(static_cast<long long>(binomial_capped(L - 1, N, kReplayMaxSubsets)));
  for_each_subset(L, N, [&](const std::vector<bool>& in) {
    const Vec<I> s = context_vector(a, x, in);
    for (std::size_t i = 0; i < L; ++i) {
      if (in[i]) continue;
      m.norm[i] += euclidean_distance(scaled(x[i], a[i]), s);
      add_scaled(m.mean_s[i], I(1), s);
    }
  });
  for (std::size_t i = 0; i < L; ++i) {
    m.norm[i] /= avoiding;
    for (auto& c : m.mean_s[i]) c /= avoiding;
  }
  if (!deviations) return m;
  for_each_subset(L, N, [&](const std::vector<bool>& in) {
    const Vec<I> s = context_vector(a, x, in);
    for (std::size_t i = 0; i < L; ++i) {
      if (in[i]) continue;
      const I sq = squared_norm(difference(s, m.mean_s[i]));
      m.deviation_sq[i] += sq;
      m.deviation[i] += sqrt(sq);
    }
  });
  for (std::size_t i = 0; i < L; ++i) {
    m.deviation[i] /= avoiding;
    m.deviation_sq[i] /= avoiding;
  }
  return m;
}

//   E[d~] = sum_i P(i notin I_N) E[||Y_i|| | i notin I_N],  P(i notin I_N) = (L-N)/L             (split)
//   E[s | i notin I_N] = (N/(L-1)) sum_{j != i} alpha_j x_j                                      (selection)
//   jensen_lower:  main sum = ((L-N)/L) sum_i ||E Y_i|| <= ((L-N)/L) sum_i E||Y_i||              (Jensen)
//   upper:         E||Y|| <= ||EY|| + E||Y - EY|| <= ||EY|| + sqrt(E||Y - EY||^2), and E||Y - EY||^2 is the
//                  without-replacement variance N(n-N)/(n(n-1)) sum_{j != i} ||alpha_j x_j - m_i||^2, n = L-1
//   main_as_upper: E||Y|| <= ||EY||, the reverse of Jensen (erratum E6): its first false step.
std::vector<ProofStepValue> thm1_random_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Statement& st = find_statement("thm1.random");
  inst.check_fields(st.info.inputs);
  const WeightsInput<I> w = read_weights<I>(inst);
  const std::size_t L = w.alpha.size();
  const Mat<I> x = read_embeddings<I>(inst, L);
  if (!inst.has("top_n")) throw InputError("top_n", "required field is missing");
  const std::size_t N = checked_top_n(inst, L);
  const Evaluation<I> e = st.evaluate_interval(inst, variant, proof_chain::exhaustive_enumeration(L, N, opt));
  const I expected = e.sides.at(0).quantity;  // E[d~], exact mean over all subsets
  const I main = detail(e, "main_sum"), eps = detail(e, "epsilon_bound");
  const ConditionalMoments m = conditional_moments(w.alpha, x, N, variant == "upper");

  const I outside = count(L - N) / count(L);
  const I frac = N < L ? I(count(N) / count(L - 1)) : I(0);
  Vec<I> weighted_total(x[0].size(), I(0));
  for (std::size_t j = 0; j < L; ++j) add_scaled(weighted_total, w.alpha[j], x[j]);
  I norms(0), selection(0), deviation(0), deviation_rms(0);
  for (std::size_t i = 0; i < L; ++i) {
    norms += m.norm[i];
    deviation += m.deviation[i];
    deviation_rms += sqrt(m.deviation_sq[i]);
    if (N < L) selection += euclidean_distance(m.mean_s[i], scaled(difference(weighted_total, scaled(x[i], w.alpha[i])), frac));
  }
  const I split = outside * norms;
  std::vector<ProofStepValue> s;
  s.push_back({"exclusion-split", "E[d~] = ((L-N)/L) sum_i E[||alpha_i x_i - s|| | i notin I_N]  (P(i notin I_N) = (L-N)/L)",
               StepKind::identity, expected, split});
  s.push_back({"conditional-selection",
               "sum_i ||E[s | i notin I_N] - (N/(L-1)) sum_{j != i} alpha_j x_j|| = 0  (given i notin I_N, each j != i is "
               "selected with probability N/(L-1))",
               StepKind::identity, selection, I(0)});
  if (variant == "jensen_lower") {
    s.push_back({"jensen", "main sum = ((L-N)/L) sum_i ||E[Y_i | i notin I_N]|| <= ((L-N)/L) sum_i E[||Y_i|| | i notin I_N]  "
                           "(E||Y|| >= ||EY||)",
                 StepKind::at_most, main, split});
    s.push_back({"claim", "main sum <= E[d~]", StepKind::at_most, e.sides[0].bound, expected});
  } else if (variant == "upper") {
    const I with_deviation = main + outside * deviation, with_rms = main + outside * deviation_rms;
    s.push_back({"mean-deviation", "((L-N)/L) sum_i E||Y_i|| <= main sum + ((L-N)/L) sum_i E||Y_i - E Y_i||  (triangle)",
                 StepKind::at_most, split, with_deviation});
    s.push_back({"cauchy-schwarz", "... <= main sum + ((L-N)/L) sum_i sqrt(E||Y_i - E Y_i||^2)  (E Z <= sqrt(E Z^2))",
                 StepKind::at_most, with_deviation, with_rms});
    s.push_back({"without-replacement-variance",
                 "E||Y_i - E Y_i||^2 = N(L-1-N)/((L-1)(L-2)) sum_{j != i} ||alpha_j x_j - m_i||^2: ... = main sum + epsilon bound",
                 StepKind::identity, with_rms, I(main + eps)});
    s.push_back({"claim", "E[d~] <= main sum + epsilon bound", StepKind::at_most, expected, e.sides[0].bound});
  } else {
    s.push_back({"reverse-jensen", "((L-N)/L) sum_i E[||Y_i|| | i notin I_N] <= ((L-N)/L) sum_i ||E[Y_i | i notin I_N]|| = "
                                   "main sum  (E||Y|| <= ||EY||: Jensen reversed, erratum E6)",
                 StepKind::at_most, split, main});
    s.push_back({"claim", "E[d~] <= main sum", StepKind::at_most, expected, e.sides[0].bound});
  }
  return s;
}

}  // namespace

ProofChain thm1_random_proof_chain() {
  return {thm1_random::info().id,
          "spec section 2, Theorem 1 part 2: exclusion probability (L-N)/L, conditional selection N/(L-1), "
          "Jensen; epsilon by sampling without replacement (exhaustive enumeration of I_N)",
          &thm1_random_chain};
}

}  // namespace attnbound
