#include "prove/thm1_ratio_enclosure.hpp"

#include "prove/softmax_box_weights.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace attnbound::prove {

namespace {

using DI = DoubleInterval;
using Box = std::vector<DI>;

DI constant(double v) { return DI::point(v); }

// ||v|| over the box of v: sqrt of the sum of the squares' ranges (the exact range when the components are
// independent), each end directed.
DI norm_of(const std::vector<DI>& v) {
  DI sum = constant(0);
  for (const DI& c : v) sum = sum + sqr(c);
  return {sqrt_down(std::max(0.0, sum.lo)), sqrt_up(sum.hi)};
}

// Component k of the generalized gradient v/||v|| of ||.|| at v: v_k/||v|| when ||v|| > 0 on the box, and
// always within [-1, 1] (a unit vector, or the unit ball at v = 0).
DI unit_component(const std::vector<DI>& v, DI norm, std::size_t k) {
  if (!(norm.lo > 0)) return {-1, 1};
  const DI q = divide_positive(v[k], norm);
  return {std::max(-1.0, q.lo), std::min(1.0, q.hi)};
}

// The largest of several ranges, and the indices that can attain it somewhere in the box (hi >= largest lo).
struct MaxOf {
  DI value{0, 0};
  std::vector<std::size_t> candidates;
};
MaxOf max_of(const std::vector<DI>& xs) {
  MaxOf m;
  m.value = xs.at(0);
  for (const DI& x : xs) m.value = {std::max(m.value.lo, x.lo), std::max(m.value.hi, x.hi)};
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (xs[i].hi >= m.value.lo) m.candidates.push_back(i);
  return m;
}

// Q, B and their parts over a box (a point box at the centre).
struct Pieces {
  SoftmaxBoxWeights w;
  DI selected, rest;                         // abar, 1 - abar
  std::vector<std::vector<DI>> v;            // v_i = alpha_i x_i - s, i >= N (row i - N)
  std::vector<DI> v_norm;
  DI quantity;
  std::vector<std::vector<DI>> x;            // rows of x
  std::vector<DI> x_norm;                    // ||x_j||, j < N
  MaxOf m;                                   // M
  std::vector<std::vector<DI>> diff;         // x_i - x_j, pair (i - N) N + j
  std::vector<DI> diff_norm;
  MaxOf d1;                                  // d_1
  DI bracket, bound;
};

Pieces pieces_of(const Thm1Shape& s, const Box& box) {
  const std::size_t L = s.length, N = s.top_n, d = s.dim;
  Pieces P;
  const Box z(box.begin(), box.begin() + static_cast<std::ptrdiff_t>(L));
  P.w = softmax_box_weights(z);
  double es_lo = 0, es_hi = 0, er_lo = 0, er_hi = 0;  // E_s, E_r ranges
  for (std::size_t i = 0; i < L; ++i) {
    const double lo = exp_down(z[i].lo), hi = exp_up(z[i].hi);
    if (i < N) es_lo = add_down(es_lo, lo), es_hi = add_up(es_hi, hi);
    else er_lo = add_down(er_lo, lo), er_hi = add_up(er_hi, hi);
  }
  // abar = E_s / (E_s + E_r): smallest at (E_s lo, E_r hi), largest at (E_s hi, E_r lo); 1 - abar the reverse.
  P.selected = {div_down(es_lo, add_up(es_lo, er_hi)), std::min(1.0, div_up(es_hi, add_down(es_hi, er_lo)))};
  P.rest = {div_down(er_lo, add_up(er_lo, es_hi)), std::min(1.0, div_up(er_hi, add_down(er_hi, es_lo)))};
  P.x.assign(L, std::vector<DI>(d));
  for (std::size_t i = 0; i < L; ++i)
    for (std::size_t k = 0; k < d; ++k) P.x[i][k] = box[s.x_index(i, k)];
  std::vector<DI> ctx(d, constant(0));  // s
  for (std::size_t j = 0; j < N; ++j)
    for (std::size_t k = 0; k < d; ++k) ctx[k] = ctx[k] + P.w.p[j] * P.x[j][k];
  P.quantity = constant(0);
  for (std::size_t i = N; i < L; ++i) {
    std::vector<DI> vi(d);
    for (std::size_t k = 0; k < d; ++k) vi[k] = P.w.p[i] * P.x[i][k] - ctx[k];
    P.v_norm.push_back(norm_of(vi));
    P.quantity = P.quantity + P.v_norm.back();
    P.v.push_back(std::move(vi));
  }
  for (std::size_t j = 0; j < N; ++j) P.x_norm.push_back(norm_of(P.x[j]));
  P.m = max_of(P.x_norm);
  for (std::size_t i = N; i < L; ++i)
    for (std::size_t j = 0; j < N; ++j) {
      std::vector<DI> dij(d);
      for (std::size_t k = 0; k < d; ++k) dij[k] = P.x[i][k] - P.x[j][k];
      P.diff_norm.push_back(norm_of(dij));
      P.diff.push_back(std::move(dij));
    }
  P.d1 = max_of(P.diff_norm);
  // (L - N) abar - (1 - abar) = (L - N + 1) abar - 1 (abar + (1 - abar) = 1), from abar's range alone.
  P.bracket = constant(static_cast<double>(L - N + 1)) * P.selected - constant(1);
  P.bound = P.rest * P.d1.value + P.m.value * P.bracket;
  return P;
}

// Enclosure over the box of the generalized gradient component of M (coordinate x_{m,k}, m < N) and of d_1
// (coordinate x_{m,k}, any m): the hull over the max's candidates of each candidate's component.
DI m_gradient(const Pieces& P, std::size_t m, std::size_t k) {
  bool first = true;
  DI g{0, 0};
  for (std::size_t j : P.m.candidates) {
    const DI c = j == m ? unit_component(P.x[j], P.x_norm[j], k) : constant(0);
    g = first ? c : hull(g, c);
    first = false;
  }
  return g;
}
DI d1_gradient(const Pieces& P, std::size_t N, std::size_t m, std::size_t k) {
  bool first = true;
  DI g{0, 0};
  for (std::size_t pair : P.d1.candidates) {
    const std::size_t i = N + pair / N, j = pair % N;  // the pair (i, j): d ||x_i - x_j|| / d x_i = e, / d x_j = -e
    DI c = constant(0);
    if (m == i) c = unit_component(P.diff[pair], P.diff_norm[pair], k);
    else if (m == j) c = -unit_component(P.diff[pair], P.diff_norm[pair], k);
    g = first ? c : hull(g, c);
    first = false;
  }
  return g;
}

// Generalized gradients of Q and of B over the box, one enclosure per coordinate (z_0's is unused: it is fixed);
// Q - R B has its generalized gradient in dq - R db (the sum rule as an inclusion).
struct Gradients {
  std::vector<DI> dq, db;
};
Gradients gradients(const Thm1Shape& s, const Pieces& P) {
  const std::size_t L = s.length, N = s.top_n, d = s.dim;
  Gradients G{std::vector<DI>(s.coordinates(), constant(0)), std::vector<DI>(s.coordinates(), constant(0))};
  std::vector<std::vector<DI>> u(L - N, std::vector<DI>(d));  // v_i / ||v_i||
  for (std::size_t i = N; i < L; ++i)
    for (std::size_t k = 0; k < d; ++k) u[i - N][k] = unit_component(P.v[i - N], P.v_norm[i - N], k);
  const DI lead = constant(static_cast<double>(L - N + 1));
  for (std::size_t b = 1; b < L; ++b) {
    // d alpha_a / d z_b = A_ab: alpha_b (1 - alpha_b) on the diagonal, -alpha_a alpha_b off it.
    auto A = [&](std::size_t a) { return a == b ? P.w.p[a] * P.w.other[a] : -(P.w.p[a] * P.w.p[b]); };
    DI dq = constant(0);
    for (std::size_t i = N; i < L; ++i)
      for (std::size_t k = 0; k < d; ++k) {
        DI dv = A(i) * P.x[i][k];  // d v_ik / d z_b = A_ib x_ik - sum_{j<N} A_jb x_jk
        for (std::size_t j = 0; j < N; ++j) dv = dv - A(j) * P.x[j][k];
        dq = dq + u[i - N][k] * dv;
      }
    // d abar / d z_b = sum_{j<N} A_jb = alpha_b ([b < N] - abar); d B / d z_b = d abar ((L - N + 1) M - d_1).
    const DI dsel = b < N ? P.w.p[b] * P.rest : -(P.w.p[b] * P.selected);
    const DI db = dsel * (lead * P.m.value - P.d1.value);
    G.dq[b] = dq;
    G.db[b] = db;
  }
  for (std::size_t m = 0; m < L; ++m)
    for (std::size_t k = 0; k < d; ++k) {
      // d v_ik / d x_mk = alpha_i [m = i] - alpha_m [m < N].
      DI dq = constant(0);
      if (m >= N) {
        dq = u[m - N][k] * P.w.p[m];
      } else {
        DI sum_u = constant(0);
        for (std::size_t i = N; i < L; ++i) sum_u = sum_u + u[i - N][k];
        dq = -(P.w.p[m] * sum_u);
      }
      DI db = P.rest * d1_gradient(P, N, m, k);
      if (m < N) db = db + P.bracket * m_gradient(P, m, k);
      G.dq[s.x_index(m, k)] = dq;
      G.db[s.x_index(m, k)] = db;
    }
  return G;
}

// The mean-value upper end of Q - R B over the box (see the header), and the coordinate of its largest term.
struct Excess {
  double upper = 0;
  std::size_t split = 1;
};
Excess excess_of(double R, const Pieces& at_centre, const Gradients& G, const std::vector<double>& radius) {
  const DI r = constant(R);
  Excess e;
  e.upper = (at_centre.quantity - r * at_centre.bound).hi;
  double largest = -1;
  for (std::size_t k = 1; k < radius.size(); ++k) {
    const double term = radius[k] == 0 ? 0.0 : mul_up(magnitude(G.dq[k] - r * G.db[k]), radius[k]);
    e.upper = add_up(e.upper, term);
    if (term > largest) largest = term, e.split = k;
  }
  return e;
}

}  // namespace

