// Proof chain of alt.low_temperature (theory/alt_low_temperature.hpp), replayed by verify/proof_replay.
//   guideline   no proof exists: the paper's guideline (spec section 5) is an empirical claim, true or false per
//               instance. The chain proves nothing beyond the instance; it replays the claim's three
//               comparisons as its steps (jacobian, distance, separability), so a replay shows which of them
//               fails.
//   one_over_T  ||J(T)||_2 = lambda(T)/T with lambda(T) = lambda_max(diag p(T) - p(T) p(T)^T); the 1/T reading
//               is lambda(T2) >= lambda(T1) (step "matrix-part"), which fails at L = 2 under any gap (p(T)
//               sharpens and lambda(T) falls) and can hold at L >= 3 (weight moving onto a tied group raises
//               lambda), then the claim.
//   collapse    per temperature: ||J(T)||_2 <= max_i 2 p_i(1 - p_i)/T (Gershgorin on the PSD diag p - p p^T)
//               <= 2 sum_{j != k} p_j / T (k a largest logit: p_k(1 - p_k) <= 1 - p_k, p_i <= 1 - p_k).
// Algorithm 4's count makes no choice: an undecided comparison widens N_s/N's enclosure (separated_fraction).
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/alt_low_temperature.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/softmax.hpp"

#include <fmt/format.h>

#include <tuple>

namespace attnbound {
namespace {

using I = Interval;
using proof_chain::detail;

std::vector<ProofStepValue> low_temperature_chain(const Instance& inst, const std::string& variant,
                                                  const EvalOptions& opt) {
  const Evaluation<I> e = find_statement(alt_low_temperature::info().id).evaluate_interval(inst, variant, opt);
  std::vector<ProofStepValue> s;
  const I j_hi = detail(e, "jacobian_high"), j_lo = detail(e, "jacobian_low");
  const I T1 = positive_scalar<I>(inst, "temperature"), T2 = detail(e, "low_temperature");
  if (variant == "collapse") {
    const Vec<I> z = shift_invariant_logits<I>(inst, "logits");
    for (const auto& [name, T, J, bound] : {std::tuple{"high", T1, j_hi, detail(e, "collapse_bound_high")},
                                            std::tuple{"low", T2, j_lo, detail(e, "collapse_bound_low")}}) {
      const Vec<I> p = softmax(z, T);
      I gersh(0);
      for (std::size_t i = 0; i < p.size(); ++i) {  // 1 - p_i as sum_{j != i} p_j (no cancellation near 1)
        I rest(0);
        for (std::size_t j = 0; j < p.size(); ++j)
          if (j != i) rest += p[j];
        gersh = smax(gersh, I(I(2) * p[i] * rest / T));
      }
      s.push_back({fmt::format("gershgorin-{}", name), "||J(T)||_2 <= max_i 2 p_i (1 - p_i)/T (Gershgorin, PSD)",
                   StepKind::at_most, J, gersh});
      s.push_back({fmt::format("top-weight-{}", name), "max_i 2 p_i (1 - p_i)/T <= 2 sum_{j != k} p_j / T",
                   StepKind::at_most, gersh, bound});
    }
    return s;
  }
  if (variant == "one_over_T") {
    s.push_back({"matrix-part", "lambda(T1) = T1 ||J(T1)||_2 <= T2 ||J(T2)||_2 = lambda(T2)", StepKind::at_most,
                 I(T1 * j_hi), I(T2 * j_lo)});
    s.push_back({"claim", "(T1/T2) ||J(T1)||_2 <= ||J(T2)||_2", StepKind::at_most, e.sides.at(0).bound,
                 e.sides.at(0).quantity});
    return s;
  }
  const Side<I>&jac = e.sides.at(0), &dist = e.sides.at(1), &sep = e.sides.at(2);
  s.push_back({"jacobian", "||J(T1)||_2 <= ||J(T2)||_2 (lowering T raises the norm; not proved: the guideline)",
               StepKind::at_most, jac.bound, jac.quantity});
  s.push_back({"distance", "d~(T2) <= (1 + tol) d~(T1) (no improvement of Theorem 1's distance)", StepKind::at_most,
               dist.quantity, dist.bound});
  s.push_back({"separability", "N_s(T2)/N <= N_s(T1)/N (no improvement of Algorithm 4's fraction)",
               StepKind::at_most, sep.quantity, sep.bound});
  return s;
}

}  // namespace

ProofChain alt_low_temperature_proof_chain() {
  return {alt_low_temperature::info().id,
          "guideline: no proof (an empirical claim of spec section 5; the steps are its per-instance comparisons, "
          "proving nothing beyond the instance); one_over_T: the matrix part lambda(T) must not fall; collapse: "
          "derived in theory/alt_low_temperature.hpp (Gershgorin)",
          &low_temperature_chain};
}

}  // namespace attnbound
