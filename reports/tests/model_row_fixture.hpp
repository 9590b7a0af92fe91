// Test support for the reproduce_model_* row functions: a RowState built directly from x rows, weights and N
// (the top N weights selected, ties to the lower index), by the definitions its fields document, not by the
// incremental updates of analyse_head.
#pragma once

#include "reports/reproduce_model_rows.hpp"

#include <algorithm>
#include <cmath>

namespace attnbound::reports::test {

struct RowFixture {
  MatD X, G;
  std::vector<double> a, c, ch, D2, dotS, inv;
  std::vector<char> sel;
  std::vector<std::uint32_t> order;
  RowState state;

  RowFixture(const std::vector<std::vector<double>>& x, std::vector<double> weights, int N) : a(std::move(weights)) {
    const int n = static_cast<int>(x.size()), dim = static_cast<int>(x[0].size());
    X.resize(n, dim);
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < dim; ++k) X(i, k) = x[i][k];
    G = X * X.transpose();
    order = top_order(a, static_cast<std::size_t>(N));
    c.assign(n, 0), ch.assign(n, 0), D2.assign(n, 0), dotS.assign(n, 0), inv.assign(n, 0), sel.assign(n, 0);
    for (int i = 0; i < n; ++i) inv[i] = G(i, i) > 0 ? 1 / std::sqrt(G(i, i)) : 0;
    RowState& r = state;
    for (const std::uint32_t j : order) {
      sel[j] = 1;
      r.abar += a[j];
      r.A2 += a[j] * a[j];
      r.maxnorm = std::max(r.maxnorm, std::sqrt(G(j, j)));
    }
    Eigen::VectorXd s = Eigen::VectorXd::Zero(dim), sh = Eigen::VectorXd::Zero(dim), S = Eigen::VectorXd::Zero(dim);
    for (int j = 0; j < n; ++j) {
      S += a[j] * X.row(j).transpose();
      if (!sel[j]) continue;
      s += a[j] * X.row(j).transpose();
      sh += a[j] * inv[j] * X.row(j).transpose();
    }
    for (int i = 0; i < n; ++i) {
      c[i] = X.row(i).dot(s);
      ch[i] = inv[i] * X.row(i).dot(sh);
      dotS[i] = X.row(i).dot(S);
      for (const std::uint32_t j : order) D2[i] = std::max(D2[i], (X.row(i) - X.row(j)).squaredNorm());
    }
    r.n = n, r.N = N, r.G = &G, r.a = a.data(), r.c = c.data(), r.ch = ch.data(), r.D2 = D2.data();
    r.dotS = dotS.data(), r.inv = inv.data(), r.sel = sel.data(), r.order = order.data();
    r.ss = s.squaredNorm(), r.ssh = sh.squaredNorm(), r.SS = S.squaredNorm();
  }
};

// A Settings / HeadResult pair shaped for grid N, lengths L and temperatures T (one epsilon), zero-filled.
inline Settings small_settings(std::vector<int> grid, std::vector<int> lengths, std::vector<double> temps = {1.0}) {
  Settings st;
  st.grid = std::move(grid);
  st.in_top_n.assign(st.grid.size(), true);
  st.lengths = std::move(lengths);
  st.temps = std::move(temps);
  st.eps = {0.1};
  st.scale = 1;
  return st;
}

}  // namespace attnbound::reports::test
