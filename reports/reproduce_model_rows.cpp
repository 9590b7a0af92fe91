#include "reports/reproduce_model_rows.hpp"

#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "kernels/top_n_distance_f32_f64acc.hpp"
#include "reports/reproduce_model_alg12.hpp"
#include "reports/reproduce_model_alg4.hpp"
#include "reports/reproduce_model_alg5_cor3.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attnbound::reports {

std::vector<std::uint32_t> top_order(const std::vector<double>& a, std::size_t m) {
  std::vector<std::uint32_t> idx(a.size());
  std::iota(idx.begin(), idx.end(), 0u);
  m = std::min(m, idx.size());
  std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(m), idx.end(),
                    [&](std::uint32_t i, std::uint32_t j) { return a[i] > a[j] || (a[i] == a[j] && i < j); });
  idx.resize(m);
  return idx;
}

MatD x_matrix(const Inputs& in, int head) {
  MatD X(in.T, in.dim);
  for (int t = 0; t < in.T; ++t)
    for (int c = 0; c < in.dim; ++c)
      X(t, c) = in.per_head_x ? (*in.x)[(static_cast<std::size_t>(t) * in.H + head) * in.dim + c]
                              : (*in.x)[static_cast<std::size_t>(t) * in.dim + c];
  return X;
}

HeadResult empty_head_result(const Settings& st, int layer, int head) {
  HeadResult res;
  res.layer = layer;
  res.head = head;
  res.at.assign(st.grid.size(), std::vector<Sums>(st.lengths.size()));
  res.worst_fixed.assign(st.grid.size(), 0);
  res.worst_fixed_row.assign(st.grid.size(), 0);
  res.worst_fixed_per_length.assign(st.lengths.size(), 0);
  res.g_sum.assign(st.temps.size(), std::vector<double>(st.eps.size(), 0));
  res.j_sum.assign(st.temps.size(), 0);
  res.j_max.assign(st.temps.size(), 0);
  res.cor3_paper_worst.assign(st.temps.size(), 0);
  res.cor3_corrected_worst.assign(st.temps.size(), 0);
  return res;
}

HeadResult analyse_head(const Inputs& in, const MatD& X, const MatD& G, int layer, int head, const Settings& st,
                        std::size_t window) {
  const int T = in.T, dim = in.dim;
  HeadResult res = empty_head_result(st, layer, head);
  const std::size_t G_n = st.grid.size(), L_n = st.lengths.size();

  std::vector<float> Xf(static_cast<std::size_t>(T) * dim);
  for (int t = 0; t < T; ++t)
    for (int c = 0; c < dim; ++c) Xf[static_cast<std::size_t>(t) * dim + c] = static_cast<float>(X(t, c));
  std::vector<double> inv(T);
  for (int i = 0; i < T; ++i) inv[i] = G(i, i) > 0 ? 1 / std::sqrt(G(i, i)) : 0;
  const int Nmax = st.grid.back();

  // Rows sampled for Algorithm 5 / Corollary 3: evenly spaced over t = 1 .. T-1.
  std::vector<char> sampled(T, 0);
  if (T > 1)
    for (std::size_t k = 0; k < st.alg5_rows; ++k)
      sampled[1 + (k * static_cast<std::size_t>(T - 1)) / std::max<std::size_t>(st.alg5_rows, 1)] = 1;

  const float* S0 = in.scores->data() + static_cast<std::size_t>(head) * T * T;
  std::vector<float> alpha_f(T);
  std::vector<double> a(T), c(T), ch(T), D2(T), dotS(T), dist(T);
  std::vector<char> sel(T);
  std::vector<Sums> run(G_n);
  RowState rs;
  rs.G = &G, rs.a = a.data(), rs.c = c.data(), rs.ch = ch.data(), rs.D2 = D2.data(), rs.dotS = dotS.data();
  rs.inv = inv.data(), rs.sel = sel.data();
  std::size_t li = 0;
  for (int t = 0; t < T; ++t) {
    const int n = t + 1;
    const float* row = S0 + static_cast<std::size_t>(t) * T;
    kernels::softmax_f32_3pass_f64acc(row, static_cast<std::size_t>(n), 1.0f, alpha_f.data());
    for (int i = 0; i < n; ++i) a[i] = alpha_f[i];
    std::vector<double> aw(a.begin(), a.begin() + n);
    const auto order = top_order(aw, static_cast<std::size_t>(std::min(Nmax, n)));
    // S = sum_j alpha_j x_j over all n keys; <x_i, S>; ||S||^2.
    Eigen::VectorXd S = Eigen::VectorXd::Zero(dim);
    for (int j = 0; j < n; ++j) S += a[j] * X.row(j).transpose();
    rs.SS = S.squaredNorm();
    for (int i = 0; i < n; ++i) dotS[i] = X.row(i).dot(S);
    std::fill(c.begin(), c.begin() + n, 0.0);
    std::fill(ch.begin(), ch.begin() + n, 0.0);
    std::fill(D2.begin(), D2.begin() + n, 0.0);
    std::fill(sel.begin(), sel.begin() + n, 0);
    rs.n = n, rs.order = order.data();
    rs.ss = 0, rs.ssh = 0, rs.abar = 0, rs.A2 = 0, rs.maxnorm = 0;
    std::size_t gi = 0;
    for (std::size_t k = 0; k < order.size() && gi < G_n; ++k) {
      // Select the next key j: s += alpha_j x_j, and every <x_i, s>, <x^_i, s^>, D2_i with it.
      const std::uint32_t j = order[k];
      const double aj = a[j], Gjj = G(j, j);
      rs.ss += 2 * aj * c[j] + aj * aj * Gjj;
      rs.ssh += 2 * aj * ch[j] + (inv[j] > 0 ? aj * aj : 0.0);
      const double* Gj = G.data() + static_cast<std::size_t>(j) * T;
      const double w = aj * inv[j];
      for (int i = 0; i < n; ++i) {
        c[i] += aj * Gj[i];
        ch[i] += w * Gj[i] * inv[i];
        D2[i] = std::max(D2[i], G(i, i) + Gjj - 2 * Gj[i]);
      }
      sel[j] = 1;
      rs.abar += aj;
      rs.A2 += aj * aj;
      rs.maxnorm = std::max(rs.maxnorm, std::sqrt(Gjj));
      const int N = rs.N = static_cast<int>(k) + 1;
      if (N != st.grid[gi]) continue;
      if (n > N) {
        const DistanceRow dr = distance_row(rs);
        const double d = dr.d, B = dr.bound;
        Sums& r = run[gi];
        r.d += d;
        r.e += dr.e;
        r.b += B;
        r.rows++;
        if (B > 0 && d / B > res.worst_fixed[gi]) res.worst_fixed[gi] = d / B, res.worst_fixed_row[gi] = static_cast<std::size_t>(t);
        if (static_cast<int>(gi) == st.fixed_index && B > 0)
          for (std::size_t l = li; l < L_n; ++l) res.worst_fixed_per_length[l] = std::max(res.worst_fixed_per_length[l], d / B);
        if (st.in_top_n[gi]) {
          const Thm2Row sr = thm2_row(rs, dist);
          r.ns += sr.ns;
          r.lo += sr.lo;
          r.up += sr.up;
        }
        // Cross-check against the float kernel on a sample of rows.
        if (st.cross_check_stride > 0 && t % static_cast<int>(st.cross_check_stride) == 0 && d > 0) {
          const auto kd = kernels::top_n_distance_f32_f64acc(alpha_f.data(), Xf.data(), static_cast<std::size_t>(n),
                                                             static_cast<std::size_t>(dim), static_cast<std::size_t>(N));
          res.cross_check_max_rel = std::max(res.cross_check_max_rel, std::fabs(kd.distance - d) / d);
          res.cross_checks++;
        }
      }
      ++gi;
    }
    // Snapshot the running sums at the end of each length.
    while (li < L_n && n == st.lengths[li]) {
      for (std::size_t g = 0; g < G_n; ++g) res.at[g][li] = run[g];
      ++li;
    }
    if (sampled[t]) alg5_cor3_row(row, n, t, st, window, res);
  }
  return res;
}

