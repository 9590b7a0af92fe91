// check/entmax15_threshold.hpp.
#include "check/entmax15_threshold.hpp"

#include "check/statement_sides.hpp"

namespace attnbound::check {
namespace {

// phi(t) = sum_i max(y_i - t, 0)^2, enclosed (a gap ball straddling 0 gives [0, hi] after max with 0).
Ball phi(const std::vector<Ball>& y, const Ball& t, long prec) {
  Ball s(0);
  for (const auto& v : y) {
    const Ball g = max_of(sub(v, t, prec), Ball(0), prec);
    s = add(s, mul(g, g, prec), prec);
  }
  return s;
}

}  // namespace

Entmax15Threshold entmax15_threshold(const ShiftedLogits& s, long prec) {
  const std::size_t L = s.y.size();
  if (L == 0) throw std::logic_error("entmax15_threshold: empty logits");
  std::vector<Ball> y;
  for (const auto& v : s.y) {
    Ball h;
    arb_mul_2exp_si(h.get(), v.get(), -1);  // y_i = (l_i - l_top)/2, exact
    y.push_back(h);
  }
  Ball lo(-1), hi(0);  // phi(-1) >= 1 >= phi(0): tau in [-1, 0]
  Entmax15Threshold out;
  const auto all_decided = [&]() {
    for (const auto& v : y)
      if (!certainly_lt(hi, v) && !certainly_le(v, lo)) return false;
    return true;
  };
  while (out.bisection_steps < prec && !all_decided()) {
    Ball m;
    arb_add(m.get(), lo.get(), hi.get(), ARF_PREC_EXACT);  // dyadic ends: exact
    arb_mul_2exp_si(m.get(), m.get(), -1);
    const Ball f = sub(phi(y, m, prec), Ball(1), prec);
    if (certainly_le(Ball(0), f)) lo = m;       // phi(m) >= 1: m <= tau
    else if (certainly_le(f, Ball(0))) hi = m;  // phi(m) <= 1: m >= tau
    else break;
    ++out.bisection_steps;
  }
  out.in_support.assign(L, false);
  Ball total(0);
  long k = 0;
  for (std::size_t i = 0; i < L; ++i)
    if (!certainly_le(y[i], lo)) {  // y_i <= lo <= tau certified: out; every other index is a candidate
      out.in_support[i] = true;
      total = add(total, y[i], prec);
      ++k;
    }
  const Ball kk(k);
  const Ball mean = div(total, kk, prec);
  Ball m2(0);
  for (std::size_t i = 0; i < L; ++i)
    if (out.in_support[i]) {
      const Ball d = sub(y[i], mean, prec);
      m2 = add(m2, mul(d, d, prec), prec);
    }
  const Ball disc = sub(Ball(1), m2, prec);
  if (!certainly_positive(disc))
    throw CheckUndecided("entmax-1.5 threshold: 1 - M2 > 0 not decided on the candidate support (" + to_string(disc) + ")");
  const Ball tau = sub(mean, sqrt_of(div(disc, kk, prec), prec), prec);  // the smaller root of sum_K (y - t)^2 = 1
  out.g.assign(L, Ball(0));
  out.p.assign(L, Ball(0));
  for (std::size_t i = 0; i < L; ++i) {
    const Ball gap = sub(y[i], tau, prec);
    if (out.in_support[i]) {
      if (!certainly_le(Ball(0), gap))  // y_i - tau >= 0 on K
        throw CheckUndecided("entmax-1.5 support: y_" + std::to_string(i) + " - tau >= 0 not decided (" + to_string(gap) + ")");
      out.g[i] = max_of(gap, Ball(0), prec);  // the exact gap is >= 0: clipping keeps it
      out.p[i] = mul(out.g[i], out.g[i], prec);
    } else if (!certainly_le(gap, Ball(0))) {  // y_i - tau <= 0 off K
      throw CheckUndecided("entmax-1.5 support: y_" + std::to_string(i) + " - tau <= 0 not decided (" + to_string(gap) + ")");
    }
  }
  // tau_K = tau now (phi(tau_K) = 1); the bracket [lo, hi] also contains tau.
  Ball bracket = hull(lo, hi, prec);
  out.tau = tau;
  arb_intersection(out.tau.get(), tau.get(), bracket.get(), prec);
  return out;
}

}  // namespace attnbound::check
