// Proof chain of alt.entmax15 (theory/alt_entmax15.hpp, derived there), replayed by verify/proof_replay.
//   spectral/max_weight/two_token  ||J||_2 <= max_i g_i (0 <= J <= diag g in the semidefinite order),
//                                  max_i g_i = sqrt(max_i p_i) <= 1, then the claim's bound
//   vanishing                      |K| >= 2: h < g_(1) (g_(1) = h + g_(2), g_(2) > 0) and h^2 <= p_(1);
//                                  |K| = 1: p_(1) = 1; then min{1, h^2} <= p_(1)
// The support is a choice taken from midpoints; when the evaluation could not certify it, the chain is the
// single undecided step "support".
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/alt_entmax15.hpp"
#include "theory/entmax15.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/top_gap.hpp"

namespace attnbound {
namespace {

using I = Interval;

std::vector<ProofStepValue> entmax15_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = find_statement(alt_entmax15::info().id).evaluate_interval(inst, variant, opt);
  const Side<I>& claim = e.sides.at(0);
  const Vec<I> z = shift_invariant_logits<I>(inst, "logits");
  const SimplexProjection<I> proj = entmax15_projection(z);
  std::vector<ProofStepValue> s;
  if (!e.choices_certified || !proj.choice_certified) {
    s.push_back({"support", "the support K chosen from midpoints is the exact one (KKT on the enclosures)",
                 StepKind::identity, hull(Real(0), Real(1)), I(1)});
    return s;
  }
  const I top = max_element_value(proj.p);
  if (variant == "vanishing") {
    if (proj.support_size >= 2) {
      const I h = top_gap(z) / I(2);
      s.push_back({"gap-below-root", "h <= g_(1) = h + g_(2)", StepKind::at_most, h, max_element_value(proj.g)});
      s.push_back({"square", "h^2 <= g_(1)^2 = p_(1)", StepKind::at_most, I(h * h), top});
    } else {
      s.push_back({"one-hot", "|K| = 1: p_(1) = 1", StepKind::identity, top, I(1)});
    }
    s.push_back({"claim", "min{1, h^2} <= max_i p_i", StepKind::at_most, claim.bound, claim.quantity});
    return s;
  }
  const I gmax = max_element_value(proj.g);
  if (z.size() <= 16)
    s.push_back({"secular", "||J||_2 (dense enclosure of diag g - g g^T/S) = S lambda_max(diag q - q q^T), q = g/S",
                 StepKind::identity, spectral_norm(entmax15_jacobian_from_roots(proj.g)), claim.quantity});
  s.push_back({"semidefinite", "||J||_2 = lambda_max(J) <= max_i g_i (J <= diag g)", StepKind::at_most,
               claim.quantity, gmax});
  s.push_back({"root", "max_i g_i = sqrt(max_i p_i)", StepKind::identity, gmax, I(sqrt(top))});
  s.push_back({"at-most-one", "sqrt(max_i p_i) <= 1", StepKind::at_most, I(sqrt(top)), I(1)});
  s.push_back({"claim",
               variant == "two_token" ? "||J||_2 <= 1/sqrt 2" : variant == "max_weight" ? "||J||_2 <= sqrt(max_i p_i)"
                                                                                         : "||J||_2 <= 1",
               StepKind::at_most, claim.quantity, claim.bound});
  return s;
}

}  // namespace

ProofChain alt_entmax15_proof_chain() {
  return {alt_entmax15::info().id,
          "derived in theory/alt_entmax15.hpp: 0 <= J <= diag(g) (Lagrange's identity); the gap argument",
          &entmax15_chain};
}

}  // namespace attnbound
