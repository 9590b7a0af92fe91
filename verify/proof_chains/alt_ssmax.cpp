// Proof chain of alt.ssmax (theory/alt_ssmax.hpp, derived there), replayed by verify/proof_replay.
// c = s log L, p = softmax(c z / T), J = (c/T)(diag p - p p^T).
//   spectral/max_weight/cor3_transfer  ||J||_2 = (|c|/T) lambda_max(diag p - p p^T) (secular equation)
//                                      <= (|c|/T) min{max_i p_i, 1/2} (Corollary 3 corrected, E1), then the
//                                      claim's bound
//   vanishing                          max p = 1/(1 + sum_{j != top} e^{u_j - u_(1)}) >= 1/(1 + (L-1) e^{-D})
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/alt_ssmax.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/softmax.hpp"

namespace attnbound {
namespace {

using I = Interval;
using proof_chain::detail;

std::vector<ProofStepValue> ssmax_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = find_statement(alt_ssmax::info().id).evaluate_interval(inst, variant, opt);
  const Side<I>& claim = e.sides.at(0);
  const I c = detail(e, "scale_s_log_L"), top = detail(e, "max_weight");
  const I abs_c = smax(c, I(-c));
  const I T = inst.has("temperature") ? positive_scalar<I>(inst, "temperature") : I(1);
  std::vector<ProofStepValue> s;
  if (variant == "vanishing") {
    s.push_back({"claim", "1/(1 + (L - 1) e^{-D}) <= max_i p_i (u_j - u_(1) <= -D for j != top)", StepKind::at_most,
                 claim.bound, claim.quantity});
    return s;
  }
  s.push_back({"max-weight", "||J||_2 <= |c| max_i p_i / T (diag p - p p^T <= diag p)", StepKind::at_most,
               claim.quantity, I(abs_c * top / T)});
  s.push_back({"half", "||J||_2 <= |c|/(2T) (||diag p - p p^T||_2 <= 1/2, E1)", StepKind::at_most, claim.quantity,
               I(abs_c / (I(2) * T))});
  const char* what = variant == "cor3_transfer" ? "||J||_2 <= min{|c|/(4T), sqrt 2}"
                     : variant == "max_weight"  ? "||J||_2 <= |c| max_i p_i / T"
                                                : "||J||_2 <= |c|/(2T)";
  s.push_back({"claim", what, StepKind::at_most, claim.quantity, claim.bound});
  return s;
}

}  // namespace

ProofChain alt_ssmax_proof_chain() {
  return {alt_ssmax::info().id, "derived in theory/alt_ssmax.hpp from Corollary 3 corrected (E1) at T/(s log L)",
          &ssmax_chain};
}

}  // namespace attnbound
