#include "reports/reproduce_model_alg5_cor3.hpp"

#include "kernels/fd_sensitivity_f32_f64.hpp"
#include "reports/random_direction.hpp"
#include "theory/cor3_softmax_jacobian_corrected.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace attnbound::reports {

void alg5_cor3_row(const float* row, int n, int t, const Settings& st, std::size_t window, HeadResult& res) {
  res.sampled_rows++;
  std::vector<float> l(n);
  for (int i = 0; i < n; ++i) l[i] = static_cast<float>(row[i] * st.scale);  // exact: a power of two
  Vec<double> ld(l.begin(), l.end());
  for (std::size_t ti = 0; ti < st.temps.size(); ++ti) {
    const double Tt = st.temps[ti];
    const Vec<double> alpha = softmax(ld, Tt);
    const double J = softmax_jacobian_spectral_norm(alpha, Tt);
    const double paper = cor3_softmax_jacobian::bound(Tt), corrected = cor3_softmax_jacobian_corrected::bound(Tt);
    res.j_sum[ti] += J;
    res.j_max[ti] = std::max(res.j_max[ti], J);
    res.cor3_paper_worst[ti] = std::max(res.cor3_paper_worst[ti], J / paper);
    res.cor3_corrected_worst[ti] = std::max(res.cor3_corrected_worst[ti], J / corrected);
    res.cor3_evals++;
    if (J > paper) res.cor3_paper_violations++;
    if (J > corrected) res.cor3_corrected_violations++;
    for (std::size_t ei = 0; ei < st.eps.size(); ++ei) {
      const auto v = random_unit_direction(st.seed, {window, static_cast<std::uint64_t>(res.layer), static_cast<std::uint64_t>(res.head),
                                                     static_cast<std::uint64_t>(t), ti, ei},
                                           static_cast<std::size_t>(n));
      std::vector<float> vf(v.begin(), v.end());
      const double g = kernels::fd_sensitivity_f32_f64(l.data(), vf.data(), static_cast<std::size_t>(n),
                                                       static_cast<float>(Tt), static_cast<float>(st.eps[ei]));
      res.g_sum[ti][ei] += g;
    }
  }
}

