// reports/normaliser_row_measure.hpp: one normaliser on one row, in double (uncertified).
#include "reports/normaliser_row_measure.hpp"

#include "reports/random_direction.hpp"
#include "reports/report.hpp"
#include "theory/entmax15.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/sa_softmax.hpp"
#include "theory/separation_count.hpp"
#include "theory/softmax.hpp"
#include "theory/sparsemax.hpp"
#include "theory/ssmax.hpp"
#include "theory/top_n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace attnbound::reports {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kPowerSteps = 200;

// ||J||_2 of SA-Softmax, J = diag p + diag(z)(diag p - p p^T), by power iteration on J^T J with O(L)
// products: J v = p v + z (p v - p (p.v)), J^T u = p u + p (z u) - p (p.(z u)). Every iterate's ||J v||/||v||
// is <= ||J||_2, so the estimate is a lower one (double rounding aside); the start vector is deterministic.
double sa_softmax_norm_power(const std::vector<double>& z, const std::vector<double>& p) {
  const std::size_t L = z.size();
  std::vector<double> v(L), u(L), w(L);
  for (std::size_t i = 0; i < L; ++i) v[i] = 1.0 + 0.5 * std::sin(static_cast<double>(i) + 1.0);
  double est = 0;
  for (int step = 0; step < kPowerSteps; ++step) {
    double nv = 0, pv = 0;
    for (std::size_t i = 0; i < L; ++i) nv += v[i] * v[i];
    nv = std::sqrt(nv);
    if (!(nv > 0)) return 0;
    for (auto& x : v) x /= nv;
    for (std::size_t i = 0; i < L; ++i) pv += p[i] * v[i];
    double nu = 0;
    for (std::size_t i = 0; i < L; ++i) {
      u[i] = p[i] * v[i] + z[i] * (p[i] * v[i] - p[i] * pv);
      nu += u[i] * u[i];
    }
    est = std::max(est, std::sqrt(nu));
    double pzu = 0;
    for (std::size_t i = 0; i < L; ++i) pzu += p[i] * z[i] * u[i];
    for (std::size_t i = 0; i < L; ++i) w[i] = p[i] * u[i] + p[i] * z[i] * u[i] - p[i] * pzu;
    v.swap(w);
  }
  return est;
}

double top_sum(std::vector<double> w, std::size_t n) {
  n = std::min(n, w.size());
  std::partial_sort(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(n), w.end(), std::greater<>());
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s += w[i];
  return s;
}

}  // namespace

std::vector<std::vector<double>> sphere_embeddings(std::uint64_t seed, std::uint64_t source, std::uint64_t group,
                                                   std::uint64_t row, std::size_t length, std::size_t dimension) {
  std::vector<std::vector<double>> x;
  x.reserve(length);
  for (std::size_t i = 0; i < length; ++i) x.push_back(random_unit_direction(seed, {source, group, row, i}, dimension));
  return x;
}

std::string NormaliserSpec::label() const {
  if (family == "softmax") return fmt::format("softmax T={}", format_g(parameter, 3));
  if (family == "ssmax") return fmt::format("ssmax s={}", format_g(parameter, 3));
  return family;
}

RowMeasure measure_row(const NormaliserSpec& spec, const std::vector<double>& z, std::size_t top_n,
                       const std::vector<std::vector<double>>* x) {
  if (z.empty()) throw std::invalid_argument("measure_row: empty row");
  const std::size_t L = z.size();
  if (x && x->size() != L) throw std::invalid_argument("measure_row: embeddings do not have one row per logit");
  std::vector<double> w, signed_w;  // signed_w: the weights the attention output uses (SA-Softmax: f itself)
  double jac = kNaN;
  if (spec.family == "softmax") {
    w = softmax(z, spec.parameter);
    jac = softmax_jacobian_spectral_norm(w, spec.parameter);
  } else if (spec.family == "ssmax") {
    w = ssmax(z, spec.parameter, 1.0);
    jac = softmax_jacobian_spectral_norm(w, 1.0) * std::abs(ssmax_scale(L, spec.parameter));
  } else if (spec.family == "sparsemax") {
    const auto proj = sparsemax_projection(z);
    w = proj.p;
    jac = proj.support_size >= 2 ? 1.0 : 0.0;  // J is an orthogonal projection of rank |K| - 1
  } else if (spec.family == "entmax15") {
    const auto proj = entmax15_projection(z);
    w = proj.p;
    std::vector<double> q;
    double sum = 0;
    for (std::size_t i = 0; i < L; ++i)
      if (proj.support[i]) sum += proj.g[i];
    for (std::size_t i = 0; i < L; ++i)
      if (proj.support[i]) q.push_back(proj.g[i] / sum);
    jac = sum * softmax_jacobian_spectral_norm(q, 1.0);
  } else if (spec.family == "sa_softmax") {
    const std::vector<double> p = softmax(z, 1.0);
    for (std::size_t i = 0; i < L; ++i) {
      signed_w.push_back(z[i] * p[i]);
      w.push_back(std::abs(signed_w.back()));
    }
    jac = sa_softmax_norm_power(z, p);
  } else if (spec.family == "sa_softmax_normalised") {
    bool all_zero = std::all_of(z.begin(), z.end(), [](double x) { return x == 0; });
    if (all_zero) signed_w.assign(L, 0.0);
    else signed_w = sa_softmax_normalised(z);
    for (double f : signed_w) w.push_back(std::abs(f));
  } else {
    throw std::invalid_argument("measure_row: unknown normaliser " + spec.family);
  }
  RowMeasure m;
  m.max_weight = *std::max_element(w.begin(), w.end());
  m.top_mass = top_sum(w, top_n);
  m.support_fraction = static_cast<double>(std::count_if(w.begin(), w.end(), [](double x) { return x > 0; })) /
                       static_cast<double>(L);
  m.jacobian_norm = jac;
  m.distance = m.separated_fraction = kNaN;
  if (x) {
    if (signed_w.empty()) signed_w = w;
    // I_N: the top_n largest |w_i| (ties by the lower index), the top-N set of Theorem 1 and Algorithm 4.
    const std::vector<bool> in = membership(L, top_n_indices(w, std::min(top_n, L)));
    m.distance = representation_distance(signed_w, *x, in, DistanceReading::sum_of_norms);
    m.separated_fraction = separated_fraction(separation_count(signed_w, *x, in));
  }
  return m;
}

double log_log_slope(const std::vector<std::pair<double, double>>& points) {
  std::vector<std::pair<double, double>> lp;
  for (const auto& [x, y] : points)
    if (x > 0 && y > 0) lp.push_back({std::log(x), std::log(y)});
  if (lp.size() < 2) return kNaN;
  double mx = 0, my = 0;
  for (const auto& [x, y] : lp) { mx += x; my += y; }
  mx /= static_cast<double>(lp.size());
  my /= static_cast<double>(lp.size());
  double sxy = 0, sxx = 0;
  for (const auto& [x, y] : lp) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); }
  return sxx > 0 ? sxy / sxx : kNaN;
}

}  // namespace attnbound::reports
