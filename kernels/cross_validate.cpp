// Cross-validation of the kernels against MPFR; see cross_validate.hpp.
#include "kernels/cross_validate.hpp"

#include "kernels/count_separable_f32_f64acc.hpp"
#include "kernels/exhaustive_exp_check.hpp"
#include "kernels/exp_f32_le0.hpp"
#include "kernels/fd_sensitivity_f32_f64.hpp"
#include "kernels/log_softmax_f32_f64acc.hpp"
#include "kernels/mpfr_reference.hpp"
#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "kernels/softmax_f32_online_f64acc.hpp"
#include "kernels/softmax_jvp_f32_f64acc.hpp"
#include "kernels/entmax15_f32_sort_f64acc.hpp"
#include "kernels/sparsemax_f32_sort_f64acc.hpp"
#include "kernels/top_n_distance_f32_f64acc.hpp"
#include "theory/scalar.hpp"
#include "theory/entmax15.hpp"
#include "theory/sparsemax.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace attnbound::kernels {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::mt19937_64 rng_for(std::uint64_t seed, std::uint64_t index) {
  std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                    static_cast<std::uint32_t>(index), 0x6b65726eu};
  return std::mt19937_64(seq);
}
float log_uniform(std::mt19937_64& g, double lo, double hi) {
  std::uniform_real_distribution<double> u(std::log(lo), std::log(hi));
  return static_cast<float>(std::exp(u(g)));
}

// Accumulates one kernel's comparisons.
struct Collector {
  KernelReport rep;
  ErrorAccumulator ulp, rel;
  std::string current;
  // y against ref, with the absolute error allowed for this element (+inf: not bound-checked).
  void add(float y, double ref, double allowed_abs, std::size_t index) {
    const double e = float_ulp_error(y, ref);
    ulp.add(e);
    const double r = float_rel_error(y, ref);
    if (!std::isnan(r)) rel.add(r);
    ++rep.elements;
    const bool both_nan = std::isnan(y) && std::isnan(ref);
    const bool ok = both_nan || (e == 0.0) || std::fabs(static_cast<double>(y) - ref) <= allowed_abs;
    if (!ok && rep.violations++ == 0)
      rep.extra_text = fmt::format("{} [{}]: got {:.9g}, reference {:.17g}", current, index, y, ref);
    if (e > rep.worst_ulp || rep.worst_input.empty()) {
      rep.worst_ulp = e;
      rep.worst_input = fmt::format("{} [{}]: got {:.9g}, reference {:.17g} ({:.3f} ulp)", current, index, y, ref, e);
    }
  }
  KernelReport finish() {
    rep.ulp = ulp.summary();
    rep.rel = rel.summary();
    rep.within_bound = rep.violations == 0;
    return rep;
  }
};

double ulp_bound_abs(double ulps, double ref) { return ulps * float_ulp_at(ref) * (1 + 0x1p-20); }

}  // namespace

