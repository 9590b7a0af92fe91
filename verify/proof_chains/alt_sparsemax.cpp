// Proof chain of alt.sparsemax (theory/alt_sparsemax.hpp, derived there), replayed by verify/proof_replay.
//   spectral/softmax_bound  ||J||_F^2 = |K| - 1 (J the projection onto {supp v in K, sum v = 0}: trace J =
//                           |K| - 1, J^2 = J), ||J||_2 <= 1, then the claim's bound
//   frobenius               ||J||_F^2 = |K| - 1 <= L - 1
//   vanishing               |K| >= 2: g + (1 - g)/|K| <= p_(1) (sum p = 1, p_j <= p_(1) - g on K), then
//                           min{1, g} <= p_(1); |K| = 1: p_(1) = 1
// The support is a choice taken from midpoints; when the evaluation could not certify it (KKT on the
// enclosures), the chain is the single undecided step "support" (no other step can then speak for the
// exact input, so none is given).
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/alt_sparsemax.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/sparsemax.hpp"
#include "theory/top_gap.hpp"

namespace attnbound {
namespace {

using I = Interval;
using proof_chain::count;

std::vector<ProofStepValue> sparsemax_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = find_statement(alt_sparsemax::info().id).evaluate_interval(inst, variant, opt);
  const Side<I>& claim = e.sides.at(0);
  const Vec<I> z = shift_invariant_logits<I>(inst, "logits");
  const SimplexProjection<I> proj = sparsemax_projection(z);
  std::vector<ProofStepValue> s;
  if (!e.choices_certified || !proj.choice_certified) {
    s.push_back({"support", "the support K chosen from midpoints is the exact one (KKT on the enclosures)",
                 StepKind::identity, hull(Real(0), Real(1)), I(1)});
    return s;
  }
  const std::size_t k = proj.support_size, L = z.size();
  const Mat<I> J = sparsemax_jacobian_from_support<I>(proj.support);
  const I fro = frobenius_norm(J);
  s.push_back({"trace", "||J||_F^2 = trace J = |K| - 1 (J symmetric, J^2 = J)", StepKind::identity, I(fro * fro),
               I(count(k) - I(1))});
  if (variant == "frobenius") {
    s.push_back({"support-at-most-L", "|K| - 1 <= L - 1", StepKind::at_most, I(count(k) - I(1)), I(count(L) - I(1))});
    s.push_back({"claim", "||J||_F <= sqrt(L - 1)", StepKind::at_most, claim.quantity, claim.bound});
    return s;
  }
  if (variant == "vanishing") {
    const I top = max_element_value(proj.p);
    if (k >= 2) {
      const I g = top_gap(z);
      s.push_back({"mass", "g + (1 - g)/|K| <= p_(1) (1 = sum p <= p_(1) + (|K| - 1)(p_(1) - g))", StepKind::at_most,
                   I(g + (I(1) - g) / count(k)), top});
      s.push_back({"gap-below-one", "g < 1 when |K| >= 2 (g = p_(1) - p_(2) < p_(1) <= 1)", StepKind::at_most, g, I(1)});
    } else {
      s.push_back({"one-hot", "|K| = 1: p_(1) = 1", StepKind::identity, top, I(1)});
    }
    s.push_back({"claim", "min{1, g} <= max_i p_i", StepKind::at_most, claim.bound, claim.quantity});
    return s;
  }
  s.push_back({"projection", "||J||_2 <= 1 (an orthogonal projection)", StepKind::at_most, claim.quantity, I(1)});
  s.push_back({"claim", variant == "softmax_bound" ? "||J||_2 <= 1/2" : "||J||_2 <= 1", StepKind::at_most,
               claim.quantity, claim.bound});
  return s;
}

}  // namespace

ProofChain alt_sparsemax_proof_chain() {
  return {alt_sparsemax::info().id,
          "derived in theory/alt_sparsemax.hpp: J = diag(s) - s s^T/|K| is an orthogonal projection; the gap argument",
          &sparsemax_chain};
}

}  // namespace attnbound
