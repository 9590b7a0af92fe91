// check/softmax_jacobian_laplacian_norm.hpp.
#include "check/softmax_jacobian_laplacian_norm.hpp"

#include "check/softmax_jacobian_bounds.hpp"
#include "check/softmax_jacobian_eigen_estimate.hpp"

namespace attnbound::check {

Ball softmax_laplacian_rayleigh(const Weights& w, const std::vector<Ball>& v, long prec) {
  const std::size_t L = v.size();
  Ball num(0), den(0);
  for (std::size_t i = 0; i < L; ++i) {
    den = add(den, mul(v[i], v[i], prec), prec);
    for (std::size_t j = i + 1; j < L; ++j) {
      const Ball d = sub(v[i], v[j], prec);
      num = add(num, mul(mul(w.alpha[i], w.alpha[j], prec), mul(d, d, prec), prec), prec);
    }
  }
  Ball r;
  if (!certainly_positive(den)) {
    arb_zero_pm_inf(r.get());
    return r;
  }
  return div(num, den, prec);
}

Ball softmax_jacobian_norm_enclosure(const Weights& w, const Ball& T, long prec) {
  if (w.alpha.size() < 2) return Ball(0);
  Ball lower = lower_end(softmax_jacobian_spectral_lower(w, T, prec));
  Ball upper = min_of(upper_end(softmax_jacobian_spectral_upper(w, T, prec)), softmax_jacobian_max_weight_upper(w, T, prec), prec);
  const Ball pair = div(softmax_laplacian_rayleigh(w, top_pair_vector(w), prec), T, prec);
  if (is_finite(pair)) lower = max_of(lower, lower_end(pair), prec);
  if (const auto e = softmax_jacobian_eigen_estimate(w, T, prec)) {
    const Ball r = div(softmax_laplacian_rayleigh(w, e->vector, prec), T, prec);
    if (is_finite(r)) lower = max_of(lower, lower_end(r), prec);
    if (softmax_jacobian_shift_is_upper(w, e->shift, T, prec)) upper = min_of(upper, e->shift, prec);
  }
  return hull(lower, upper, prec);
}

}  // namespace attnbound::check
