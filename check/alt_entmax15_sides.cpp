// alt.entmax15 (theory/alt_entmax15.hpp states it; derived here again from the definition, spec section 5):
// p = entmax-1.5(l) with g = sqrt(p) (check/entmax15_threshold.hpp: tau certified or CheckUndecided),
// J = d p / d l = diag(g) - g g^T / S, S = sum_i g_i > 0 (differentiate sum g_i^2 = 1 with d g_i / d l_j =
// delta_ij/2 - d tau / d l_j on the support). With q = g / S (q >= 0, sum q = 1): J = S (diag q - q q^T), so
// ||J||_2 = S lambda, lambda = lambda_max(diag q - q q^T), a softmax-type Jacobian at T = 1
// (check/softmax_spectral_side.hpp, with the checker's own eigen-estimate: entmax certificates carry no witness).
//   spectral / two_token: S lambda <= b  <=>  lambda <= b / S (S > 0); b = 1, resp. 1/sqrt 2.
//   max_weight: b = sqrt(max_i p_i) = max_i g_i (g_i >= 0), so b / S = max_i q_i, the weights' own maximum.
//   The verdict is decided on (lambda, b / S); the enclosures compared with the engine's are S lambda and b.
//   vanishing: max_i p_i >= min{1, h^2}, h = (l_(1) - l_(2))/2 (1 when L = 1); max p = p at the top of the exact
//   order (g_i - g_j = y_i - y_j on the support), h = -y_(2)/2 from the exact shift.
#include "check/alt_entmax15_sides.hpp"

#include "check/entmax15_threshold.hpp"
#include "check/softmax_spectral_side.hpp"

namespace attnbound::check {

std::vector<SideEval> alt_entmax15_sides(const InstanceReader& in, const std::string& variant, long prec) {
  in.allow_only({"logits"});
  const ShiftedLogits s = shifted_logits(in.decimal_vector("logits"), prec, "instance.logits");
  const std::size_t L = s.y.size();
  const Entmax15Threshold t = entmax15_threshold(s, prec);
  if (variant == "vanishing") {
    Ball bound(1);
    if (L > 1) {
      Ball h;
      arb_mul_2exp_si(h.get(), neg(s.y[s.order[1]]).get(), -1);  // h = (l_(1) - l_(2))/2 >= 0, exact halving
      bound = min_of(Ball(1), mul(h, h, prec), prec);
    }
    SideEval side = single("claim", t.p[s.order[0]], bound);
    side.relation = "at_least";
    return {side};
  }
  std::vector<Ball> g;
  for (std::size_t i = 0; i < L; ++i)
    if (t.in_support[i]) g.push_back(t.g[i]);
  const Weights w = weights_from_positive(g, prec);  // q = g / S, S = w.total
  Ball b, scaled;  // the bound b and b / S
  if (variant == "max_weight") {
    scaled = w.alpha[0];
    for (const auto& q : w.alpha) scaled = max_of(scaled, q, prec);
    b = mul(scaled, w.total, prec);
  } else {
    b = variant == "two_token" ? div(Ball(1), sqrt_of(Ball(2), prec), prec) : Ball(1);
    scaled = div(b, w.total, prec);
  }
  SideEval side = softmax_spectral_side(w, Ball(1), scaled, nlohmann::json(), prec, true);
  side.report_quantity = mul(side.pairs[0].first, w.total, prec);
  side.report_bound = b;
  return {side};
}

}  // namespace attnbound::check