void merge_windows(HeadResult& a, const HeadResult& h, const Settings& st) {
  for (std::size_t g = 0; g < st.grid.size(); ++g) {
    for (std::size_t li = 0; li < st.lengths.size(); ++li) {
      Sums& s = a.at[g][li];
      const Sums& t = h.at[g][li];
      s.d += t.d, s.e += t.e, s.b += t.b, s.ns += t.ns, s.lo += t.lo, s.up += t.up, s.rows += t.rows;
    }
    if (h.worst_fixed[g] > a.worst_fixed[g]) a.worst_fixed[g] = h.worst_fixed[g], a.worst_fixed_row[g] = h.worst_fixed_row[g];
  }
  for (std::size_t li = 0; li < st.lengths.size(); ++li)
    a.worst_fixed_per_length[li] = std::max(a.worst_fixed_per_length[li], h.worst_fixed_per_length[li]);
  a.cross_check_max_rel = std::max(a.cross_check_max_rel, h.cross_check_max_rel);
  a.cross_checks += h.cross_checks;
  for (std::size_t ti = 0; ti < st.temps.size(); ++ti) {
    for (std::size_t ei = 0; ei < st.eps.size(); ++ei) a.g_sum[ti][ei] += h.g_sum[ti][ei];
    a.j_sum[ti] += h.j_sum[ti];
    a.j_max[ti] = std::max(a.j_max[ti], h.j_max[ti]);
    a.cor3_paper_worst[ti] = std::max(a.cor3_paper_worst[ti], h.cor3_paper_worst[ti]);
    a.cor3_corrected_worst[ti] = std::max(a.cor3_corrected_worst[ti], h.cor3_corrected_worst[ti]);
  }
  a.cor3_paper_violations += h.cor3_paper_violations;
  a.cor3_corrected_violations += h.cor3_corrected_violations;
  a.cor3_evals += h.cor3_evals;
  a.sampled_rows += h.sampled_rows;
}

std::size_t ModelRun::grid_index(int N) const {
  const auto& grid = settings->grid;
  return static_cast<std::size_t>(std::find(grid.begin(), grid.end(), N) - grid.begin());
}

std::size_t ModelRun::last_length() const { return settings->lengths.size() - 1; }

std::vector<double> ModelRun::head_means(std::size_t g, std::size_t li, double Sums::*field) const {
  std::vector<double> v;
  for (const auto* h : heads) {
    const Sums& s = h->at[g][li];
    if (s.rows > 0) v.push_back(s.*field / static_cast<double>(s.rows));
  }
  return v;
}

double mean_of(const std::vector<double>& v) {
  if (v.empty()) return std::nan("");
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double median_of(std::vector<double> v) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

double quantile_of(std::vector<double> v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

Cell num_or_blank(double x) { return std::isfinite(x) ? Cell(x) : Cell(std::string("")); }

double log_log_slope(const std::vector<double>& xs, const std::vector<double>& ys) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t k = 0; k < xs.size(); ++k) {
    const double X = std::log(xs[k]), Y = std::log(ys[k]);
    sx += X, sy += Y, sxx += X * X, sxy += X * Y;
  }
  const double m = static_cast<double>(xs.size());
  return (m * sxy - sx * sy) / (m * sxx - sx * sx);
}

}  // namespace attnbound::reports
