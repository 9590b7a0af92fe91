#include "reports/kernels_part.hpp"

#include "kernels/cross_validate.hpp"
#include "kernels/error_stats.hpp"
#include "kernels/exp_f32_le0.hpp"
#include "kernels/log_softmax_f32_f64acc.hpp"
#include "kernels/mpfr_reference.hpp"
#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "kernels/softmax_f32_online_f64acc.hpp"
#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace attnbound::reports {

std::vector<long long> ulp_histogram(const std::vector<double>& errors, double bin, std::size_t bins) {
  std::vector<long long> h(bins + 1, 0);
  for (double e : errors) {
    if (std::isnan(e)) continue;  // no reference in range
    const double k = std::floor(e / bin);
    h[k >= static_cast<double>(bins) ? bins : static_cast<std::size_t>(std::max(0.0, k))]++;
  }
  return h;
}

namespace {

constexpr double kBin = 0.125;
constexpr std::size_t kBins = 24;  // 0 .. 3 ulp, then "> 3"

// ULP errors of every output of the softmax-family kernels on the cross-validation's softmax cases.
struct HistogramData {
  std::vector<double> softmax_3pass, softmax_online, log_softmax;
};

HistogramData histogram_data(std::uint64_t seed) {
  HistogramData d;
  for (const auto& sc : kernels::softmax_cases(seed)) {
    std::vector<double> ref, log_ref;
    {
      PrecisionScope scope(128);  // as the cross-validation: reference within (L + 10) 2^-128 relative
      double S = 0;
      ref = kernels::softmax_reference(sc.logits, sc.temperature, &S);
    }
    {
      PrecisionScope scope(256);  // log S = log1p(S') needs > 150 + 24 + log2 L bits (cross_validate.cpp)
      log_ref = kernels::log_softmax_reference(sc.logits, sc.temperature);
    }
    const auto a = kernels::softmax_f32_3pass_f64acc(sc.logits, sc.temperature);
    const auto b = kernels::softmax_f32_online_f64acc(sc.logits, sc.temperature);
    const auto c = kernels::log_softmax_f32_f64acc(sc.logits, sc.temperature);
    for (std::size_t i = 0; i < ref.size(); ++i) {
      d.softmax_3pass.push_back(kernels::float_ulp_error(a[i], ref[i]));
      d.softmax_online.push_back(kernels::float_ulp_error(b[i], ref[i]));
      d.log_softmax.push_back(kernels::float_ulp_error(c[i], log_ref[i]));
    }
  }
  return d;
}

}  // namespace

