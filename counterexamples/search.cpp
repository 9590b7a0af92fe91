#include "counterexamples/search.hpp"

#include "counterexamples/parameterization.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

namespace attnbound::search {

const std::vector<std::string>& strategy_names() {
  static const std::vector<std::string> names{"random", "hill", "nelder-mead", "gradient", "all"};
  return names;
}

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
// A double ratio above this is certified at once (a possible violation); below it, the local optimisers
// offer only the best point of each run, which keeps interval evaluations rare.
constexpr double kViolationTrigger = 1.0 + 1e-9;

struct BudgetExhausted {};

class Searcher {
 public:
  Searcher(const SearchConfig& config, const Statement& st, const InstanceSpace& space, const ProgressFn& progress)
      : cfg_(config), st_(st), space_(space), progress_(progress), draw_(config.seed),
        start_(std::chrono::steady_clock::now()) {
    if (space.climb_monte_carlo_samples > 0) climb_options_.monte_carlo_samples = space.climb_monte_carlo_samples;
  }

  SearchResult run() {
    result_.analytic_gradient = static_cast<bool>(space_.log_ratio_gradient);
    try {
      if (cfg_.strategy == "all") {
        for (;;) {
          for (int i = 0; i < 10; ++i) random_run();
          hill_run();
          nelder_mead_run();
          gradient_run();
        }
      } else {
        for (;;) {
          if (cfg_.strategy == "random") random_run();
          else if (cfg_.strategy == "hill") hill_run();
          else if (cfg_.strategy == "nelder-mead") nelder_mead_run();
          else gradient_run();
        }
      }
    } catch (const BudgetExhausted&) {
    }
    result_.seconds = elapsed();
    report_progress(true);
    return result_;
  }

 private:
  const SearchConfig& cfg_;
  const Statement& st_;
  const InstanceSpace& space_;
  const ProgressFn& progress_;
  RandomDraw draw_;
  EvalOptions climb_options_;
  std::chrono::steady_clock::time_point start_;
  SearchResult result_;
  std::string current_ = "random";
  double last_progress_ = -1;

  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  void check_budget() {
    if (result_.violation && cfg_.stop_on_violation) {
      result_.stopped_by = "violation";
      throw BudgetExhausted{};
    }
    if (result_.evaluations >= cfg_.max_evaluations) {
      result_.stopped_by = "evaluations";
      throw BudgetExhausted{};
    }
    if (elapsed() >= cfg_.budget_seconds) {
      result_.stopped_by = "seconds";
      throw BudgetExhausted{};
    }
  }

  void report_progress(bool force) {
    if (!progress_) return;
    const double t = elapsed();
    if (!force && t - last_progress_ < 0.2) return;
    last_progress_ = t;
    progress_({result_.evaluations, cfg_.max_evaluations, t, cfg_.budget_seconds,
               result_.best ? headline_mid(result_.best->certificate) : kNegInf, result_.best ? result_.best->strategy : ""});
  }

  // One registry evaluation in double; -inf for a rejected instance.
  double evaluate(const nlohmann::json& inst) {
    check_budget();
    ++result_.evaluations;
    if (result_.evaluations % 64 == 0) report_progress(false);
    const PointRatio r = point_ratio(st_, inst, cfg_.variant, cfg_.side, climb_options_);
    const double ratio = r.valid ? r.ratio : kNegInf;
    if (ratio > kViolationTrigger) offer(inst, ratio);
    // An infinite double ratio is certified above but not climbed: outside the range of double (T near
    // overflow, underflowed bounds) the double evaluation is meaningless and would trap the optimisers.
    return std::isfinite(ratio) ? ratio : kNegInf;
  }

  // Certifies a candidate whose double ratio beats the certified best so far; it counts only if the
  // certificate is valid, and candidates are ranked by their certified ratio (the midpoint of its
  // enclosure), never by the double value alone.
  void offer(const nlohmann::json& inst, double ratio) {
    if (!(ratio > kNegInf) || std::isnan(ratio)) return;
    const double best_mid = result_.best ? headline_mid(result_.best->certificate) : kNegInf;
    if (!(ratio > best_mid)) return;
    ++result_.certifications;
    Certificate c = certify_candidate(st_, inst, cfg_.variant, cfg_.precision_bits);
    if (!c.valid) return;
    Found f{inst, ratio, current_, result_.evaluations, std::move(c)};
    const bool violated = f.certificate.violated();
    if (violated && !result_.violation) result_.violation = f;
    if (f.certificate.statistically_violated() && !result_.statistical_violation) result_.statistical_violation = f;
    if (!result_.best || headline_mid(f.certificate) > best_mid || (violated && !result_.best->certificate.violated()))
      result_.best = f;
  }

