// Proof chain of cor1.softmax_weights (Corollary 1), replayed by verify/proof_replay.
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/cor1_softmax_weights.hpp"
#include "theory/errors.hpp"
#include "theory/inputs.hpp"
#include "theory/softmax.hpp"

namespace attnbound {
namespace {

using I = Interval;

// ---- Corollary 1: (1/L)e^{-2Delta/T} <= alpha_i <= (1/L)e^{2Delta/T}, via Lemma 1 with F = exp(./T) ------
//   |l_j| = |q^T k_j| <= ||q|| ||k_j|| <= Delta                                       (Cauchy-Schwarz)
//   alpha_i = 1 / sum_j e^{(l_j - l_i)/T} <= e^{(max l - min l)/T} / L                (every term >= e^{-range/T})
//   max l - min l <= 2 Delta                                                           (Lemma 1: max F / min F)
// and the mirror for the lower bound. Variant "literal" uses Delta_i = ||q|| ||k_i|| of the extreme weight i,
// where the range step can fail (erratum E10).
std::vector<ProofStepValue> cor1_chain(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields({"query", "keys", "temperature"});
  const Vec<I> q = inst.vector<I>("query");
  const Mat<I> keys = inst.matrix<I>("keys");
  const I T = positive_scalar<I>(inst, "temperature");
  if (keys.empty()) throw InputError("keys", "needs at least one key");
  if (keys[0].size() != q.size()) throw InputError("keys", "rows must have the query's dimension");
  const std::size_t L = keys.size();
  const I qn = norm2(q);
  Vec<I> l, kn;
  for (const auto& k : keys) {
    l.push_back(dot(q, k));
    kn.push_back(norm2(k));
  }
  const Vec<I> a = softmax(l, T);
  const I delta_max = qn * max_element_value(kn);
  const bool literal = variant == "literal";
  // max_key: the weight steps use enclosures of max_i / min_i alpha_i themselves (no index is chosen).
  // literal: the claim is per index, so the chain follows the indices the statement reports, which
  // forall_claim_index picks so that each side's verdict is the claim's verdict (a violated index first).
  const Evaluation<I> claim = cor1_softmax_weights::evaluate<I>(inst, variant, EvalOptions{});
  const std::size_t hi_i = static_cast<std::size_t>(claim.sides.at(0).index.value());
  const std::size_t lo_i = static_cast<std::size_t>(claim.sides.at(1).index.value());
  const I a_hi = literal ? a[hi_i] : max_element_value(a), a_lo = literal ? a[lo_i] : min_element_value(a);
  const I delta_hi = literal ? I(qn * kn[hi_i]) : delta_max, delta_lo = literal ? I(qn * kn[lo_i]) : delta_max;
  I max_abs(0);
  for (const auto& x : l) max_abs = smax(max_abs, I(abs(x)));
  const I range = max_element_value(l) - min_element_value(l);
  const I n(static_cast<long long>(L));
  std::vector<ProofStepValue> s;
  s.push_back({"cauchy-schwarz", "max_j |q^T k_j| <= ||q|| max_j ||k_j|| = Delta", StepKind::at_most, max_abs, delta_max});
  s.push_back({"upper-weight", "max_i alpha_i <= e^{(max l - min l)/T} / L", StepKind::at_most, a_hi,
               I(exp(range / T) / n)});
  s.push_back({"upper-range", literal ? "e^{(max l - min l)/T}/L <= e^{2 Delta_i/T}/L, i the index the claim reports"
                                      : "e^{(max l - min l)/T}/L <= e^{2 Delta/T}/L",
               StepKind::at_most, I(exp(range / T) / n), I(exp(I(2) * delta_hi / T) / n)});
  s.push_back({"claim-upper", "max_i alpha_i <= e^{2 Delta/T}/L", StepKind::at_most, a_hi,
               I(exp(I(2) * delta_hi / T) / n)});
  s.push_back({"lower-weight", "e^{-(max l - min l)/T} / L <= min_i alpha_i", StepKind::at_most,
               I(exp(-range / T) / n), a_lo});
  s.push_back({"lower-range", literal ? "e^{-2 Delta_i/T}/L <= e^{-(max l - min l)/T}/L, i the index the claim reports"
                                      : "e^{-2 Delta/T}/L <= e^{-(max l - min l)/T}/L",
               StepKind::at_most, I(exp(I(-2) * delta_lo / T) / n), I(exp(-range / T) / n)});
  s.push_back({"claim-lower", "e^{-2 Delta/T}/L <= min_i alpha_i", StepKind::at_most,
               I(exp(I(-2) * delta_lo / T) / n), a_lo});
  return s;
}


}  // namespace

ProofChain cor1_softmax_weights_proof_chain() {
  return {cor1_softmax_weights::info().id,
          "spec section 2, Corollary 1: Lemma 1 with F = exp(./T), |l_j| <= Delta by Cauchy-Schwarz",
          &cor1_chain};
}

}  // namespace attnbound
