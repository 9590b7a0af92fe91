// check/softmax_jacobian_bounds.hpp.
#include "check/softmax_jacobian_bounds.hpp"

namespace attnbound::check {
namespace {
Ball row_square_scaled(const Weights& w, std::size_t i, long prec) {  // T^2 |row_i|^2 = p_i^2 (o_i^2 + q_i)
  const Ball& p = w.alpha[i];
  return mul(mul(p, p, prec), add(mul(w.others[i], w.others[i], prec), w.others_sq[i], prec), prec);
}
}  // namespace

Ball softmax_jacobian_row_norm(const Weights& w, std::size_t i, const Ball& T, long prec) {
  return div(sqrt_nonnegative(row_square_scaled(w, i, prec), prec), T, prec);
}

Ball softmax_jacobian_frobenius(const Weights& w, const Ball& T, long prec) {
  Ball sum(0);
  for (std::size_t i = 0; i < w.alpha.size(); ++i) sum = add(sum, row_square_scaled(w, i, prec), prec);
  return div(sqrt_nonnegative(sum, prec), T, prec);
}

Ball softmax_jacobian_max_row_norm(const Weights& w, const Ball& T, long prec) {
  Ball m = softmax_jacobian_row_norm(w, 0, T, prec);
  for (std::size_t i = 1; i < w.alpha.size(); ++i) m = max_of(m, softmax_jacobian_row_norm(w, i, T, prec), prec);
  return m;
}

Ball softmax_jacobian_spectral_lower(const Weights& w, const Ball& T, long prec) {
  Ball m(0);  // lambda_max >= J_ii = p_i o_i / T >= 0
  for (std::size_t i = 0; i < w.alpha.size(); ++i) m = max_of(m, mul(w.alpha[i], w.others[i], prec), prec);
  return div(m, T, prec);
}

Ball softmax_jacobian_spectral_upper(const Weights& w, const Ball& T, long prec) {
  Ball m(0);  // ||J||_inf = max_i (p_i o_i + sum_{j != i} p_i p_j) / T = max_i 2 p_i o_i / T
  for (std::size_t i = 0; i < w.alpha.size(); ++i) m = max_of(m, mul(w.alpha[i], w.others[i], prec), prec);
  return min_of(div(mul(Ball(2), m, prec), T, prec), softmax_jacobian_frobenius(w, T, prec), prec);
}

Ball softmax_jacobian_max_weight_upper(const Weights& w, const Ball& T, long prec) {
  arf_t S, t, hi, best, tlo;
  arf_init(S);
  arf_init(t);
  arf_init(hi);
  arf_init(best);
  arf_init(tlo);
  for (const auto& f : w.F) {
    arb_get_lbound_arf(t, f.get(), prec);  // t <= F_j (rounded down)
    if (arf_sgn(t) > 0) arf_add(S, S, t, prec, ARF_RND_FLOOR);  // S <= sum F_j: floor of nonnegative lower ends
  }
  Ball r;
  arb_get_lbound_arf(tlo, T.get(), prec);
  if (arf_sgn(S) > 0 && arf_sgn(tlo) > 0) {
    for (const auto& f : w.F) {
      arb_get_ubound_arf(hi, f.get(), prec);                // hi >= F_i
      arf_div(hi, hi, S, prec, ARF_RND_CEIL);                // >= F_i / sum F = p_i
      if (arf_cmp(hi, best) > 0) arf_set(best, hi);
    }
    arf_div(best, best, tlo, prec, ARF_RND_CEIL);  // >= max p_i / T
    arb_set_arf(r.get(), best);
  } else {
    arb_pos_inf(r.get());
  }
  arf_clear(S);
  arf_clear(t);
  arf_clear(hi);
  arf_clear(best);
  arf_clear(tlo);
  return r;
}

std::optional<Ball> softmax_jacobian_rayleigh(const Weights& w, const std::vector<Ball>& v, const Ball& T, long prec) {
  Ball pvv(0), pv(0), vv(0);
  for (std::size_t i = 0; i < v.size(); ++i) {
    pvv = add(pvv, mul(w.alpha[i], mul(v[i], v[i], prec), prec), prec);
    pv = add(pv, mul(w.alpha[i], v[i], prec), prec);
    vv = add(vv, mul(v[i], v[i], prec), prec);
  }
  if (!certainly_positive(vv)) return std::nullopt;  // v^T v > 0 certified: the quotient is defined
  return div(sub(pvv, mul(pv, pv, prec), prec), mul(T, vv, prec), prec);
}

std::vector<Ball> top_pair_vector(const Weights& w) {
  const std::size_t L = w.alpha.size();
  std::vector<Ball> v(L, Ball(0));
  if (L < 2) return v;
  std::size_t second = w.top == 0 ? 1 : 0;
  for (std::size_t i = 0; i < L; ++i)
    if (i != w.top && mid_greater(w.alpha[i], w.alpha[second])) second = i;
  v[w.top] = Ball(1);
  v[second] = Ball(-1);
  return v;
}

bool softmax_jacobian_shift_is_upper(const Weights& w, const Ball& s, const Ball& T, long prec) {
  // D_i = s - p_i/T > 0 for every i != top, certified (else s <= p_(2)/T <= lambda_max: not an upper bound);
  // then the LDL^T pivots of the other indices, D_i + c_i w_i^2, are all > 0 (D_i > 0, c_i > 0) and the last
  // one is D_top + w_top^2 / (1 + sigma), sigma = sum_{i != top} w_i^2 / D_i (Sherman-Morrison). Times
  // (1 + sigma) > 0 and with 1 - p_top = o_top (sum p = 1), its sign is that of
  //   N = s (1 + sigma) - (p_top / T)(o_top + sigma),
  // which cancels only down to the margin s - lambda_max (no O(1) terms cancel to O(lambda)).
  Ball sigma(0);
  for (std::size_t i = 0; i < w.alpha.size(); ++i) {
    if (i == w.top) continue;
    const Ball D = sub(s, div(w.alpha[i], T, prec), prec);
    if (!certainly_positive(D)) return false;
    sigma = add(sigma, div(div(mul(w.alpha[i], w.alpha[i], prec), T, prec), D, prec), prec);
  }
  const Ball one_sigma = add(Ball(1), sigma, prec);
  const Ball N = sub(mul(s, one_sigma, prec),
                     mul(div(w.alpha[w.top], T, prec), add(w.others[w.top], sigma, prec), prec), prec);
  return certainly_positive(N);  // last pivot N / (1 + sigma) > 0: s I - J is positive definite
}

}  // namespace attnbound::check
