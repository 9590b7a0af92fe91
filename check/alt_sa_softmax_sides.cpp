// alt.sa_softmax (theory/alt_sa_softmax.hpp states it; derived here again from the definition, spec section 5):
// f(z)_i = z_i p_i with p = softmax(z) (z the logits themselves: f is not shift invariant; p is, and is
// computed from the exact shift, equal decimals giving e^0 = 1 exactly).
//   J_ij = d f_i / d z_j = delta_ij p_i + z_i (delta_ij p_i - p_i p_j): the diagonal written
//   p_i + z_i p_i o_i with o_i = sum_{j != i} p_j (no cancellation in 1 - p_i), off the diagonal -z_i p_i p_j.
//   spectral: ||J||_2 <= max_i p_i + ||z||_inf min{max_i p_i, 1/2};  softmax_band: ||J||_2 <= 1/2.
//     ||J||_2 enclosed by check/matrix_spectral_bounds.hpp (column norms and the checker's own singular vector
//     below, Frobenius and Hoelder above); holds also by Arb's Cholesky of b^2 I - J^T J. O(L^3): L <= 512,
//     else CheckUnsupported.
//   vanishing: max_i |z_i p_i| <= ||z||_inf e^{z_max - z_min} / L, with z_max - z_min = -min_i y_i from the
//     exact shift (0 exactly when every logit is the same decimal).
#include "check/alt_sa_softmax_sides.hpp"

#include "check/decimal.hpp"
#include "check/exact_shift.hpp"
#include "check/matrix_spectral_bounds.hpp"
#include "check/softmax_weights.hpp"

namespace attnbound::check {

std::vector<SideEval> alt_sa_softmax_sides(const InstanceReader& in, const std::string& variant, long prec) {
  in.allow_only({"logits"});
  const auto texts = in.decimal_vector("logits");
  const ShiftedLogits sh = shifted_logits(texts, prec, "instance.logits");
  const std::size_t L = texts.size();
  std::vector<Ball> z, abs_z;
  for (std::size_t i = 0; i < L; ++i) {
    z.push_back(parse_decimal(texts[i], prec, "instance.logits[" + std::to_string(i) + "]"));
    abs_z.push_back(abs_of(z.back()));
  }
  const Weights w = softmax_weights(sh.y, prec, [&texts](std::size_t a, std::size_t b) {
    return compare_decimals(texts[a], texts[b]) == 0;
  });
  Ball z_inf = abs_z[0], max_p = w.alpha[0];
  for (std::size_t i = 0; i < L; ++i) {
    z_inf = max_of(z_inf, abs_z[i], prec);
    max_p = max_of(max_p, w.alpha[i], prec);
  }
  if (variant == "vanishing") {
    Ball q(0);
    for (std::size_t i = 0; i < L; ++i) q = max_of(q, mul(abs_z[i], w.alpha[i], prec), prec);  // max_i |z_i p_i|
    const Ball range = neg(sh.y[sh.order[L - 1]]);  // z_max - z_min = 0 - y_min
    return {single("claim", q, div(mul(z_inf, exp_of(range, prec), prec), Ball(static_cast<long>(L)), prec))};
  }
  if (L > 512) throw CheckUnsupported("SA-Softmax spectral norm with L > 512 (dense Cholesky)");
  BallMatrix J(L, std::vector<Ball>(L));
  for (std::size_t i = 0; i < L; ++i)
    for (std::size_t j = 0; j < L; ++j)
      J[i][j] = i == j ? add(w.alpha[i], mul(z[i], mul(w.alpha[i], w.others[i], prec), prec), prec)
                       : neg(mul(z[i], mul(w.alpha[i], w.alpha[j], prec), prec));
  Ball half;
  arb_set_d(half.get(), 0.5);  // exact
  const Ball b = variant == "softmax_band" ? half : add(max_p, mul(z_inf, min_of(max_p, half, prec), prec), prec);
  const Ball lower = matrix_spectral_lower(J, prec), upper = matrix_spectral_upper(J, prec);
  SideEval side = single("claim", hull(lower, upper, prec), b);
  side.holds_by_other = matrix_spectral_at_most(J, b, prec);
  return {side};
}

}  // namespace attnbound::check