std::vector<SoftmaxCase> softmax_cases(std::uint64_t seed) {
  std::vector<SoftmaxCase> cases;
  std::uint64_t idx = 0;
  auto add = [&](std::string name, std::vector<float> l, float T) {
    cases.push_back({fmt::format("{}#{} (seed {}, L {}, T {:.9g})", name, cases.size(), seed, l.size(), T),
                     std::move(l), T});
  };
  // Gaussian logits, several scales, T log-uniform in [1e-4, 1e4].
  for (std::size_t L : {1u, 2u, 3u, 17u, 64u, 1000u, 4099u})
    for (double sigma : {0.1, 1.0, 10.0, 1000.0}) {
      auto g = rng_for(seed, idx++);
      std::normal_distribution<double> nd(0.0, sigma);
      std::vector<float> l(L);
      for (auto& x : l) x = static_cast<float>(nd(g));
      const float T = log_uniform(g, 1e-4, 1e4);
      add("gaussian", l, T);
      // The same logits at a temperature of their scale, where the weights are spread.
      add("gaussian_matched_T", l, static_cast<float>(sigma));
    }
  // Ties: values from a set of three; all equal; a two-way tie at the top.
  for (std::size_t L : {2u, 64u, 1000u}) {
    auto g = rng_for(seed, idx++);
    const float vals[3] = {0.5f, -1.25f, 3.0f};
    std::vector<float> l(L);
    for (auto& x : l) x = vals[g() % 3];
    add("ties_three_values", l, log_uniform(g, 1e-2, 1e2));
    add("all_equal", std::vector<float>(L, static_cast<float>(std::normal_distribution<double>(0, 100)(g))), 1.0f);
    std::vector<float> top(L, -2.0f);
    top[0] = top[L - 1] = 7.0f;
    add("two_way_top_tie", top, 0.5f);
  }
  // Logits spanning 88T and more (outputs down to the subnormal range, then 0), T over the whole range.
  for (double T : {1e-4, 3e-2, 1.0, 7.0, 1e4})
    for (double span : {88.0, 104.0, 150.0}) {
      auto g = rng_for(seed, idx++);
      std::uniform_real_distribution<double> u(0.0, 1.0);
      const double m = std::normal_distribution<double>(0, 10)(g) * T;
      std::vector<float> l(2000);
      for (auto& x : l) x = static_cast<float>(m - u(g) * span * T);
      l[7] = static_cast<float>(m);
      add(fmt::format("span_{}T", span), l, static_cast<float>(T));
    }
  // Subnormal outputs: exponents in [-104, -87].
  {
    auto g = rng_for(seed, idx++);
    std::uniform_real_distribution<double> u(87.0, 104.0);
    std::vector<float> l(1000);
    for (auto& x : l) x = static_cast<float>(-u(g));
    l[0] = 0.0f;
    add("subnormal_outputs", l, 1.0f);
  }
  // Large offsets: fl(l - m) inexact, and overflowing differences.
  for (double base : {1e6, -3e7, 1e30}) {
    auto g = rng_for(seed, idx++);
    std::normal_distribution<double> nd(0.0, 1.0);
    std::vector<float> l(500);
    for (auto& x : l) x = static_cast<float>(base * (1 + 1e-6 * nd(g)));
    add("large_offset", l, static_cast<float>(std::fabs(base) * 1e-6));
  }
  {
    std::vector<float> l = {3e38f, -3e38f, 1e38f, 2.9e38f, -1e30f, 3e38f};
    add("overflowing_differences", l, 1e29f);
    add("overflowing_differences_small_T", l, 1e-4f);
  }
  // Masked rows: -inf at random positions (a causal mask), as in GPT-2's _masked scores.
  for (std::size_t L : {5u, 100u, 3000u}) {
    auto g = rng_for(seed, idx++);
    std::normal_distribution<double> nd(0.0, 3.0);
    std::vector<float> l(L);
    for (auto& x : l) x = g() % 3 == 0 ? -kInf : static_cast<float>(nd(g));
    l[L / 2] = 1.0f;
    add("masked", l, log_uniform(g, 0.1, 10));
  }
  // Non-finite rows (documented semantics).
  {
    std::vector<float> l(100, 0.25f);
    l[17] = kNaN;
    add("nan", l, 1.0f);
    std::vector<float> a(100, 0.25f);
    a[3] = kInf;
    add("one_pos_inf", a, 1.0f);
    a[90] = kInf;
    a[50] = kNaN;
    add("pos_inf_and_nan", a, 1.0f);
    std::vector<float> b(100, 0.25f);
    b[3] = b[60] = b[99] = kInf;
    b[4] = -kInf;
    add("three_pos_inf", b, 2.0f);
    add("all_neg_inf", std::vector<float>(37, -kInf), 1.0f);
    std::vector<float> c(4500, -kInf);
    c[4100] = kNaN;
    add("nan_among_neg_inf", c, 1.0f);
  }
  return cases;
}

namespace {

template <class Kernel> KernelReport validate_softmax_kernel(const std::string& name, Kernel kernel, const CrossValidationOptions& o) {
  PrecisionScope scope(o.precision_bits);
  Collector c;
  c.rep.kernel = name;
  c.rep.bound = fmt::format("every output within {} ulp (subnormal: of 2^-149); normaliser relative error <= {}",
                            kSoftmaxUlpBound, kNormaliserRelBound);
  double worst_norm = 0;
  for (const auto& sc : softmax_cases(o.seed)) {
    c.current = sc.name;
    std::vector<float> y(sc.logits.size());
    const double S = kernel(sc.logits.data(), sc.logits.size(), sc.temperature, y.data());
    double S_ref = 0;
    const auto ref = softmax_reference(sc.logits, sc.temperature, &S_ref);
    for (std::size_t i = 0; i < y.size(); ++i) c.add(y[i], ref[i], ulp_bound_abs(kSoftmaxUlpBound, ref[i]), i);
    if (std::isnan(S_ref) != std::isnan(S)) ++c.rep.violations;
    if (!std::isnan(S_ref)) {
      const double e = std::fabs(S - S_ref) / S_ref;
      worst_norm = std::max(worst_norm, e);
      if (!(e <= kNormaliserRelBound)) ++c.rep.violations;
    }
    ++c.rep.inputs;
  }
  c.rep.extra["normaliser_max_rel"] = worst_norm;
  return c.finish();
}

}  // namespace

