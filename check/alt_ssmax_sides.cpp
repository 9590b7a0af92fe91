// alt.ssmax (theory/alt_ssmax.hpp states it; derived here again from the definition, spec section 5):
// p = softmax(c l / T), c = s log L (ssmax_scale s, default 1; temperature T > 0, default 1), computed as the
// softmax of u = c y / T with the exact shift y = l - l_top (softmax is shift invariant; equal decimals give
// e^0 = 1 exactly). J = d p / d l = (c/T)(diag p - p p^T), so ||J||_2 = (|c|/T) lambda, lambda =
// lambda_max(diag p - p p^T) (check/softmax_spectral_side.hpp at T = 1, with the checker's own eigen-estimate).
//   c = 0 exactly (L = 1, log 1 = 0, or s = 0 on the decimal): J = 0 and every Jacobian bound is 0: 0 <= 0.
//   spectral: (|c|/T) lambda <= |c|/(2T)  <=>  lambda <= 1/2 (|c|/T > 0).
//   max_weight: <= |c| max p / T  <=>  lambda <= max_i p_i.
//   cor3_transfer: <= min{|c|/(4T), sqrt 2}  <=>  lambda <= min{1/4, sqrt(2) T / |c|}.
//   The verdict is decided on (lambda, the scaled bound); the enclosures compared with the engine's are
//   (|c|/T) lambda and the bound itself.
//   vanishing: max_i p_i >= 1/(1 + (L - 1) e^{-D}), D = u_(1) - u_(2) (1 when L = 1): for c > 0 the top of u is
//   the top of l, D = (c/T)(l_(1) - l_(2)); for c < 0 it is the bottom, D = (|c|/T)(l_(L-1) - l_(L)); each
//   difference from the exact shift (0 exactly between equal decimals).
#include "check/alt_ssmax_sides.hpp"

#include "check/decimal.hpp"
#include "check/exact_shift.hpp"
#include "check/softmax_spectral_side.hpp"
#include "check/softmax_weights.hpp"

namespace attnbound::check {

std::vector<SideEval> alt_ssmax_sides(const InstanceReader& in, const std::string& variant, long prec) {
  in.allow_only({"logits", "temperature", "ssmax_scale"});
  const auto texts = in.decimal_vector("logits");
  const ShiftedLogits sh = shifted_logits(texts, prec, "instance.logits");
  const std::size_t L = texts.size();
  const Ball T = in.has("temperature") ? positive_field(in, "temperature", prec) : Ball(1);
  const std::string s_text = in.has("ssmax_scale") ? in.decimal("ssmax_scale") : "1";
  const Ball s = parse_decimal(s_text, prec, "instance.ssmax_scale");
  Ball log_L;
  arb_log_ui(log_L.get(), static_cast<unsigned long>(L), prec);  // log 1 = 0 exactly
  const bool c_zero = L == 1 || decimal_sign(s_text) == 0;
  const Ball c = c_zero ? Ball(0) : mul(s, log_L, prec);
  const Ball abs_c = abs_of(c);
  std::vector<Ball> u;
  for (const auto& y : sh.y) u.push_back(div(mul(c, y, prec), T, prec));
  const Weights w = softmax_weights(u, prec, [&texts](std::size_t a, std::size_t b) {
    return compare_decimals(texts[a], texts[b]) == 0;  // equal logits: equal u exactly
  });
  Ball max_p = w.alpha[0];
  for (const auto& p : w.alpha) max_p = max_of(max_p, p, prec);
  if (variant == "vanishing") {
    Ball bound(1);
    if (L > 1 && !c_zero) {
      const bool up = decimal_sign(s_text) > 0;  // sign of c = s log L, log L > 0 (L >= 2)
      const std::size_t a = up ? sh.order[0] : sh.order[L - 1], b2 = up ? sh.order[1] : sh.order[L - 2];
      const Ball gap = compare_decimals(texts[a], texts[b2]) == 0 ? Ball(0) : abs_of(sub(sh.y[a], sh.y[b2], prec));
      const Ball D = div(mul(abs_c, gap, prec), T, prec);
      bound = div(Ball(1), add(Ball(1), mul(Ball(static_cast<long>(L) - 1), exp_of(neg(D), prec), prec), prec), prec);
    } else if (L > 1) {
      bound = div(Ball(1), Ball(static_cast<long>(L)), prec);  // D = 0: 1/(1 + (L - 1))
    }
    SideEval side = single("claim", max_p, bound);
    side.relation = "at_least";
    return {side};
  }
  const Ball sqrt2 = sqrt_of(Ball(2), prec);
  Ball b;
  if (variant == "max_weight") b = div(mul(abs_c, max_p, prec), T, prec);
  else if (variant == "cor3_transfer") b = min_of(div(abs_c, mul(Ball(4), T, prec), prec), sqrt2, prec);
  else b = div(abs_c, mul(Ball(2), T, prec), prec);
  if (c_zero) return {single("claim", Ball(0), b)};  // J = 0; b = 0 exactly (min{0, sqrt 2} = 0)
  Ball scaled;
  if (variant == "max_weight") scaled = max_p;
  else if (variant == "cor3_transfer") {
    Ball quarter;
    arb_set_d(quarter.get(), 0.25);  // exact
    scaled = min_of(quarter, div(mul(sqrt2, T, prec), abs_c, prec), prec);
  } else {
    arb_set_d(scaled.get(), 0.5);  // exact
  }
  SideEval side = softmax_spectral_side(w, Ball(1), scaled, nlohmann::json(), prec, true);
  side.report_quantity = div(mul(side.pairs[0].first, abs_c, prec), T, prec);
  side.report_bound = b;
  return {side};
}

}  // namespace attnbound::check