  double headline_mid(const Certificate& c) const {
    const CandidateSide* s = c.headline(cfg_.side);
    // A non-finite midpoint (0/0 at a degenerate instance) ranks last unless it is a certified violation.
    if (!s) return kNegInf;
    if (s->violated) return std::isnan(s->ratio_mid) ? std::numeric_limits<double>::max() : s->ratio_mid;
    return std::isfinite(s->ratio_mid) ? s->ratio_mid : kNegInf;
  }

  nlohmann::json sample() { return space_.sample(draw_, cfg_.variant, cfg_.limits); }

  void random_run() {
    current_ = "random";
    const nlohmann::json inst = sample();
    offer(inst, evaluate(inst));
  }

  // The best of `count` samples with a finite ratio (nullopt if none).
  std::optional<std::pair<nlohmann::json, double>> start_point(int count) {
    std::optional<std::pair<nlohmann::json, double>> best;
    for (int i = 0; i < count; ++i) {
      nlohmann::json inst = sample();
      const double r = evaluate(inst);
      if (r > kNegInf && (!best || r > best->second)) best = {std::move(inst), r};
    }
    return best;
  }

  double evaluate_x(const nlohmann::json& tmpl, const std::vector<double>& x, nlohmann::json* out = nullptr) {
    const auto inst = decode(space_, tmpl, x);
    if (!inst) {
      check_budget();
      ++result_.evaluations;
      return kNegInf;
    }
    if (out) *out = *inst;
    return evaluate(*inst);
  }

  // (1+1)-ES with the 1/5 success rule; steps relative to each coordinate's magnitude.
  void hill_run() {
    auto start = start_point(10);
    current_ = "hill";
    if (!start) return;
    const nlohmann::json tmpl = start->first;
    std::vector<double> x = encode(space_, tmpl);
    double fx = start->second, sigma = 0.1;
    int failures = 0;
    while (failures < 200 && sigma > 1e-16 && !x.empty()) {
      std::vector<double> y = x;
      const bool one = draw_.coin(1, 2);
      const auto k = static_cast<std::size_t>(draw_.integer(0, static_cast<std::int64_t>(x.size()) - 1));
      for (std::size_t i = 0; i < y.size(); ++i)
        if (!one || i == k) y[i] += sigma * std::max(std::abs(y[i]), 1e-3) * draw_.normal();
      const double fy = evaluate_x(tmpl, y);
      if (fy > fx) {
        x = std::move(y), fx = fy, sigma *= 1.5, failures = 0;
      } else {
        sigma *= 0.9, ++failures;
      }
    }
    if (auto inst = decode(space_, tmpl, x)) offer(*inst, fx);
  }

  void nelder_mead_run() {
    auto start = start_point(10);
    current_ = "nelder-mead";
    if (!start) return;
    const nlohmann::json tmpl = start->first;
    const std::vector<double> x0 = encode(space_, tmpl);
    const std::size_t n = x0.size();
    if (n == 0) return;
    // Minimise f = -ratio.
    std::vector<std::vector<double>> pts{x0};
    std::vector<double> f{-start->second};
    for (std::size_t i = 0; i < n; ++i) {
      auto p = x0;
      p[i] += 0.05 * std::max(std::abs(p[i]), 1e-2) * (draw_.coin(1, 2) ? 1 : -1);
      pts.push_back(p);
      f.push_back(-evaluate_x(tmpl, p));
    }
    auto val = [](double v) { return std::isnan(v) ? std::numeric_limits<double>::infinity() : v; };
    for (std::size_t iter = 0; iter < 200 * n; ++iter) {
      std::vector<std::size_t> order(n + 1);
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(), [&](auto a, auto b) { return val(f[a]) < val(f[b]); });
      const std::size_t best = order[0], worst = order[n], second = order[n - 1];
      if (std::abs(val(f[worst]) - val(f[best])) <= 1e-15 * (std::abs(val(f[best])) + 1e-300)) break;
      std::vector<double> c(n, 0.0);
      for (std::size_t i : order)
        if (i != worst)
          for (std::size_t k = 0; k < n; ++k) c[k] += pts[i][k] / static_cast<double>(n);
      auto along = [&](double t) {
        std::vector<double> p(n);
        for (std::size_t k = 0; k < n; ++k) p[k] = c[k] + t * (pts[worst][k] - c[k]);
        return p;
      };
      auto xr = along(-1.0);
      const double fr = -evaluate_x(tmpl, xr);
      if (val(fr) < val(f[best])) {
        auto xe = along(-2.0);
        const double fe = -evaluate_x(tmpl, xe);
        if (val(fe) < val(fr)) pts[worst] = xe, f[worst] = fe;
        else pts[worst] = xr, f[worst] = fr;
      } else if (val(fr) < val(f[second])) {
        pts[worst] = xr, f[worst] = fr;
      } else {
        auto xc = along(val(fr) < val(f[worst]) ? -0.5 : 0.5);
        const double fc = -evaluate_x(tmpl, xc);
        if (val(fc) < std::min(val(fr), val(f[worst]))) {
          pts[worst] = xc, f[worst] = fc;
        } else {
          for (std::size_t i : order) {
            if (i == best) continue;
            for (std::size_t k = 0; k < n; ++k) pts[i][k] = pts[best][k] + 0.5 * (pts[i][k] - pts[best][k]);
            f[i] = -evaluate_x(tmpl, pts[i]);
          }
        }
      }
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i <= n; ++i)
      if (val(f[i]) < val(f[best])) best = i;
    if (auto inst = decode(space_, tmpl, pts[best])) offer(*inst, -f[best]);
  }