RatioUpper thm1_fixed_ratio_upper(const Thm1Shape& s, double target, const std::vector<DoubleInterval>& box,
                                  bool refine_open) {
  double mean_value_end = std::numeric_limits<double>::infinity();
  const std::vector<double> c = box_centre(box);
  Box centre;
  std::vector<double> radius;
  for (std::size_t k = 0; k < box.size(); ++k) {
    centre.push_back(DI::point(c[k]));
    radius.push_back(std::max(add_up(c[k], -box[k].lo), add_up(box[k].hi, -c[k])));  // >= |y_k - c_k|
  }
  const Pieces at_centre = pieces_of(s, centre), over_box = pieces_of(s, box);
  const Gradients G = gradients(s, over_box);
  const Excess excess = excess_of(target, at_centre, G, radius);
  RatioUpper out;
  out.split = excess.split;
  if (excess.upper <= 0) {
    out.upper = target;  // Q - target B <= 0 on the box
    return out;
  }
  if (refine_open) {
    // The smallest R >= target found with a non-positive mean-value end: R = target 2^j (j <= 40) until one is, then
    // 48 bisection steps between the last R that failed and the first that did not; each R tried is a double.
    double fail = target, pass = 0;
    for (int j = 1; j <= 40 && pass == 0; ++j) {
      const double R = std::ldexp(target, j);  // exact
      if (excess_of(R, at_centre, G, radius).upper <= 0) pass = R;
      else fail = R;
    }
    for (int step = 0; step < 48 && pass > 0; ++step) {
      const double mid = 0.5 * fail + 0.5 * pass;
      if (!(mid > fail && mid < pass)) break;
      (excess_of(mid, at_centre, G, radius).upper <= 0 ? pass : fail) = mid;
    }
    if (pass > 0) mean_value_end = pass;  // Q - pass B <= 0 on the box
  }
  // At sorted points (the only ones prove needs) the bracket is >= 0, so B >= lo(1 - abar) lo(d_1).
  const double b_lo = add_down(mul_down(over_box.rest.lo, std::max(0.0, over_box.d1.value.lo)),
                               mul_down(std::max(0.0, over_box.m.value.lo), std::max(0.0, over_box.bracket.lo)));
  out.upper = b_lo > 0 ? div_up(std::max(0.0, over_box.quantity.hi), b_lo) : std::numeric_limits<double>::infinity();
  out.upper = std::min(out.upper, mean_value_end);
  return out;
}

