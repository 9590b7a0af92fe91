#include "reports/reproduce_model_alg4.hpp"

#include "theory/thm2_upper.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace attnbound::reports {

Thm2Row thm2_row(const RowState& r, std::vector<double>& dist) {
  const double* a = r.a;
  double rr = std::numeric_limits<double>::infinity();
  for (int i = 0; i < r.n; ++i) {
    const double gii = r.inv[i] > 0 ? 1.0 : 0.0;
    dist[i] = std::sqrt(std::max(0.0, a[i] * a[i] * gii - 2 * a[i] * r.ch[i] + r.ssh));
    if (!r.sel[i]) rr = std::min(rr, dist[i]);
  }
  double ns = 0, xi_sum = 0, up = 0;
  for (int m = 0; m < r.N; ++m) {
    const std::uint32_t i = r.order[m];
    if (dist[i] < rr) ns += 1;
    // xi_a on the unit sphere (M = 1): A_i = A2 - alpha_i^2, clipped at 0 (rounding only).
    const double xi = std::sqrt(thm2_lower::xi_a_square(1.0, std::max(0.0, r.A2 - a[i] * a[i])));
    xi_sum += xi;
    up += thm2_upper::term(xi, rr, 1.0);
  }
  Thm2Row out;
  out.ns = ns / r.N;
  out.lo = rr > 0 ? thm2_lower::bound(xi_sum, rr, static_cast<std::size_t>(r.N)) : -std::numeric_limits<double>::infinity();
  out.up = up / r.N;
  return out;
}

Thm2Parts alg4_parts(const ModelRun& run) {
  const ModelReproduceOptions& o = *run.options;
  const Settings& st = *run.settings;
  const std::size_t Llast = run.last_length();
  Thm2Parts out;
  std::vector<double> med, q1, q3, lo_med, up_med;
  {
    Table t{"alg4_separability", fmt::format("Algorithm 4: geometric separability N_s/N at L = {}", st.lengths.back()),
            "x_i normalised to the unit sphere (M = 1); r = min over non-selected i of ||s - alpha_i x_i||; N_s counts "
            "selected i strictly inside B_r(s). Per-head token means; quartiles over heads. Bounds: Theorem 2 with "
            "xi_a (thm2.lower / thm2.upper). Double precision, not certified.",
            {}, {}};
    t.columns = {{"N", "", Column::Kind::exact},         {"min", "", Column::Kind::point},
                 {"25%", "", Column::Kind::point},       {"median N_s/N", "", Column::Kind::point},
                 {"75%", "", Column::Kind::point},       {"max", "", Column::Kind::point},
                 {"lower bound (median)", "", Column::Kind::point}, {"upper bound (median)", "", Column::Kind::point}};
    for (int N : o.top_n) {
      const std::size_t g = run.grid_index(N);
      const auto v = run.head_means(g, Llast, &Sums::ns), lo = run.head_means(g, Llast, &Sums::lo),
                 up = run.head_means(g, Llast, &Sums::up);
      med.push_back(median_of(v)), q1.push_back(quantile_of(v, 0.25)), q3.push_back(quantile_of(v, 0.75));
      lo_med.push_back(median_of(lo)), up_med.push_back(median_of(up));
      t.rows.push_back({static_cast<long long>(N), num_or_blank(quantile_of(v, 0)), num_or_blank(q1.back()),
                        num_or_blank(med.back()), num_or_blank(q3.back()), num_or_blank(quantile_of(v, 1)),
                        num_or_blank(lo_med.back()), num_or_blank(up_med.back())});
    }
    out.table = std::move(t);
  }
  {
    Figure f{"fig3_separability", fmt::format("Figure 3: geometric separability N_s/N at L = {} (model)", st.lengths.back()),
             "Quartiles over heads of the token-mean N_s/N (the paper's green boxes), the medians of Theorem 2's "
             "bounds (xi_a), and the paper's saturation band 0.70-0.85 (dashed).",
             "top-N", "N_s / N", true, false, {}};
    Series smed{"N_s/N median over heads", "linespoints", {}}, sq1{"N_s/N 25%", "lines", {}}, sq3{"N_s/N 75%", "lines", {}},
        sup{"upper bound (median)", "linespoints", {}}, slo{"lower bound (median)", "linespoints", {}},
        p70{"paper: 0.70", "dashed", {}}, p85{"paper: 0.85", "dashed", {}};
    for (std::size_t k = 0; k < o.top_n.size(); ++k) {
      const double N = o.top_n[k];
      smed.points.push_back({N, med[k]});
      sq1.points.push_back({N, q1[k]});
      sq3.points.push_back({N, q3[k]});
      sup.points.push_back({N, up_med[k]});
      if (std::isfinite(lo_med[k])) slo.points.push_back({N, std::max(lo_med[k], -1.0)});
      p70.points.push_back({N, 0.70});
      p85.points.push_back({N, 0.85});
    }
    f.series = {smed, sq1, sq3, sup, slo, p70, p85};
    out.fig3 = std::move(f);
  }
  {
    ClaimRow c{"headline.separability", "", "", {}, "", "not measured", ""};
    std::vector<double> sat;
    for (std::size_t k = 0; k < o.top_n.size(); ++k)
      if (o.top_n[k] >= 16 && std::isfinite(med[k])) sat.push_back(med[k]);
    if (!sat.empty()) {
      const double m = median_of(sat);
      c.measured = Number::point(m);
      c.measured_text = fmt::format("median over heads of N_s/N, median over N >= 16 (x = {})", o.x);
      c.agreement = m >= 0.70 && m <= 0.85 ? "agrees" : "disagrees";
      c.note = "agreement: within 0.70-0.85.";
    }
    out.saturation = c;
  }
  // Fraction of (head, N) token means inside Theorem 2's bounds.
  std::size_t inside_lo = 0, inside_up = 0, total = 0;
  for (int N : o.top_n) {
    const std::size_t g = run.grid_index(N);
    for (const auto* h : run.heads) {
      const Sums& s = h->at[g][Llast];
      if (s.rows == 0) continue;
      ++total;
      if (s.ns >= s.lo) ++inside_lo;
      if (s.ns <= s.up) ++inside_up;
    }
  }
  if (total) {
    out.statements.push_back({"statement.thm2.lower", "", "", Number::point(static_cast<double>(inside_lo) / total),
                              fmt::format("fraction of {} (head, N) means with N_s/N >= the lower bound", total),
                              inside_lo == total ? "agrees" : "disagrees", "model rows, xi_a, unit-sphere x"});
    out.statements.push_back({"statement.thm2.upper", "", "", Number::point(static_cast<double>(inside_up) / total),
                              fmt::format("fraction of {} (head, N) means with N_s/N <= the upper bound", total),
                              inside_up == total ? "agrees" : "disagrees", "model rows, xi_a, unit-sphere x"});
  }
  return out;
}

}  // namespace attnbound::reports