PartOutcome kernels_part(const KernelsPartOptions& o, const PartContext& ctx) {
  PartOutcome out;
  out.section = {"kernels", "Float32 kernels cross-validated against MPFR (attnbound kernels --quick)", "", ""};
  kernels::CrossValidationOptions cv;
  cv.seed = o.seed;
  cv.large = false;
  cv.exhaustive_exp = o.exp_stride > 0;
  cv.exp_stride = o.exp_stride;
  cv.threads = o.threads;
  using Validator = std::function<kernels::KernelReport(const kernels::CrossValidationOptions&)>;
  const std::vector<std::pair<const char*, Validator>> validators = {
      {"softmax_f32_3pass_f64acc", kernels::validate_softmax_3pass},
      {"softmax_f32_online_f64acc", kernels::validate_softmax_online},
      {"log_softmax_f32_f64acc", kernels::validate_log_softmax},
      {"softmax_jvp_f32_f64acc", kernels::validate_softmax_jvp},
      {"top_n_distance_f32_f64acc", kernels::validate_top_n_distance},
      {"count_separable_f32_f64acc", kernels::validate_count_separable},
      {"fd_sensitivity_f32_f64", kernels::validate_fd_sensitivity},
      {"sparsemax_f32_sort_f64acc", kernels::validate_sparsemax},
      {"entmax15_f32_sort_f64acc", kernels::validate_entmax15},
      {"exp_f32_le0 (every 64th float x <= 0)", kernels::validate_exp_exhaustive},
  };
  Table t{"kernels", "Float32 kernels against MPFR",
          fmt::format("attnbound kernels --quick, seed {}, dispatch target {}; errors in float32 ulp against the MPFR "
                      "reference ({} bits, 256 for log-softmax and g) rounded to double: measured, not certified.",
                      o.seed, kernels::kernels_dispatch_target(), cv.precision_bits),
          {}, {}};
  t.columns = {{"kernel", "", Column::Kind::text},      {"inputs", "", Column::Kind::exact},
               {"outputs", "", Column::Kind::exact},    {"ULP max", "ulp", Column::Kind::point},
               {"ULP mean", "ulp", Column::Kind::point}, {"ULP median", "ulp", Column::Kind::point},
               {"relative max", "", Column::Kind::point}, {"documented bound", "", Column::Kind::text},
               {"within bound", "", Column::Kind::text},  {"worst input", "", Column::Kind::text}};
  std::size_t ran = 0, outside = 0, skipped = 0;
  for (std::size_t k = 0; k < validators.size(); ++k) {
    if (ctx.expired()) {
      ++skipped;
      t.rows.push_back({std::string(validators[k].first), 0LL, 0LL, std::string(""), std::string(""), std::string(""),
                        std::string(""), std::string(""), std::string("skipped: time budget spent"), std::string("")});
      continue;
    }
    const std::string name = validators[k].first;
    if ((k == validators.size() - 1 && o.exp_stride == 0) ||
        (!o.only.empty() && std::find(o.only.begin(), o.only.end(), name.substr(0, name.find(' '))) == o.only.end()))
      continue;
    ctx.progress(fmt::format("{}/{}: {}", k + 1, validators.size(), validators[k].first));
    const kernels::KernelReport r = validators[k].second(cv);
    ++ran;
    if (!r.within_bound) ++outside;
    auto num = [](double x) { return std::isfinite(x) ? Cell(x) : Cell(std::string(x > 0 ? "inf" : "nan")); };
    t.rows.push_back({r.kernel, static_cast<long long>(r.inputs), static_cast<long long>(r.elements), num(r.ulp.max),
                      num(r.ulp.mean), num(r.ulp.median), num(r.rel.max), r.bound,
                      std::string(r.within_bound ? "yes" : fmt::format("NO ({} outside)", r.violations)),
                      r.worst_input});
  }
  out.tables.push_back(std::move(t));

  if (!ctx.expired()) {
    ctx.progress("ULP histograms of the softmax-family kernels");
    const HistogramData d = histogram_data(o.seed);
    Table h{"kernels_ulp_histogram", "ULP error histograms (softmax-family kernels)",
            fmt::format("Outputs of each kernel on the {} seeded adversarial softmax inputs (seed {}), counted by "
                        "float32 ULP error against MPFR in bins of {} ulp; the last bin is everything above {} ulp. "
                        "Measured, not certified.",
                        kernels::softmax_cases(o.seed).size(), o.seed, kBin, kBin * kBins),
            {}, {}};
    h.columns = {{"ULP error from", "ulp", Column::Kind::point}, {"to", "ulp", Column::Kind::text},
                 {"softmax_f32_3pass_f64acc", "outputs", Column::Kind::exact},
                 {"softmax_f32_online_f64acc", "outputs", Column::Kind::exact},
                 {"log_softmax_f32_f64acc", "outputs", Column::Kind::exact}};
    const auto a = ulp_histogram(d.softmax_3pass, kBin, kBins), b = ulp_histogram(d.softmax_online, kBin, kBins),
               c = ulp_histogram(d.log_softmax, kBin, kBins);
    Figure f{"kernels_ulp_histogram", "ULP error of the float32 softmax kernels against MPFR",
             fmt::format("Number of outputs per {}-ulp bin (log scale; empty bins not drawn). Documented bounds: "
                         "{} ulp (softmax), {} ulp (log-softmax). Measured, not certified.",
                         kBin, kernels::kSoftmaxUlpBound, kernels::kLogSoftmaxUlpBound),
             "float32 ULP error (bin start)", "outputs", false, true, {}};
    Series sa{"softmax_f32_3pass_f64acc", "steps", {}}, sb{"softmax_f32_online_f64acc", "steps", {}},
        sc{"log_softmax_f32_f64acc", "steps", {}};
    for (std::size_t i = 0; i <= kBins; ++i) {
      const double x = kBin * static_cast<double>(i);
      h.rows.push_back({x, i == kBins ? std::string("inf") : format_g(x + kBin, 6), a[i], b[i], c[i]});
      if (i == kBins) continue;
      sa.points.push_back({x, static_cast<double>(a[i])});
      sb.points.push_back({x, static_cast<double>(b[i])});
      sc.points.push_back({x, static_cast<double>(c[i])});
    }
    f.series = {sa, sb, sc};
    out.tables.push_back(std::move(h));
    out.figures.push_back(std::move(f));
  } else {
    ++skipped;
  }
  out.config = {{"seed", o.seed},
                {"mode", "quick (no L = 16M rows)"},
                {"exp_stride", o.exp_stride},
                {"precision_bits", cv.precision_bits},
                {"dispatch_target", kernels::kernels_dispatch_target()},
                {"histogram_bin_ulp", kBin}};
  out.section.status = "ran";
  out.section.detail = fmt::format("{} kernel validators, {} outside their documented bound", ran, outside);
  if (skipped)
    out.section.detail += fmt::format("; {} step(s) cut by the time budget (not reproducible byte for byte)", skipped);
  if (outside)
    out.notes.push_back(fmt::format("kernels: {} kernel(s) exceeded their documented error bound (see the kernels "
                                    "table; attnbound kernels exits 3 on this)", outside));
  return out;
}

}  // namespace attnbound::reports