KernelReport validate_softmax_3pass(const CrossValidationOptions& o) {
  return validate_softmax_kernel("softmax_f32_3pass_f64acc",
                                 [](const float* l, std::size_t n, float T, float* y) { return softmax_f32_3pass_f64acc(l, n, T, y); }, o);
}
KernelReport validate_softmax_online(const CrossValidationOptions& o) {
  return validate_softmax_kernel("softmax_f32_online_f64acc",
                                 [](const float* l, std::size_t n, float T, float* y) { return softmax_f32_online_f64acc(l, n, T, y); }, o);
}

KernelReport validate_normaliser_16m(const CrossValidationOptions& o) {
  PrecisionScope scope(o.precision_bits);
  Collector c;
  c.rep.kernel = "softmax_f32_{3pass,online}_f64acc at L = 16M";
  c.rep.bound = fmt::format("normaliser relative error <= {} (spec target), outputs within {} ulp",
                            kNormaliserRelBound, kSoftmaxUlpBound);
  const std::size_t L = std::size_t{1} << 24;
  double worst_norm = 0;
  for (int variant = 0; variant < 3; ++variant) {
    auto g = rng_for(o.seed, 1000 + static_cast<std::uint64_t>(variant));
    const float T = variant == 2 ? 1e-4f : log_uniform(g, 1e-4, 1e4);
    std::vector<float> l(L);
    std::string name;
    if (variant == 0 || variant == 2) {
      // A pool of 4096 distinct values in [-30T, 0], the max included.
      std::vector<float> pool(4096);
      std::uniform_real_distribution<double> u(0.0, 30.0);
      for (auto& v : pool) v = static_cast<float>(-u(g) * T);
      pool[0] = 0.0f;
      for (auto& x : l) x = pool[g() % pool.size()];
      l[12345] = 0.0f;
      name = fmt::format("pool4096_span30T#{} (seed {}, L 2^24, T {:.9g})", variant, o.seed, T);
    } else {
      // The normaliser's hard case: one logit at the max, 2^24 - 1 equal small terms carrying 99% of S.
      std::fill(l.begin(), l.end(), static_cast<float>(-12.0 * T));
      l[L / 3] = 0.0f;
      name = fmt::format("one_max_rest_at_-12T#{} (seed {}, L 2^24, T {:.9g})", variant, o.seed, T);
    }
    double S_ref = 0;
    const auto ref = softmax_reference(l, T, &S_ref);
    std::vector<float> y(L);
    for (int k = 0; k < 2; ++k) {
      c.current = (k == 0 ? "3pass " : "online ") + name;
      const double S = k == 0 ? softmax_f32_3pass_f64acc(l.data(), L, T, y.data())
                              : softmax_f32_online_f64acc(l.data(), L, T, y.data());
      const double e = std::fabs(S - S_ref) / S_ref;
      worst_norm = std::max(worst_norm, e);
      if (!(e <= kNormaliserRelBound)) ++c.rep.violations;
      for (std::size_t i = 0; i < L; ++i) c.add(y[i], ref[i], ulp_bound_abs(kSoftmaxUlpBound, ref[i]), i);
      ++c.rep.inputs;
    }
  }
  c.rep.extra["normaliser_max_rel"] = worst_norm;
  return c.finish();
}

KernelReport validate_log_softmax(const CrossValidationOptions& o) {
  // log S = log1p(S') with S' down to 2^-150 (below, outputs round to 0) needs > 150 + 24 + log2 L bits.
  PrecisionScope scope(std::max(o.precision_bits, 256u));
  Collector c;
  c.rep.kernel = "log_softmax_f32_f64acc";
  c.rep.bound = fmt::format("every output within {} ulp", kLogSoftmaxUlpBound);
  for (const auto& sc : softmax_cases(o.seed)) {
    c.current = sc.name;
    const auto y = log_softmax_f32_f64acc(sc.logits, sc.temperature);
    const auto ref = log_softmax_reference(sc.logits, sc.temperature);
    for (std::size_t i = 0; i < y.size(); ++i) c.add(y[i], ref[i], ulp_bound_abs(kLogSoftmaxUlpBound, ref[i]), i);
    ++c.rep.inputs;
  }
  return c.finish();
}

