// Proof chain of lemma1.vanishing (Lemma 1), replayed by verify/proof_replay.
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/f_normaliser.hpp"
#include "theory/inputs.hpp"
#include "theory/lemma1_vanishing.hpp"

namespace attnbound {
namespace {

using I = Interval;
using proof_chain::count;
using proof_chain::detail;

// ---- Lemma 1: C1/L <= alpha_i <= C2/L for |l_j| <= a ---------------------------------------------------
//   alpha_i = F(l_i) / S,  S = sum_j F(l_j);  F(l_i) <= max_{[-a,a]} F,  S >= L min_{[-a,a]} F   (upper)
//   F(l_k) >= min_{[-a,a]} F,  S <= L max_{[-a,a]} F                                             (lower)
// The hypotheses (|l_j| <= a, F independent of L) are checked by the statement's evaluation.
std::vector<ProofStepValue> lemma1_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = find_statement("lemma1.vanishing").evaluate_interval(inst, variant, opt);
  const Vec<I> l = inst.vector<I>("logits");
  const FNormalised<I> n = f_normalise(read_f<I>(inst, l.size()), l);
  const I fmin = detail(e, "min_F"), fmax = detail(e, "max_F"), len = count(l.size());
  const Side<I>& up = e.sides.at(0);
  const Side<I>& low = e.sides.at(1);
  const std::size_t i = static_cast<std::size_t>(up.index.value()), k = static_cast<std::size_t>(low.index.value());
  const I weight_i = n.F[i] / n.total, weight_k = n.F[k] / n.total;
  std::vector<ProofStepValue> s;
  s.push_back({"normalisation", "max_i alpha_i = F(l_i) / sum_j F(l_j), i the largest weight", StepKind::identity,
               up.quantity, weight_i});
  s.push_back({"numerator-at-most-max", "F(l_i)/S <= max_{[-a,a]} F / S  (|l_i| <= a)", StepKind::at_most, weight_i,
               I(fmax / n.total)});
  s.push_back({"sum-at-least-L-min", "max F / S <= max F / (L min_{[-a,a]} F)  (S = sum_j F(l_j) >= L min F)",
               StepKind::at_most, I(fmax / n.total), I(fmax / (len * fmin))});
  s.push_back({"constant-C2", "max F / (L min F) = C2/L", StepKind::identity, I(fmax / (len * fmin)), up.bound});
  s.push_back({"claim-upper", "max_i alpha_i <= C2/L", StepKind::at_most, up.quantity, up.bound});
  s.push_back({"lower-numerator", "min_{[-a,a]} F / S <= F(l_k)/S = alpha_k, k the smallest weight", StepKind::at_most,
               I(fmin / n.total), weight_k});
  s.push_back({"sum-at-most-L-max", "min F / (L max F) <= min F / S  (S <= L max_{[-a,a]} F)", StepKind::at_most,
               I(fmin / (len * fmax)), I(fmin / n.total)});
  s.push_back({"constant-C1", "C1/L = min F / (L max F)", StepKind::identity, low.bound, I(fmin / (len * fmax))});
  s.push_back({"claim-lower", "C1/L <= min_i alpha_i", StepKind::at_most, low.bound, low.quantity});
  return s;
}

}  // namespace

ProofChain lemma1_vanishing_proof_chain() {
  return {lemma1_vanishing::info().id,
          "spec section 2, Lemma 1: alpha_i = F(l_i)/sum_j F(l_j) with min F <= F(l_j) <= max F on [-a, a]",
          &lemma1_chain};
}

}  // namespace attnbound
