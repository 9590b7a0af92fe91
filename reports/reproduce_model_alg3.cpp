#include "reports/reproduce_model_alg3.hpp"

#include "reports/ks_two_sample.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace attnbound::reports {

CriticalNParts alg3_parts(const ModelRun& run, const std::vector<int>& crit) {
  const ModelReproduceOptions& o = *run.options;
  const Settings& st = *run.settings;
  CriticalNParts out;
  std::vector<double> crit_L, crit_N;
  std::string grid_text;
  for (int N : crit) grid_text += (grid_text.empty() ? "" : " ") + std::to_string(N);
  Table ks{"alg3_ks", "Algorithm 3: KS test of per-head mean d~ against per-head mean E",
           fmt::format("Two-sample Kolmogorov-Smirnov on the {} per-head token means (asymptotic p, double); the "
                       "critical N is the first N of the grid with p > {} (not rejected).", run.heads.size(), o.ks_level),
           {}, {}};
  ks.columns = {{"L", "", Column::Kind::exact}, {"N", "", Column::Kind::exact}, {"D", "", Column::Kind::point},
                {"p", "", Column::Kind::point}, {"not rejected", "", Column::Kind::text}};
  Table t{"alg3_critical_n", "Algorithm 3: critical N against L",
          fmt::format("KS level {} (0.01 in the text and Fig. 2c; 0.05 in Algorithm 3: --ks-level); N grid {}.",
                      o.ks_level, grid_text),
          {}, {}};
  t.columns = {{"L", "tokens", Column::Kind::exact}, {"critical N", "", Column::Kind::text},
               {"critical N / L", "", Column::Kind::point}, {"p at critical N", "", Column::Kind::point}};
  std::vector<int> sorted_crit = crit;
  std::sort(sorted_crit.begin(), sorted_crit.end());
  for (std::size_t li = 0; li < st.lengths.size(); ++li) {
    const int L = st.lengths[li];
    int found = -1;
    double pf = std::nan("");
    for (int N : sorted_crit) {
      if (N >= L) break;
      const std::size_t g = run.grid_index(N);
      const auto dv = run.head_means(g, li, &Sums::d), ev = run.head_means(g, li, &Sums::e);
      if (dv.empty() || ev.empty()) continue;
      const KsResult r = ks_two_sample(dv, ev);
      const bool ok = r.p_value > o.ks_level;
      ks.rows.push_back({static_cast<long long>(L), static_cast<long long>(N), r.statistic, r.p_value, std::string(ok ? "yes" : "no")});
      if (ok) {
        found = N;
        pf = r.p_value;
        break;
      }
    }
    t.rows.push_back({static_cast<long long>(L), found > 0 ? std::to_string(found) : std::string("-1 (none)"),
                      found > 0 ? Cell(static_cast<double>(found) / L) : Cell(std::string("")), num_or_blank(pf)});
    if (found > 0) crit_L.push_back(L), crit_N.push_back(found);
  }
  out.critical = std::move(t);
  out.ks = std::move(ks);
  out.found = crit_L.size();

  Figure f{"fig2c_critical_n", "Figure 2c: critical N against L (model)",
           fmt::format("First N of the grid at which the KS test (level {}) does not reject equal distributions of the "
                       "per-head mean d~ and E; the dashed line is the paper's ~0.06 L.", o.ks_level),
           "sequence length L", "critical N", true, true, {}};
  Series sc{"critical N (measured)", "linespoints", {}}, sp{"paper: 0.06 L", "dashed", {}};
  for (std::size_t k = 0; k < crit_L.size(); ++k) sc.points.push_back({crit_L[k], crit_N[k]});
  if (crit_L.empty())
    f.caption += fmt::format(" No measured point: at no L did an N of the grid (up to {}) pass the test.", *std::max_element(crit.begin(), crit.end()));
  for (int L : st.lengths) sp.points.push_back({static_cast<double>(L), 0.06 * L});
  f.series = {sc, sp};
  out.fig2c = std::move(f);

  ClaimRow c{"headline.critical_n", "", "", {}, "", "not measured", ""};
  if (!crit_L.empty()) {
    double num = 0, den = 0;
    for (std::size_t k = 0; k < crit_L.size(); ++k) num += crit_N[k] * crit_L[k], den += crit_L[k] * crit_L[k];
    const double slope = num / den;
    c.measured = Number::point(slope);
    c.measured_text = fmt::format("least-squares critical N / L through the origin over {} of {} lengths (KS level {})",
                                  crit_L.size(), st.lengths.size(), o.ks_level);
    c.agreement = slope >= 0.03 && slope <= 0.09 && crit_L.size() == st.lengths.size() ? "agrees" : "disagrees";
    c.note = "agreement: slope in [0.03, 0.09] and a critical N found at every L.";
  } else {
    c.measured_text = "no N of the grid passed the KS test at any L";
    c.agreement = "disagrees";
  }
  out.claim = c;
  return out;
}

}  // namespace attnbound::reports
