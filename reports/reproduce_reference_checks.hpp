// The checks of `reproduce --reference` (reproduce_reference.hpp): one per statement reading, each a pair
// (quantity, bound) on one row of logits l (n = |l| visible scores) at temperature T. Every formula is the
// theory's, called here, never typed again:
//   kCor1Upper/Lower  log(n max_i alpha_i) <= 2a/T,  log(n min_i alpha_i) >= -2a/T,  a = max_i |l_i|
//                     (theory/top_gap.hpp max_abs, theory/softmax.hpp log_softmax). Corollary 1 in logits-only
//                     form: |l_i| = |q.k_i| <= ||q|| max_j ||k_j|| = Delta (Cauchy-Schwarz), so the bound with
//                     a is valid whenever the paper's is, and tighter. Compared in logs (log_space).
//   kCor3*            ||J||_2 (theory/cor3_softmax_jacobian.hpp softmax_jacobian_norm) against the paper's
//                     bound, the corrected 1/(2T) and max_i alpha_i / T (the statements' bound templates).
//   kAlg5*            g(T, eps) (theory/fd_sensitivity.hpp fd_gradient, direction v normalised there) against
//                     the paper's Corollary 3 bound and min{corrected bound 1/(2T), sqrt(2)/eps}: g <= 1/(2T) by
//                     the mean value theorem (alg5.fd_gradient lipschitz), g <= sqrt(2)/eps since two points of
//                     the simplex are at most sqrt 2 apart (alg5.fd_gradient simplex_diameter).
// Facts (statement id, variant, claim, tag) come from the registry (StatementInfo) when the check's reading is
// a registered variant; a reading of the reports only (Corollary 1's logits-only sides, Algorithm 5 against
// the corrected bound) names its registered statement and carries its own claim.
// Domain: l nonempty and finite, T > 0, eps > 0, v nonzero with n entries (Algorithm 5 only; ignored by the
// other checks). double only (IEEE arithmetic, not certified): the double pass over every row. The certified
// rows are the registry's verdicts (reproduce_reference_certify.hpp), never these formulas in intervals.
#pragma once

#include "theory/scalar.hpp"

#include <string>
#include <utility>
#include <vector>

namespace attnbound::reports::reference {

enum Check { kCor1Upper, kCor1Lower, kCor3Paper, kCor3Corrected, kCor3MaxWeight, kAlg5Paper, kAlg5Corrected, kChecks };

struct CheckInfo {
  std::string statement, variant, claim, tag;
  bool registered = false;  // `variant` is a registered variant of `statement`: claim and tag are the registry's
  bool log_space = false;   // quantity and bound are logarithms
  bool at_least = false;    // quantity >= bound (a lower bound)
  bool uses_eps = false;    // evaluated per eps with a direction v (Algorithm 5)
};

// The facts of check c. std::logic_error naming the id when its statement, or its registered variant, is
// not in the registry (a renamed statement or variant fails here instead of printing stale words).
const CheckInfo& check_info(Check c);

// (quantity, bound) of check c; see the header comment for each formula and the contract.
template <class S>
std::pair<S, S> evaluate_check(Check c, const Vec<S>& l, const S& T, const S& eps, const std::vector<double>& v);

// The tightness ratio, > 1 exactly when the check is violated: q/b (at most), b/q (at least), and for
// log-space checks exp(q - b) (at most) or exp(b - q) (at least), the ratio of the exponentials.
template <class S> S ratio_of(Check c, const S& q, const S& b);

}  // namespace attnbound::reports::reference
