// check/softmax_jacobian_eigen_estimate.hpp.
#include "check/softmax_jacobian_eigen_estimate.hpp"

#include <cmath>

namespace attnbound::check {
namespace {

Ball mid_point(const Ball& a) {
  Ball r;
  arb_get_mid_arb(r.get(), a.get());  // exact: radius 0
  return r;
}

// g(x) = sum_i p_i / (p_i - x) and g'(x) = sum_i p_i / (p_i - x)^2, enclosed.
std::pair<Ball, Ball> secular_g(const Weights& w, const Ball& x, long prec) {
  Ball g(0), gp(0);
  for (const auto& p : w.alpha) {
    const Ball d = sub(p, x, prec);
    const Ball q = div(p, d, prec);
    g = add(g, q, prec);
    gp = add(gp, div(q, d, prec), prec);
  }
  return {g, gp};
}

// A point near (lo + hi)/2 (rounded at prec, never exact arithmetic: lo and hi may differ in exponent by 10^12).
Ball between(const Ball& lo, const Ball& hi, long prec) {
  Ball m = add(lo, hi, prec);
  arb_mul_2exp_si(m.get(), m.get(), -1);
  return mid_point(m);
}

}  // namespace

std::optional<EigenEstimate> softmax_jacobian_eigen_estimate(const Weights& w, const Ball& T, long prec) {
  const std::size_t L = w.alpha.size();
  if (L < 2) return std::nullopt;
  std::size_t second = w.top == 0 ? 1 : 0;
  for (std::size_t i = 0; i < L; ++i)
    if (i != w.top && mid_greater(w.alpha[i], w.alpha[second])) second = i;
  Ball lo = mid_point(w.alpha[second]), hi = mid_point(w.alpha[w.top]);
  if (!mid_greater(hi, lo)) return std::nullopt;
  // Safeguarded Newton: each step certifies the sign of g(x) to shrink [lo, hi], then takes the Newton point
  // x - g/g' when it lies strictly inside, else the bisection point. Quadratic near the root, so a few dozen
  // steps reach `prec` bits; the step count is capped so that rejections escalating to 8192 bits stay cheap.
  const long max_steps = 64 + 2 * static_cast<long>(std::log2(static_cast<double>(prec)));
  Ball x = between(lo, hi, prec);
  for (long k = 0; k < max_steps; ++k) {
    const auto [f, fp] = secular_g(w, x, prec);
    if (certainly_positive(neg(f))) lo = x;        // g(x) < 0: x < lambda_max
    else if (certainly_positive(f)) hi = x;        // g(x) > 0: x > lambda_max
    else break;                                    // undecided: x is as good as Arb gets here
    const Ball step = div(f, fp, prec);
    const Ball newton = mid_point(sub(x, step, prec));
    x = is_finite(step) && mid_greater(newton, lo) && mid_greater(hi, newton) ? newton : between(lo, hi, prec);
    if (!mid_greater(x, lo) || !mid_greater(hi, x)) break;  // no point left between them at this precision
  }
  EigenEstimate e;
  const Ball m = x;
  for (std::size_t i = 0; i < L; ++i) {
    const Ball v = div(w.alpha[i], sub(w.alpha[i], m, prec), prec);
    if (!is_finite(v)) return std::nullopt;
    e.vector.push_back(mid_point(v));
  }
  // A shift just above the estimate: x + 2 |Newton step at x| + x 2^-(prec - 32), capped by hi (a certified
  // upper point when g(hi) > 0 was seen). Only a candidate: the caller proves s I - J positive definite.
  const auto [g_end, gp_end] = secular_g(w, x, prec);
  Ball pad = abs_of(div(g_end, gp_end, prec));  // the Newton step at the final x
  arb_mul_2exp_si(pad.get(), pad.get(), 1);
  Ball rel = abs_of(x);
  arb_mul_2exp_si(rel.get(), rel.get(), -(prec - 32));
  Ball s = add(x, add(is_finite(pad) ? pad : Ball(0), rel, prec), prec);
  s = min_of(upper_end(s), hi, prec);
  e.shift = upper_end(div(s, T, prec));
  return e;
}

}  // namespace attnbound::check
