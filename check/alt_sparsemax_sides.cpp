// alt.sparsemax (theory/alt_sparsemax.hpp states it; derived here again from the definition, spec section 5):
// K the support of p = sparsemax(l) (check/sparsemax_support.hpp, certified or CheckUndecided), J = d p / d l.
//   spectral / softmax_bound: ||J||_2 <= 1 / <= 1/2. On K, J = I - 1 1^T/|K| (zero elsewhere): symmetric and
//     J^2 = J, an orthogonal projection of rank |K| - 1, so ||J||_2 = 1 when |K| >= 2 and 0 when |K| = 1,
//     exactly (an integer, no rounding). The bound is exact (1 or 1/2).
//   frobenius: ||J||_F = sqrt(trace J^T J) = sqrt(trace J) = sqrt(|K| - 1) <= sqrt(L - 1). sqrt is increasing,
//     so the verdict is decided on the integers |K| - 1 <= L - 1 (exact); the enclosures compared with the
//     engine's are the square roots.
//   vanishing: max_i p_i >= min{1, l_(1) - l_(2)} (1 when L = 1). max p = p_top = y_top - tau = -tau (y_top
//     = 0); the gap is -y_(2) from the exact order and the exact shift (0 exactly at a tie).
#include "check/alt_sparsemax_sides.hpp"

#include "check/sparsemax_support.hpp"

namespace attnbound::check {

std::vector<SideEval> alt_sparsemax_sides(const InstanceReader& in, const std::string& variant, long prec) {
  in.allow_only({"logits"});
  const ShiftedLogits s = shifted_logits(in.decimal_vector("logits"), prec, "instance.logits");
  const std::size_t L = s.y.size();
  const SparsemaxSupport sp = sparsemax_support(s, prec);
  const long k = static_cast<long>(sp.size);
  if (variant == "frobenius") {
    SideEval side = single("claim", Ball(k - 1), Ball(static_cast<long>(L) - 1));  // |K| - 1 <= L - 1
    side.report_quantity = sqrt_of(Ball(k - 1), prec);
    side.report_bound = sqrt_of(Ball(static_cast<long>(L) - 1), prec);
    return {side};
  }
  if (variant == "vanishing") {
    Ball max_p = sp.p[s.order[0]];  // the top logit's weight: p_top - p_j = y_top - y_j >= 0 on K
    const Ball bound = L == 1 ? Ball(1) : min_of(Ball(1), neg(s.y[s.order[1]]), prec);
    SideEval side = single("claim", max_p, bound);
    side.relation = "at_least";
    return {side};
  }
  Ball half;
  arb_set_d(half.get(), 0.5);  // exact
  return {single("claim", Ball(k >= 2 ? 1 : 0), variant == "softmax_bound" ? half : Ball(1))};
}

}  // namespace attnbound::check