std::vector<double> thm1_sorted_point(const Thm1Shape& s, const std::vector<double>& point) {
  std::vector<std::size_t> order(s.length);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return point[a] > point[b]; });
  std::vector<double> out(point.size());
  for (std::size_t r = 0; r < s.length; ++r) {
    out[r] = point[order[r]];
    for (std::size_t k = 0; k < s.dim; ++k) out[s.x_index(r, k)] = point[s.x_index(order[r], k)];
  }
  return out;
}

double thm1_fixed_ratio_estimate(const Thm1Shape& s, const std::vector<double>& point) {
  const std::vector<double> y = thm1_sorted_point(s, point);
  const std::size_t L = s.length, N = s.top_n, d = s.dim;
  std::vector<double> a(L);
  double sum = 0;
  for (std::size_t i = 0; i < L; ++i) sum += a[i] = std::exp(y[i] - y[0]);
  for (double& v : a) v /= sum;
  auto x = [&](std::size_t i, std::size_t k) { return y[s.x_index(i, k)]; };
  double selected = 0, rest = 0, m = 0, d1 = 0, q = 0;
  for (std::size_t i = 0; i < L; ++i) (i < N ? selected : rest) += a[i];
  for (std::size_t i = N; i < L; ++i) {
    double n2 = 0;
    for (std::size_t k = 0; k < d; ++k) {
      double v = a[i] * x(i, k);
      for (std::size_t j = 0; j < N; ++j) v -= a[j] * x(j, k);
      n2 += v * v;
    }
    q += std::sqrt(n2);
  }
  for (std::size_t j = 0; j < N; ++j) {
    double n2 = 0;
    for (std::size_t k = 0; k < d; ++k) n2 += x(j, k) * x(j, k);
    m = std::max(m, std::sqrt(n2));
    for (std::size_t i = N; i < L; ++i) {
      double e2 = 0;
      for (std::size_t k = 0; k < d; ++k) e2 += (x(i, k) - x(j, k)) * (x(i, k) - x(j, k));
      d1 = std::max(d1, std::sqrt(e2));
    }
  }
  const double bound = rest * d1 + m * (static_cast<double>(L - N) * selected - rest);
  return bound > 0 ? q / bound : 0.0;
}

}  // namespace attnbound::prove