KernelReport validate_softmax_jvp(const CrossValidationOptions& o) {
  PrecisionScope scope(o.precision_bits);
  Collector c;
  c.rep.kernel = "softmax_jvp_f32_f64acc";
  c.rep.bound = "|out_i - (Jv)_i| <= 0.5 ulp + 2^-52 (p_i/T)((L+4) sum|p_j v_j| + 4|v_i|)";
  std::uint64_t idx = 0;
  for (std::size_t L : {1u, 2u, 16u, 300u, 4096u})
    for (int kind = 0; kind < 4; ++kind) {
      auto g = rng_for(o.seed, 5000 + idx++);
      std::normal_distribution<double> nd(0.0, 2.0);
      std::vector<float> l(L), v(L);
      for (auto& x : l) x = static_cast<float>(nd(g));
      const float T = log_uniform(g, 1e-4, 1e4);
      const auto p = softmax_f32_3pass_f64acc(l, kind == 3 ? 1.0f : T);
      const char* kname[] = {"gaussian_v", "constant_v", "one_hot_v", "gaussian_v_spread_p"};
      for (std::size_t i = 0; i < L; ++i)
        v[i] = kind == 1 ? 0.7f : kind == 2 ? (i == L / 2 ? 1.0f : 0.0f) : static_cast<float>(nd(g));
      c.current = fmt::format("{}#{} (seed {}, L {}, T {:.9g})", kname[kind], idx - 1, o.seed, L, T);
      const auto y = softmax_jvp_f32_f64acc(p, v, T);
      const auto ref = softmax_jvp_reference(p, v, T);
      for (std::size_t i = 0; i < L; ++i)
        c.add(y[i], ref[i], ulp_bound_abs(0.5, ref[i]) + jvp_error_bound_excess(p.data(), v.data(), L, T, i) * (1 + 1e-6), i);
      ++c.rep.inputs;
    }
  {  // NaN / inf inputs: every output NaN.
    std::vector<float> p(8, 0.125f), v(8, 1.0f);
    v[3] = kNaN;
    c.current = "nan_in_v";
    const auto y = softmax_jvp_f32_f64acc(p, v, 1.0f);
    for (std::size_t i = 0; i < 8; ++i) c.add(y[i], std::numeric_limits<double>::quiet_NaN(), 0, i);
    p[2] = kInf;
    v[3] = 1.0f;
    c.current = "inf_in_p";
    const auto z = softmax_jvp_f32_f64acc(p, v, 1.0f);
    for (std::size_t i = 0; i < 8; ++i) c.add(z[i], std::numeric_limits<double>::quiet_NaN(), 0, i);
    c.rep.inputs += 2;
  }
  return c.finish();
}

namespace {
struct GeometryCase {
  std::string name;
  std::vector<float> alpha, x;
  std::size_t dim, top_n;
};
std::vector<GeometryCase> geometry_cases(std::uint64_t seed) {
  std::vector<GeometryCase> cases;
  std::uint64_t idx = 0;
  for (std::size_t L : {1u, 5u, 50u, 500u})
    for (std::size_t dim : {2u, 16u, 64u})
      for (int kind = 0; kind < 3; ++kind) {
        auto g = rng_for(seed, 7000 + idx++);
        std::normal_distribution<double> nd(0.0, 1.0);
        std::vector<float> l(L), x(L * dim);
        for (auto& v : l) v = static_cast<float>(nd(g) * 3);
        std::vector<float> alpha = kind == 1 ? std::vector<float>(L, 1.0f / static_cast<float>(L))  // all tied
                                             : softmax_f32_3pass_f64acc(l, 1.0f);
        if (kind == 2)
          for (std::size_t i = 0; i < L; i += 2) alpha[i] = alpha[L - 1 - i];  // pairwise ties
        for (std::size_t i = 0; i < L; ++i) {  // x on the sphere of radius M = 2 (Assumption 1)
          double n2 = 0;
          for (std::size_t k = 0; k < dim; ++k) n2 += std::pow(x[i * dim + k] = static_cast<float>(nd(g)), 2);
          for (std::size_t k = 0; k < dim; ++k) x[i * dim + k] = static_cast<float>(2 * x[i * dim + k] / std::sqrt(n2));
        }
        for (std::size_t N : {std::size_t{1}, std::min<std::size_t>(5, L), (L + 1) / 2, L})
          cases.push_back({fmt::format("{}#{} (seed {}, L {}, d {}, N {})", kind == 0 ? "softmax_weights" : kind == 1 ? "all_tied" : "pairwise_ties",
                                       idx - 1, seed, L, dim, N),
                           alpha, x, dim, N});
      }
  return cases;
}
}  // namespace

