// Proof chain of cor3.softmax_jacobian (the paper's Corollary 3), replayed by verify/proof_replay.
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/cor3_softmax_jacobian.hpp"
#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/softmax.hpp"

#include <fmt/format.h>

namespace attnbound {
namespace {

using I = Interval;

// ---- Corollary 3: ||J||_2 <= min{1/(4T), sqrt 2}, J = (diag a - a a^T)/T -----------------------------
// The spec's route to 1/(4T) is the largest diagonal entry a_i(1 - a_i)/T, and sqrt 2 the Frobenius norm
// of diag a - a a^T without 1/T; the chain makes the implicit step "the norm is attained on the diagonal"
// explicit, which is where it breaks at a two-way tie (erratum E1).
std::vector<ProofStepValue> cor3_chain(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields({"logits", "temperature"});
  const Vec<I> l = inst.vector<I>("logits");
  const I T = positive_scalar<I>(inst, "temperature");
  const Vec<I> p = softmax(l, T);
  const I lam = softmax_jacobian_spectral_norm(p, T);
  I diag_max(0);
  for (const auto& a : p) diag_max = smax(diag_max, I(a * (I(1) - a) / T));
  // O(L), the same enclosures eval uses (the L x L Jacobian is formed only for the small-L secular check).
  const I fro = softmax_jacobian_frobenius_norm(p, T);
  const I sqrt2 = sqrt(I(2));
  const I bound = cor3_softmax_jacobian::bound(T);
  std::vector<ProofStepValue> s;
  if (p.size() <= 160)
    s.push_back({"secular", "||J||_2 (general enclosure) = lambda_max(diag a - a a^T)/T (secular equation)",
                 StepKind::identity, spectral_norm(softmax_jacobian_from_weights(p, T)), lam});
  s.push_back({"diagonal", "||J||_2 <= max_i J_ii = max_i a_i(1 - a_i)/T (norm attained on the diagonal)",
               StepKind::at_most, lam, diag_max});
  s.push_back({"am-gm", "max_i a_i(1 - a_i)/T <= 1/(4T)", StepKind::at_most, diag_max, I(1) / (I(4) * T)});
  s.push_back({"spectral<=frobenius", "||J||_2 <= ||J||_F", StepKind::at_most, lam, fro});
  s.push_back({"frobenius-constant", "||diag a - a a^T||_F <= sqrt 2", StepKind::at_most, I(fro * T), sqrt2});
  I q = lam;
  if (variant == "frobenius") q = fro;
  if (variant == "per_weight") q = softmax_jacobian_max_row_norm<I>(p, T, nullptr);
  s.push_back({"claim", fmt::format("{} <= min{{1/(4T), sqrt 2}}", variant == "frobenius" ? "||J||_F"
                                                                    : variant == "per_weight" ? "max_i ||grad a_i||_2"
                                                                                              : "||J||_2"),
               StepKind::at_most, q, bound});
  return s;
}

}  // namespace

ProofChain cor3_softmax_jacobian_proof_chain() {
  return {cor3_softmax_jacobian::info().id,
          "spec section 2, Corollary 3: 1/(4T) as the largest diagonal entry, sqrt 2 as ||diag a - a a^T||_F",
          &cor3_chain};
}

}  // namespace attnbound
