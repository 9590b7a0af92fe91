// check/softmax_jacobian_eigen_estimate.hpp.
#include "check/softmax_jacobian_eigen_estimate.hpp"

namespace attnbound::check {
namespace {

// f(x) = 1 - sum_i p_i^2 / (p_i - x), enclosed.
Ball secular(const Weights& w, const Ball& x, long prec) {
  Ball s(0);
  for (const auto& p : w.alpha) s = add(s, div(mul(p, p, prec), sub(p, x, prec), prec), prec);
  return sub(Ball(1), s, prec);
}

Ball mid_point(const Ball& a) {
  Ball r;
  arb_get_mid_arb(r.get(), a.get());  // exact: radius 0
  return r;
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
  for (long step = 0; step < prec; ++step) {
    Ball m;
    arb_add(m.get(), lo.get(), hi.get(), ARF_PREC_EXACT);  // dyadic ends: exact
    arb_mul_2exp_si(m.get(), m.get(), -1);
    if (!mid_greater(m, lo) || !mid_greater(hi, m)) break;  // no dyadic point left between them
    const Ball f = secular(w, m, prec);
    if (certainly_positive(f)) lo = m;             // f(m) > 0: m < lambda_max
    else if (certainly_positive(neg(f))) hi = m;   // f(m) < 0: m > lambda_max
    else break;                                    // undecided: the bracket is as good as Arb gets here
  }
  EigenEstimate e;
  Ball m;
  arb_add(m.get(), lo.get(), hi.get(), ARF_PREC_EXACT);
  arb_mul_2exp_si(m.get(), m.get(), -1);
  for (std::size_t i = 0; i < L; ++i) {
    const Ball v = div(w.alpha[i], sub(w.alpha[i], m, prec), prec);
    if (!is_finite(v)) return std::nullopt;
    e.vector.push_back(mid_point(v));
  }
  Ball width;
  arb_sub(width.get(), hi.get(), lo.get(), ARF_PREC_EXACT);
  Ball s;
  arb_add(s.get(), hi.get(), width.get(), ARF_PREC_EXACT);
  e.shift = upper_end(div(s, T, prec));
  return e;
}

}  // namespace attnbound::check