KernelReport validate_top_n_distance(const CrossValidationOptions& o) {
  PrecisionScope scope(o.precision_bits);
  Collector c;
  c.rep.kernel = "top_n_distance_f32_f64acc";
  c.rep.bound = "I_N exact (ties by lower index); s_k within 0.5 ulp + N 2^-53 sum|alpha x|; d~ within 0.5 ulp + "
                "distance_error_bound_excess";
  std::size_t set_mismatch = 0;
  for (const auto& gc : geometry_cases(o.seed)) {
    c.current = gc.name;
    const std::size_t L = gc.alpha.size();
    const auto y = top_n_distance_f32_f64acc(gc.alpha.data(), gc.x.data(), L, gc.dim, gc.top_n);
    const auto ref = top_n_distance_reference(gc.alpha, gc.x, gc.dim, gc.top_n);
    if (y.indices != ref.indices) {
      ++set_mismatch;
      ++c.rep.violations;
    }
    for (std::size_t k = 0; k < gc.dim; ++k) {
      double col = 0;
      for (auto i : ref.indices) col += std::fabs(static_cast<double>(gc.alpha[i]) * gc.x[i * gc.dim + k]);
      c.add(y.context[k], ref.context[k],
            ulp_bound_abs(0.5, ref.context[k]) + static_cast<double>(gc.top_n) * 0x1p-53 * col, k);
    }
    c.add(y.distance, ref.distance,
          ulp_bound_abs(0.5, ref.distance) + distance_error_bound_excess(gc.alpha.data(), gc.x.data(), L, gc.dim, ref.indices),
          gc.dim);
    ++c.rep.inputs;
  }
  c.rep.extra["set_mismatches"] = static_cast<double>(set_mismatch);
  return c.finish();
}

KernelReport validate_count_separable(const CrossValidationOptions& o) {
  PrecisionScope scope(o.precision_bits);
  Collector c;
  c.rep.kernel = "count_separable_f32_f64acc";
  c.rep.bound = "N_s exact unless a squared distance lies within separability_margin of r^2 (near-tie)";
  std::size_t mismatches = 0, near_ties = 0;
  for (const auto& gc : geometry_cases(o.seed)) {
    const std::size_t L = gc.alpha.size();
    const auto d2 = separability_squared_distances(gc.alpha, gc.x, gc.dim, gc.top_n);
    std::vector<double> sorted = d2;
    std::sort(sorted.begin(), sorted.end());
    // Radii: around every quantile of the distances, plus one exactly at a distance (rounded to float).
    for (double q : {0.0, 0.25, 0.5, 0.9, 1.0}) {
      const double at = std::sqrt(sorted[static_cast<std::size_t>(q * static_cast<double>(L - 1))]);
      for (double f : {1.0, 1.001, 0.999}) {
        const float r = static_cast<float>(at * f);
        c.current = fmt::format("{} r {:.9g}", gc.name, r);
        const std::size_t got = count_separable_f32_f64acc(gc.alpha.data(), gc.x.data(), L, gc.dim, gc.top_n, r);
        const std::size_t want = count_separable_reference(gc.alpha, gc.x, gc.dim, gc.top_n, r);
        bool near = false;
        for (std::size_t i = 0; i < L; ++i)
          near = near || std::fabs(d2[i] - static_cast<double>(r) * r) <=
                             separability_margin(gc.alpha.data(), gc.x.data(), L, gc.dim, gc.top_n, i);
        near_ties += near ? 1 : 0;
        // Counts are compared as floats: exact small integers, so any difference is >= 1 ulp.
        c.add(static_cast<float>(got), static_cast<double>(want), near ? INFINITY : 0.0, 0);
        if (got != want) ++mismatches;
        ++c.rep.inputs;
      }
    }
  }
  c.rep.extra["mismatches"] = static_cast<double>(mismatches);
  c.rep.extra["near_ties"] = static_cast<double>(near_ties);
  return c.finish();
}