GradientParts alg5_cor3_parts(const ModelRun& run) {
  const ModelReproduceOptions& o = *run.options;
  const Settings& st = *run.settings;
  const std::size_t nT = st.temps.size(), nE = st.eps.size();
  std::vector<std::vector<double>> G(nT, std::vector<double>(nE, 0));
  std::vector<double> Jbar(nT, 0), Jmax(nT, 0);
  std::size_t sampled = 0, cor3_evals = 0, cor3_pv = 0, cor3_cv = 0;
  double cor3_pw = 0, cor3_cw = 0;
  for (const auto* h : run.heads) {
    sampled += h->sampled_rows;
    cor3_evals += h->cor3_evals, cor3_pv += h->cor3_paper_violations, cor3_cv += h->cor3_corrected_violations;
    for (std::size_t ti = 0; ti < nT; ++ti) {
      if (h->sampled_rows == 0) continue;
      const double rows = static_cast<double>(h->sampled_rows);
      for (std::size_t ei = 0; ei < nE; ++ei) G[ti][ei] = std::max(G[ti][ei], h->g_sum[ti][ei] / rows);
      Jbar[ti] = std::max(Jbar[ti], h->j_sum[ti] / rows);
      Jmax[ti] = std::max(Jmax[ti], h->j_max[ti]);
      cor3_pw = std::max(cor3_pw, h->cor3_paper_worst[ti]);
      cor3_cw = std::max(cor3_cw, h->cor3_corrected_worst[ti]);
    }
  }
  GradientParts out;
  {
    Table t{"alg5_model", "Algorithm 5 on the model: g(T, eps), token average per head, max over heads",
            fmt::format("{} sampled rows ({} per head per window, evenly spaced); logit scale {}; g by the float kernel "
                        "fd_sensitivity_f32_f64, ||J||_2 exact in double. Not certified.",
                        sampled, o.alg5_rows, o.logit_scale),
            {}, {}};
    t.columns = {{"T", "", Column::Kind::point}, {"eps", "", Column::Kind::point}, {"max over heads of mean g", "", Column::Kind::point},
                 {"max over heads of mean ||J||_2", "", Column::Kind::point}, {"max ||J||_2", "", Column::Kind::point},
                 {"min{1/(4T), sqrt 2}", "paper", Column::Kind::point}, {"1/(2T)", "corrected", Column::Kind::point}};
    for (std::size_t ti = 0; ti < nT; ++ti)
      for (std::size_t ei = 0; ei < nE; ++ei)
        t.rows.push_back({st.temps[ti], st.eps[ei], G[ti][ei], Jbar[ti], Jmax[ti],
                          cor3_softmax_jacobian::bound(st.temps[ti]), cor3_softmax_jacobian_corrected::bound(st.temps[ti])});
    out.table = std::move(t);
  }
  {
    Figure f{"fig4_gradient_model", "Figure 4: gradient sensitivity on the model",
             fmt::format("Max over heads of the token-averaged g(T, eps) on the sampled rows, the exact ||J||_2 likewise, "
                         "the paper's min{{1/(4T), sqrt 2}} (dashed) and the corrected 1/(2T) (dotted). Logit scale {}.",
                         o.logit_scale),
             "temperature T", "Jacobian norm", true, true, {}};
    for (std::size_t ei = 0; ei < nE; ++ei) {
      Series s{"g(T, eps = " + o.epsilons[ei] + ")", "linespoints", {}};
      for (std::size_t ti = 0; ti < nT; ++ti) s.points.push_back({st.temps[ti], G[ti][ei]});
      f.series.push_back(std::move(s));
    }
    Series sj{"||J||_2 (exact)", "linespoints", {}}, sp{"min{1/(4T), sqrt 2} (paper)", "dashed", {}},
        sc{"1/(2T) (corrected)", "dotted", {}};
    for (std::size_t ti = 0; ti < nT; ++ti) {
      sj.points.push_back({st.temps[ti], Jbar[ti]});
      sp.points.push_back({st.temps[ti], cor3_softmax_jacobian::bound(st.temps[ti])});
      sc.points.push_back({st.temps[ti], cor3_softmax_jacobian_corrected::bound(st.temps[ti])});
    }
    f.series.push_back(std::move(sj));
    f.series.push_back(std::move(sp));
    f.series.push_back(std::move(sc));
    out.fig4 = std::move(f);
  }
  {
    Figure f{"tightness_model_vs_T", "Tightness of Corollary 3 against T (model rows)",
             "Max over the sampled rows of ||J||_2 / bound at each T, paper's and corrected bound.", "temperature T",
             "||J||_2 / bound", true, true, {}};
    Series sp{"||J||_2 / min{1/(4T), sqrt 2}", "linespoints", {}}, sc{"||J||_2 / (1/(2T))", "linespoints", {}};
    for (std::size_t ti = 0; ti < nT; ++ti) {
      double wp = 0, wc = 0;
      for (const auto* h : run.heads) wp = std::max(wp, h->cor3_paper_worst[ti]), wc = std::max(wc, h->cor3_corrected_worst[ti]);
      sp.points.push_back({st.temps[ti], wp});
      sc.points.push_back({st.temps[ti], wc});
    }
    f.series = {sp, sc};
    out.tightness = std::move(f);
  }
  const auto double_word = [](std::size_t violations) {
    return violations ? "violated in double precision (not certified)" : "not refuted";
  };
  out.verdicts.push_back({"cor3.softmax_jacobian", "spectral", "", "", double_word(cor3_pv), false,
                          fmt::format("{} (row, T) pairs of the model, {} violated (double, not certified)", cor3_evals, cor3_pv),
                          Number::point(cor3_pw), {}, 0, {}, std::nullopt});
  out.verdicts.push_back({"cor3.softmax_jacobian.corrected", "spectral", "", "", double_word(cor3_cv), false,
                          fmt::format("{} (row, T) pairs of the model, {} violated (double, not certified)", cor3_evals, cor3_cv),
                          Number::point(cor3_cw), {}, 0, {}, std::nullopt});
  {
    ClaimRow c{"headline.gradient_1_over_T", "", "", {}, "", "not measured", ""};
    std::vector<double> xs, ys;
    for (std::size_t ti = 0; ti < nT; ++ti)
      if (st.temps[ti] <= 0.1 * (1 + 1e-12) && G[ti][0] > 0) xs.push_back(st.temps[ti]), ys.push_back(G[ti][0]);
    if (xs.size() >= 2) {
      const double slope = log_log_slope(xs, ys);
      c.measured = Number::point(slope);
      c.measured_text = fmt::format("model rows: slope of log G(T, eps={}) vs log T over T <= 0.1", o.epsilons[0]);
      c.agreement = std::abs(slope + 1) <= 0.2 ? "agrees" : "disagrees";
      c.note = "agreement: slope within 0.2 of -1 (model run)";
    }
    out.slope = c;
  }
  return out;
}

}  // namespace attnbound::reports
