// Corollary 1 (softmax weights), spec section 2 [S formula; Delta reading R], erratum E10:
//   (1/L) e^{-2 Delta/T} <= alpha_i <= (1/L) e^{2 Delta/T},   alpha = softmax(l/T), l_j = q . k_j.
// Variants (which Delta):
//   max_key  Delta = ||q|| max_j ||k_j||  (default). True: |l_j| <= Delta for every j by Cauchy-Schwarz, and
//            Lemma 1 with F = exp(./T) on [-Delta, Delta] gives C2 = 1/C1 = e^{2 Delta/T}.
//   literal  Delta_i = ||q|| ||k_i||, separately for each i (the summary's formula read literally).
//            Expected false: q = (1), keys (0), (10), T = 1 gives alpha_0 = 1/(1+e^10) < 1/2 = (1/L) e^0.
// Two-sided: side "upper" reports the i with the largest alpha_i / bound_i, side "lower" the i with the
// smallest alpha_i / bound_i (for max_key the bound is the same for every i, so these are argmax/argmin
// alpha). For Interval the reported index is chosen by forall_claim_index: a certified violated index if
// any, else an undecided one, else the most extreme ratio, so the side's verdict is the verdict for all i.
#pragma once

#include "theory/inputs.hpp"
#include "theory/euclidean_norm.hpp"
#include "theory/forall_claim_index.hpp"
#include "theory/softmax.hpp"
#include "theory/statement.hpp"

#include <fmt/format.h>

namespace attnbound::cor1_softmax_weights {

inline StatementInfo info() {
  return {"cor1.softmax_weights",
          "Softmax weights are Theta(1/L) for bounded query and keys",
          "Corollary 1 (Sec. 2.1); spec section 2, erratum E10",
          "query and keys finite with the same dimension d, temperature T > 0",
          {"query", "keys", "temperature"},
          {{"max_key", "(1/L)e^{-2Delta/T} <= alpha_i <= (1/L)e^{2Delta/T}, Delta = ||q|| max_j ||k_j||", "[S], Delta [R]"},
           {"literal", "(1/L)e^{-2Delta_i/T} <= alpha_i <= (1/L)e^{2Delta_i/T}, Delta_i = ||q|| ||k_i||", "[S] literal"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  const Vec<S> q = inst.vector<S>("query");
  const Mat<S> keys = inst.matrix<S>("keys");
  if (keys.at(0).size() != q.size())
    throw InputError("keys", fmt::format("rows have dimension {}, the query has {}", keys[0].size(), q.size()));
  const S T = positive_scalar<S>(inst, "temperature");
  const std::size_t L = keys.size();

  Vec<S> logits, key_norms;
  for (const auto& k : keys) {
    logits.push_back(dot(q, k));
    key_norms.push_back(euclidean_norm(k));
  }
  const Vec<S> alpha = softmax(logits, T);
  const S qn = euclidean_norm(q);
  const S invL = S(1) / S(static_cast<long long>(L));

  Vec<S> upper(L), lower(L), up_ratio(L), low_ratio(L);
  const S delta_max = qn * max_element_value(key_norms);
  for (std::size_t i = 0; i < L; ++i) {
    const S delta = variant == "literal" ? qn * key_norms[i] : delta_max;
    upper[i] = invL * exp(S(2) * delta / T);
    lower[i] = invL * exp(-S(2) * delta / T);
    up_ratio[i] = alpha[i] / upper[i];
    low_ratio[i] = alpha[i] / lower[i];
  }
  Evaluation<S> e;
  // The claim is for every i: the reported index is a violated one if any, else an undecided one, so the
  // side's verdict is the claim's verdict whatever the midpoints say (forall_claim_index.hpp).
  const std::size_t iu = forall_claim_index(alpha, upper, Relation::at_most, up_ratio, true);
  const std::size_t il = forall_claim_index(alpha, lower, Relation::at_least, low_ratio, false);
  e.sides.push_back({"upper", Relation::at_most, alpha[iu], upper[iu], static_cast<std::int64_t>(iu)});
  e.sides.push_back({"lower", Relation::at_least, alpha[il], lower[il], static_cast<std::int64_t>(il)});
  e.details.push_back({"delta", delta_max});
  e.details.push_back({"query_norm", qn});
  e.details.push_back({"max_weight", max_element_value(alpha)});
  e.details.push_back({"min_weight", min_element_value(alpha)});
  return e;
}

}  // namespace attnbound::cor1_softmax_weights