KernelReport validate_fd_sensitivity(const CrossValidationOptions& o) {
  PrecisionScope scope(std::max(o.precision_bits, 256u));
  Collector c;
  c.rep.kernel = "fd_sensitivity_f32_f64";
  c.rep.bound = "|g - g*| <= 0.5 ulp + 2^-52 sqrt(sum_i ((a_i + a'_i)(|t_i| + |delta_i| + L + 8) + 2 a_i (L+8) max|delta|)^2) / eps";
  std::uint64_t idx = 0;
  for (std::size_t L : {2u, 16u, 256u})
    for (float eps : {1e-3f, 1e-1f, 10.0f})
      for (int kind = 0; kind < 3; ++kind) {
        auto g = rng_for(o.seed, 11000 + idx++);
        std::normal_distribution<double> nd(0.0, 1.0);
        std::vector<float> l(L), v(L);
        for (auto& x : l) x = static_cast<float>(nd(g) * 2);
        if (kind == 1) {  // the section 2.3 near-tie: top two logits within eps
          l[0] = 5.0f;
          l[1] = 5.0f - eps;
        }
        double n2 = 0;
        for (auto& x : v) n2 += std::pow(x = static_cast<float>(nd(g)), 2);
        for (auto& x : v) x = static_cast<float>(x / std::sqrt(n2));
        if (kind == 2) l[L - 1] = -kInf;  // a masked position
        const float T = log_uniform(g, 1e-4, 1e4);
        c.current = fmt::format("{}#{} (seed {}, L {}, T {:.9g}, eps {:.9g})", kind == 0 ? "gaussian" : kind == 1 ? "near_tie" : "masked",
                                idx - 1, o.seed, L, T, eps);
        const float y = fd_sensitivity_f32_f64(l.data(), v.data(), L, T, eps);
        const double ref = fd_sensitivity_reference(l, v, T, eps);
        // A priori bound evaluated in double (a_i, a'_i, delta_i as the kernel forms them).
        double m = -INFINITY;
        for (float x : l) m = std::max(m, static_cast<double>(x));
        std::vector<double> a(L), b(L), t(L), dl(L);
        double S = 0, S2 = 0, zmax = -INFINITY, dmax = 0;
        for (std::size_t i = 0; i < L; ++i) {
          t[i] = (l[i] - m) / T;
          dl[i] = static_cast<double>(eps) * v[i] / T;
          dmax = std::max(dmax, std::fabs(dl[i]));
          zmax = std::max(zmax, t[i] + dl[i]);
        }
        for (std::size_t i = 0; i < L; ++i) {
          S += (a[i] = std::exp(t[i]));
          S2 += (b[i] = std::exp(t[i] + dl[i] - zmax));
        }
        double acc = 0;
        for (std::size_t i = 0; i < L; ++i) {
          a[i] /= S;
          b[i] /= S2;
          const double ti = std::isfinite(t[i]) ? std::fabs(t[i]) : 0.0;
          const double e = (a[i] + b[i]) * (ti + std::fabs(dl[i]) + static_cast<double>(L) + 8) +
                           2 * a[i] * (static_cast<double>(L) + 8) * dmax;
          acc += e * e;
        }
        c.add(y, ref, ulp_bound_abs(0.5, ref) + 0x1p-52 * std::sqrt(acc) / eps, 0);
        ++c.rep.inputs;
      }
  return c.finish();
}

KernelReport validate_exp_exhaustive(const CrossValidationOptions& o) {
  const auto r = exhaustive_exp_check(o.threads, o.exp_stride);
  KernelReport k;
  k.kernel = "exp_f32_le0 (inside every softmax kernel)";
  k.bound = fmt::format("every float x <= 0 within {} ulp of exp(x); x < -104 -> +0; NaN -> NaN", kExpUlpBound);
  k.inputs = r.inputs;
  k.elements = r.inputs;
  k.ulp = r.ulp;
  k.rel = r.rel;
  k.worst_ulp = r.ulp.max;
  k.worst_input = fmt::format("x = {:a} ({:.9g}): got {:.9g}, exp(x) = {:.17g}", r.worst_x, r.worst_x, r.worst_y, r.worst_ref);
  k.violations = (r.ulp.max <= kExpUlpBound ? 0 : 1) + r.zero_range_failures + (r.nan_propagates ? 0 : 1);
  k.within_bound = k.violations == 0;
  k.extra["exhaustive_stride"] = r.stride;
  k.extra["inputs_compared_with_exp"] = static_cast<double>(r.nonzero_range);
  k.extra["seconds"] = r.seconds;
  k.extra["threads"] = o.threads;
  return k;
}

