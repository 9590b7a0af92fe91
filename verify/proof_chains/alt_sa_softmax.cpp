// Proof chain of alt.sa_softmax (theory/alt_sa_softmax.hpp, derived there), replayed by verify/proof_replay.
//   spectral/softmax_band  J = diag(p) + diag(z) Js (identity, entrywise), ||J||_2 <= ||diag p||_2 +
//                          ||z||_inf ||Js||_2 (triangle, submultiplicativity), ||Js||_2 <= min{max p, 1/2}
//                          (E1), then the claim's bound
//   vanishing              max_i |z_i p_i| <= ||z||_inf max_i p_i <= ||z||_inf e^{z_max - z_min}/L
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/alt_sa_softmax.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/sa_softmax.hpp"
#include "theory/softmax.hpp"

namespace attnbound {
namespace {

using I = Interval;
using proof_chain::detail;

std::vector<ProofStepValue> sa_softmax_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = find_statement(alt_sa_softmax::info().id).evaluate_interval(inst, variant, opt);
  const Side<I>& claim = e.sides.at(0);
  const I top = detail(e, "max_weight"), zmax = detail(e, "max_abs_logit");
  const Vec<I> z = inst.vector<I>("logits");
  const Vec<I> p = softmax(z, I(1));
  std::vector<ProofStepValue> s;
  if (variant == "vanishing") {
    s.push_back({"factor", "max_i |z_i p_i| <= ||z||_inf max_i p_i", StepKind::at_most, claim.quantity, I(zmax * top)});
    s.push_back({"softmax-rate", "||z||_inf max_i p_i <= ||z||_inf e^{z_max - z_min}/L (Lemma 1, F = exp)",
                 StepKind::at_most, I(zmax * top), claim.bound});
    return s;
  }
  const I js = softmax_jacobian_spectral_norm(p, I(1));
  s.push_back({"split", "||J||_2 <= max_i p_i + ||z||_inf ||Js||_2 (J = diag p + diag(z) Js)", StepKind::at_most,
               claim.quantity, I(top + zmax * js)});
  s.push_back({"softmax-corrected", "||Js||_2 <= min{max_i p_i, 1/2} (Corollary 3 corrected, E1)", StepKind::at_most,
               js, smin(top, I(I(1) / I(2)))});
  s.push_back({"claim", variant == "softmax_band" ? "||J||_2 <= 1/2" : "||J||_2 <= max p + ||z||_inf min{max p, 1/2}",
               StepKind::at_most, claim.quantity, claim.bound});
  return s;
}

}  // namespace

ProofChain alt_sa_softmax_proof_chain() {
  return {alt_sa_softmax::info().id, "derived in theory/alt_sa_softmax.hpp: J = diag(p) + diag(z)(diag p - p p^T)",
          &sa_softmax_chain};
}

}  // namespace attnbound