  // Gradient of log ratio at x: analytic when the space has one, else central differences (2n evaluations).
  bool gradient(const nlohmann::json& tmpl, const std::vector<double>& x, std::vector<double>& g) {
    const auto inst = decode(space_, tmpl, x);
    if (!inst) return false;
    if (space_.log_ratio_gradient) {
      check_budget();
      ++result_.evaluations;
      const double v = space_.log_ratio_gradient(*inst, cfg_.variant, g);
      return std::isfinite(v) && g.size() == x.size();
    }
    g.assign(x.size(), 0.0);
    for (std::size_t k = 0; k < x.size(); ++k) {
      const double h = 1e-6 * std::max(std::abs(x[k]), 1.0);
      auto xp = x, xm = x;
      xp[k] += h, xm[k] -= h;
      const double fp = evaluate_x(tmpl, xp), fm = evaluate_x(tmpl, xm);
      if (!(fp > 0) || !(fm > 0)) return false;
      g[k] = (std::log(fp) - std::log(fm)) / (2 * h);
    }
    return true;
  }

  void gradient_run() {
    auto start = start_point(10);
    current_ = "gradient";
    if (!start) return;
    const nlohmann::json tmpl = start->first;
    std::vector<double> x = encode(space_, tmpl), g;
    double fx = start->second;
    double scale = 0.1;  // step length relative to the coordinates' magnitude
    for (int iter = 0; iter < 300 && scale > 1e-16; ++iter) {
      if (!gradient(tmpl, x, g)) break;
      double gnorm = 0, xnorm = 0;
      for (std::size_t k = 0; k < x.size(); ++k) gnorm += g[k] * g[k], xnorm += x[k] * x[k];
      gnorm = std::sqrt(gnorm);
      if (!(gnorm > 0) || !std::isfinite(gnorm)) break;
      const double unit = std::max(std::sqrt(xnorm), 1.0);
      bool moved = false;
      while (scale > 1e-16) {  // backtracking: halve the step until the ratio improves
        auto y = x;
        for (std::size_t k = 0; k < x.size(); ++k) y[k] += scale * unit * g[k] / gnorm;
        const double fy = evaluate_x(tmpl, y);
        if (fy > fx) {
          x = std::move(y), fx = fy, scale *= 2, moved = true;
          break;
        }
        scale *= 0.25;
      }
      if (!moved) break;
    }
    if (auto inst = decode(space_, tmpl, x)) offer(*inst, fx);
  }
};

}  // namespace

SearchResult run_search(const SearchConfig& config, const ProgressFn& progress) {
  const Statement& st = find_statement(config.statement);
  st.resolve_variant(config.variant);
  if (std::find(strategy_names().begin(), strategy_names().end(), config.strategy) == strategy_names().end())
    throw InputError("strategy", fmt::format("unknown strategy \"{}\" (known: {})", config.strategy,
                                             fmt::join(strategy_names(), ", ")));
  const InstanceSpace* space = find_instance_space(config.statement);
  if (!space) throw InputError("statement", "no instance space for " + config.statement + " yet");
  Searcher s(config, st, *space, progress);
  return s.run();
}

}  // namespace attnbound::search
