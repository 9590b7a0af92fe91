// Proof chain of lemma2.jacobian (Lemma 2), replayed by verify/proof_replay.
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/euclidean_norm.hpp"
#include "theory/f_normaliser.hpp"
#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/lemma2_jacobian.hpp"

namespace attnbound {
namespace {

using I = Interval;

// ---- Lemma 2: ||grad_l alpha|| <= (1/(L m))(max|F'| + ||F|| ||F'|| / (L m)), m = min_j F(l_j) ------------
//   grad_l alpha = (I - alpha 1^T) diag(F')/S = diag(F')/S - alpha F'^T / S                   (exact Jacobian)
//   ||.|| <= ||diag F'||/S + ||alpha|| ||F'||/S                          (triangle; rank one: ||a b^T|| = ||a|| ||b||)
//   ||diag F'||_2 = max_j |F'_j|; ||diag F'||_F = ||F'||_2 >= max_j |F'_j|: the Frobenius reading breaks here
//   ||alpha|| = ||F||/S and S >= L m.
std::vector<ProofStepValue> lemma2_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = find_statement("lemma2.jacobian").evaluate_interval(inst, variant, opt);
  const Vec<I> l = inst.vector<I>("logits");
  const std::size_t L = l.size();
  const FNormalised<I> n = f_normalise(read_f<I>(inst, L), l);
  const Mat<I> J = f_normaliser_jacobian(n);
  const I S = n.total, S2 = square(n.total);
  Mat<I> gap(L, Vec<I>(L));  // J - d(F_i/S)/dl_j, the quotient rule (delta_ij F'_i S - F_i F'_j) / S^2
  I max_abs_dF(0);
  for (std::size_t i = 0; i < L; ++i) {
    max_abs_dF = smax(max_abs_dF, I(abs(n.dF[i])));
    for (std::size_t j = 0; j < L; ++j)
      gap[i][j] = J[i][j] - ((i == j ? I(n.dF[i] * S) : I(0)) - n.F[i] * n.dF[j]) / S2;
  }
  const I norm_F = euclidean_norm(n.F), norm_dF = euclidean_norm(n.dF), norm_alpha = euclidean_norm(n.alpha);
  const I two_term = (max_abs_dF + norm_alpha * norm_dF) / S;
  const I via_F = (max_abs_dF + norm_F * norm_dF / S) / S;
  const bool fro = variant == "frobenius";
  const Side<I>& claim = e.sides.at(0);
  std::vector<ProofStepValue> s;
  s.push_back({"quotient-rule", "||(I - alpha 1^T) diag(F')/S - [d(F(l_i)/S)/dl_j]_ij||_F = 0  (the exact Jacobian)",
               StepKind::identity, frobenius_norm(gap), I(0)});
  if (fro) {
    const I with_fro_diag = (norm_dF + norm_alpha * norm_dF) / S;
    s.push_back({"triangle", "||J||_F <= ||diag F'||_F/S + ||alpha F'^T||_F/S = (||F'||_2 + ||alpha|| ||F'||)/S",
                 StepKind::at_most, claim.quantity, with_fro_diag});
    s.push_back({"diagonal-norm", "(||F'||_2 + ||alpha|| ||F'||)/S <= (max_j |F'_j| + ||alpha|| ||F'||)/S  "
                                  "(||diag F'||_F <= max_j |F'_j|: true of the spectral norm only)",
                 StepKind::at_most, with_fro_diag, two_term});
  } else {
    s.push_back({"triangle", "||J||_2 <= ||diag F'||_2/S + ||alpha F'^T||_2/S = (max_j |F'_j| + ||alpha|| ||F'||)/S",
                 StepKind::at_most, claim.quantity, two_term});
  }
  s.push_back({"alpha-norm", "(max|F'| + ||alpha|| ||F'||)/S = (max|F'| + ||F|| ||F'||/S)/S  (alpha = F/S)",
               StepKind::identity, two_term, via_F});
  s.push_back({"sum-at-least-L-min", "(max|F'| + ||F|| ||F'||/S)/S <= (1/(L m))(max|F'| + ||F|| ||F'||/(L m))  "
                                     "(S >= L m, m = min_j F(l_j))",
               StepKind::at_most, via_F, claim.bound});
  s.push_back({"claim", fro ? "||J||_F <= (1/(L m))(max|F'| + ||F|| ||F'||/(L m))"
                            : "||J||_2 <= (1/(L m))(max|F'| + ||F|| ||F'||/(L m))",
               StepKind::at_most, claim.quantity, claim.bound});
  return s;
}

}  // namespace

ProofChain lemma2_jacobian_proof_chain() {
  return {lemma2_jacobian::info().id,
          "spec section 2, Lemma 2: exact Jacobian (I - alpha 1^T) diag(F')/S, triangle inequality, "
          "||alpha|| = ||F||/S, S >= L min F",
          &lemma2_chain};
}

}  // namespace attnbound
