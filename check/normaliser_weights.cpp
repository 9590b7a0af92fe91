// check/normaliser_weights.hpp.
#include "check/normaliser_weights.hpp"

namespace attnbound::check {

Weights weights_from_positive(const std::vector<Ball>& F, long prec) {
  Weights w;
  w.F = F;
  const std::size_t L = F.size();
  for (std::size_t i = 1; i < L; ++i)
    if (mid_greater(F[i], F[w.top])) w.top = i;
  Ball rest(0);  // sum_{j != top} F_j: nonnegative terms, no cancellation
  for (std::size_t j = 0; j < L; ++j)
    if (j != w.top) rest = add(rest, F[j], prec);
  w.total = add(rest, F[w.top], prec);
  Ball sq(0);
  for (std::size_t i = 0; i < L; ++i) {
    w.alpha.push_back(div(F[i], w.total, prec));
    sq = add(sq, mul(w.alpha[i], w.alpha[i], prec), prec);
  }
  Ball rest_sq(0);
  for (std::size_t j = 0; j < L; ++j)
    if (j != w.top) rest_sq = add(rest_sq, mul(w.alpha[j], w.alpha[j], prec), prec);
  for (std::size_t i = 0; i < L; ++i) {
    if (i == w.top) {
      w.others.push_back(div(rest, w.total, prec));
      w.others_sq.push_back(rest_sq);
    } else {
      // S - F_i >= F_top: a difference of balls contains the exact difference.
      w.others.push_back(div(sub(w.total, F[i], prec), w.total, prec));
      w.others_sq.push_back(sub(sq, mul(w.alpha[i], w.alpha[i], prec), prec));
    }
  }
  return w;
}

namespace {
// 1/(1 + e^{-x}) (x >= 0 by midpoint) or e^x/(1 + e^x): the same function, chosen for accuracy only.
Ball sigmoid(const Ball& x, long prec) {
  if (approx(x) >= 0) return div(Ball(1), add(Ball(1), exp_of(neg(x), prec), prec), prec);
  const Ball ex = exp_of(x, prec);
  return div(ex, add(Ball(1), ex, prec), prec);
}
// sigmoid(x)(1 - sigmoid(x)) = e^{-|x|}/(1 + e^{-|x|})^2 (symmetric in x), with no cancellation.
Ball sigmoid_slope(const Ball& x, long prec) {
  const Ball e = exp_of(neg(abs_of(x)), prec);
  const Ball d = add(Ball(1), e, prec);
  return div(e, mul(d, d, prec), prec);
}
Ball log_length(long L, long prec) { Ball r; arb_log_ui(r.get(), static_cast<unsigned long>(L), prec); return r; }
}  // namespace

Ball FFamily::value(const Ball& l, long prec) const {
  if (name == "exp") return exp_of(div(l, param, prec), prec);
  if (name == "softplus") {
    const Ball x = div(l, param, prec);  // log(1 + e^x) = x + log(1 + e^{-x})
    if (approx(x) > 0) return add(x, log1p_of(exp_of(neg(x), prec), prec), prec);
    return log1p_of(exp_of(x, prec), prec);
  }
  if (name == "sigmoid") return sigmoid(div(l, param, prec), prec);
  if (name == "quadratic") return add(param, mul(l, l, prec), prec);
  if (name == "gaussian") {
    const Ball x = div(l, param, prec);
    return exp_of(neg(mul(x, x, prec)), prec);
  }
  // ssmax: L^{s l} = exp(s log(L) l)
  return exp_of(mul(mul(param, log_length(length, prec), prec), l, prec), prec);
}

Ball FFamily::derivative(const Ball& l, long prec) const {
  if (name == "exp") return div(exp_of(div(l, param, prec), prec), param, prec);
  if (name == "softplus") return div(sigmoid(div(l, param, prec), prec), param, prec);
  if (name == "sigmoid") return div(sigmoid_slope(div(l, param, prec), prec), param, prec);
  if (name == "quadratic") return mul(Ball(2), l, prec);
  if (name == "gaussian") {
    const Ball x = div(l, param, prec);
    return div(mul(mul(Ball(-2), x, prec), exp_of(neg(mul(x, x, prec)), prec), prec), param, prec);
  }
  const Ball k = mul(param, log_length(length, prec), prec);
  return mul(k, exp_of(mul(k, l, prec), prec), prec);
}

Ball FFamily::min_on(const Ball& a, long prec) const {
  if (name == "quadratic") return param;
  if (name == "gaussian") return value(a, prec);
  return value(neg(a), prec);  // increasing families
}

Ball FFamily::max_on(const Ball& a, long prec) const {
  if (name == "quadratic") return add(param, mul(a, a, prec), prec);
  if (name == "gaussian") return Ball(1);
  return value(a, prec);
}

}  // namespace attnbound::check