namespace {

// The simplex-projection kernels (sparsemax, entmax-1.5) against their MPFR references on one set of inputs:
// Gaussian logits of several scales and lengths, support-boundary ties (logits exactly at tau for either
// kernel), all-equal rows, large offsets, and a row where every logit is a candidate.
template <class Kernel, class Reference, class AbsBound>
KernelReport validate_simplex_kernel(const std::string& name, const std::string& bound, Kernel kernel, Reference reference,
                                     AbsBound abs_bound, const CrossValidationOptions& o) {
  PrecisionScope scope(o.precision_bits);
  Collector c;
  c.rep.kernel = name;
  c.rep.bound = bound;
  std::uint64_t idx = 0;
  double support_mismatches = 0;
  const auto run = [&](const std::string& case_name, const std::vector<float>& l) {
    c.current = fmt::format("{}#{} (seed {}, L {})", case_name, idx, o.seed, l.size());
    std::vector<float> y(l.size());
    std::size_t k = 0, K = 0;
    kernel(l.data(), l.size(), y.data(), &k, &K);
    Vec<Real> z;
    for (float v : l) z.push_back(Real(v));  // floats are exact in Real
    const SimplexProjection<Real> ref = reference(z);
    if (ref.support_size != k) ++support_mismatches;
    for (std::size_t i = 0; i < l.size(); ++i) {
      const double r = static_cast<double>(ref.p[i]);
      c.add(y[i], r, ulp_bound_abs(0.5, r) + abs_bound(K) * (1 + 1e-6), i);
    }
    ++c.rep.inputs;
  };
  for (std::size_t L : {1u, 2u, 3u, 17u, 64u, 1000u, 4099u})
    for (double sigma : {0.01, 0.3, 1.0, 10.0, 1000.0}) {
      auto g = rng_for(o.seed, 9000 + idx++);
      std::normal_distribution<double> nd(0.0, sigma);
      std::vector<float> l(L);
      for (auto& x : l) x = static_cast<float>(nd(g));
      run("gaussian_sigma_" + fmt::format("{}", sigma), l);
    }
  for (std::size_t L : {6u, 64u, 1000u}) {  // ties exactly at tau
    std::vector<float> l(L, 0.0f);  // sparsemax: (1, 0, 0, ...), tau = 0; entmax-1.5: (2, 0, 0, ...), tau = 0
    l.front() = 1.0f;
    ++idx;
    run("sparsemax_boundary_one_hot", l);
    l.front() = 2.0f;
    ++idx;
    run("entmax15_boundary_one_hot", l);
    std::vector<float> t(L, -3.0f);  // sparsemax: K = {0.75, 0.25}, tau = 0, and a 0 exactly at tau
    t.front() = 0.75f;
    t.back() = 0.25f;
    t.at(1) = 0.0f;
    ++idx;
    run("sparsemax_boundary_at_tau", t);
    std::vector<float> e(L, -5.0f);  // entmax-1.5: y = (0 x 4, -1/2): g = 1/2 x 4, tau = -1/2 = y_5 exactly
    for (std::size_t i = 0; i < 4; ++i) e.at(i) = 0.0f;
    e.at(4) = -1.0f;
    ++idx;
    run("entmax15_boundary_at_tau", e);
    ++idx;
    run("all_equal", std::vector<float>(L, -7.5f));
  }
  for (double base : {1e6, -3e7, 1e30}) {  // large offsets
    auto g = rng_for(o.seed, 9500 + idx++);
    std::normal_distribution<double> nd(0.0, 1.0);
    std::vector<float> l(500);
    for (auto& x : l) x = static_cast<float>(base + std::fabs(base) * 1e-7 * nd(g));
    run("large_offset", l);
  }
  {  // every index a candidate: z uniform in (-0.5, 0.5], K = L
    auto g = rng_for(o.seed, 9600 + idx++);
    std::uniform_real_distribution<double> u(-0.5, 0.5);
    std::vector<float> l(65536);
    for (auto& x : l) x = static_cast<float>(u(g));
    run("all_candidates", l);
  }
  c.rep.extra["support_mismatches"] = support_mismatches;
  return c.finish();
}

}  // namespace

KernelReport validate_sparsemax(const CrossValidationOptions& o) {
  return validate_simplex_kernel(
      "sparsemax_f32_sort_f64acc", "|out_i - p_i| <= 0.5 ulp(p_i) + (K + 9) 2^-53, K the candidates z_i >= max z - 1",
      [](const float* l, std::size_t n, float* y, std::size_t* k, std::size_t* K) { return sparsemax_f32_sort_f64acc(l, n, y, k, K); },
      [](const Vec<Real>& z) { return sparsemax_projection(z); }, sparsemax_abs_error_bound, o);
}

KernelReport validate_entmax15(const CrossValidationOptions& o) {
  return validate_simplex_kernel(
      "entmax15_f32_sort_f64acc", "|out_i - p_i| <= 0.5 ulp(p_i) + (3K + 26) 2^-53, K the candidates z_i >= max z - 2",
      [](const float* l, std::size_t n, float* y, std::size_t* k, std::size_t* K) { return entmax15_f32_sort_f64acc(l, n, y, k, K); },
      [](const Vec<Real>& z) { return entmax15_projection(z); }, entmax15_abs_error_bound, o);
}

bool CrossValidationReport::all_within_bounds() const {
  return std::all_of(kernels.begin(), kernels.end(), [](const KernelReport& k) { return k.within_bound; });
}

CrossValidationReport cross_validate_kernels(const CrossValidationOptions& o) {
  CrossValidationReport r;
  r.seed = o.seed;
  r.dispatch_target = kernels_dispatch_target();
  r.precision_bits = o.precision_bits;
  if (o.exhaustive_exp) r.kernels.push_back(validate_exp_exhaustive(o));
  r.kernels.push_back(validate_softmax_3pass(o));
  r.kernels.push_back(validate_softmax_online(o));
  if (o.large) r.kernels.push_back(validate_normaliser_16m(o));
  r.kernels.push_back(validate_log_softmax(o));
  r.kernels.push_back(validate_softmax_jvp(o));
  r.kernels.push_back(validate_top_n_distance(o));
  r.kernels.push_back(validate_count_separable(o));
  r.kernels.push_back(validate_fd_sensitivity(o));
  r.kernels.push_back(validate_sparsemax(o));
  r.kernels.push_back(validate_entmax15(o));
  return r;
}

namespace {
nlohmann::json summary_json(const ErrorSummary& s) {
  return {{"count", s.count}, {"max", s.max}, {"mean", s.mean}, {"median", s.median}, {"std", s.std},
          {"median_exact", s.median_exact}};
}
}  // namespace

nlohmann::json to_json(const CrossValidationReport& r) {
  nlohmann::json j;
  j["seed"] = r.seed;
  j["dispatch_target"] = r.dispatch_target;
  j["reference"] = fmt::format("MPFR at {} bits (256 for log_softmax and fd_sensitivity), rounded to double; exp: glibc double exp",
                               r.precision_bits);
  j["precision"] = "float32 outputs; error figures are float32 ULPs and relative errors, measured, not certified";
  j["certified"] = false;
  j["all_within_bounds"] = r.all_within_bounds();
  for (const auto& k : r.kernels) {
    nlohmann::json e{{"kernel", k.kernel}, {"bound", k.bound}, {"inputs", k.inputs}, {"elements", k.elements},
                     {"ulp", summary_json(k.ulp)}, {"rel", summary_json(k.rel)}, {"worst_input", k.worst_input},
                     {"worst_ulp", k.worst_ulp}, {"within_bound", k.within_bound}, {"violations", k.violations}};
    if (!k.extra_text.empty()) e["first_violation"] = k.extra_text;
    for (const auto& [key, v] : k.extra) e["extra"][key] = v;
    j["kernels"].push_back(e);
  }
  return j;
}

std::string to_text(const CrossValidationReport& r) {
  std::string s = fmt::format("kernels cross-validation (seed {}, dispatch target {}, reference MPFR {} bits; measured, "
                              "not certified; errors in float32 ulp and relative)\n",
                              r.seed, r.dispatch_target, r.precision_bits);
  s += fmt::format("{:<46} {:>9} {:>10} | {:>8} {:>9} {:>9} {:>9} | {:>9} {:>9} {:>9} {:>9} | {}\n", "kernel", "inputs",
                   "elements", "ulp max", "mean", "median", "std", "rel max", "mean", "median", "std", "bound");
  for (const auto& k : r.kernels) {
    s += fmt::format("{:<46} {:>9} {:>10} | {:>8.3f} {:>9.3g} {:>9.3g} {:>9.3g} | {:>9.3g} {:>9.3g} {:>9.3g} {:>9.3g} | {}\n",
                     k.kernel, k.inputs, k.elements, k.ulp.max, k.ulp.mean, k.ulp.median, k.ulp.std, k.rel.max, k.rel.mean,
                     k.rel.median, k.rel.std, k.within_bound ? "ok" : fmt::format("VIOLATED ({})", k.violations));
    for (const auto& [key, v] : k.extra) s += fmt::format("    {} = {:.6g}\n", key, v);
    s += fmt::format("    worst: {}\n", k.worst_input);
    if (!k.extra_text.empty()) s += fmt::format("    first violation: {}\n", k.extra_text);
  }
  s += r.all_within_bounds() ? "all kernels within their documented bounds\n" : "SOME KERNEL IS OUTSIDE ITS DOCUMENTED BOUND\n";
  return s;
}

}  // namespace attnbound::kernels
