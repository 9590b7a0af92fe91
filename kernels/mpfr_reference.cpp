// The one translation unit that instantiates theory/ templates with Real for the kernels' references.
#include "kernels/mpfr_reference.hpp"

#include "theory/softmax.hpp"
#include "theory/top_n.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace attnbound::kernels {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Documented non-finite semantics; returns true when it filled `out` (and `log_out` form if asked).
bool special_reference(const std::vector<float>& l, std::vector<double>& out, bool log_domain) {
  std::size_t pos = 0, neg = 0;
  bool nan = false;
  for (float x : l) {
    if (std::isnan(x)) nan = true;
    else if (x == INFINITY) ++pos;
    else if (x == -INFINITY) ++neg;
  }
  if (!nan && pos == 0 && neg < l.size()) return false;
  out.assign(l.size(), kNaN);
  if (nan || pos == 0) return true;
  for (std::size_t i = 0; i < l.size(); ++i) {
    const Real on = log_domain ? Real(-log(Real(static_cast<long long>(pos)))) : Real(1) / Real(static_cast<long long>(pos));
    out[i] = l[i] == INFINITY ? static_cast<double>(on) : (log_domain ? -INFINITY : 0.0);
  }
  return true;
}
}  // namespace

std::vector<double> softmax_reference(const std::vector<float>& logits, float temperature, double* normaliser) {
  std::vector<double> out;
  if (special_reference(logits, out, false)) {
    if (normaliser) *normaliser = kNaN;
    return out;
  }
  // Finite part only: -inf logits have weight exactly 0.
  std::map<float, std::size_t> counts;
  for (float x : logits)
    if (x != -INFINITY) ++counts[x];
  const Real T(temperature);
  const Real m(counts.rbegin()->first);
  if (counts.size() < logits.size() / 4) {
    // Grouped: S = sum over distinct values v of count(v) exp((v - m)/T).
    std::map<float, Real> e;
    Real S(0);
    for (const auto& [v, c] : counts) {
      Real ev = exp((Real(v) - m) / T);
      S += ev * Real(static_cast<long long>(c));
      e.emplace(v, std::move(ev));
    }
    std::map<float, double> p;
    for (const auto& [v, ev] : e) p.emplace(v, static_cast<double>(ev / S));
    out.resize(logits.size());
    for (std::size_t i = 0; i < logits.size(); ++i) out[i] = logits[i] == -INFINITY ? 0.0 : p.at(logits[i]);
    if (normaliser) *normaliser = static_cast<double>(S);
    return out;
  }
  Vec<Real> finite;
  std::vector<std::size_t> where;
  for (std::size_t i = 0; i < logits.size(); ++i)
    if (logits[i] != -INFINITY) {
      finite.emplace_back(logits[i]);
      where.push_back(i);
    }
  const Vec<Real> p = softmax(finite, T);
  out.assign(logits.size(), 0.0);
  for (std::size_t k = 0; k < where.size(); ++k) out[where[k]] = static_cast<double>(p[k]);
  if (normaliser) {
    Real S(0);
    for (const auto& x : finite) S += exp((x - m) / T);
    *normaliser = static_cast<double>(S);
  }
  return out;
}

std::vector<double> log_softmax_reference(const std::vector<float>& logits, float temperature) {
  std::vector<double> out;
  if (special_reference(logits, out, true)) return out;
  Vec<Real> finite;
  std::vector<std::size_t> where;
  for (std::size_t i = 0; i < logits.size(); ++i)
    if (logits[i] != -INFINITY) {
      finite.emplace_back(logits[i]);
      where.push_back(i);
    }
  const Vec<Real> q = log_softmax(finite, Real(temperature));
  out.assign(logits.size(), -INFINITY);
  for (std::size_t k = 0; k < where.size(); ++k) out[where[k]] = static_cast<double>(q[k]);
  return out;
}

std::vector<double> softmax_jvp_reference(const std::vector<float>& p, const std::vector<float>& v, float temperature) {
  Real dotv(0);
  for (std::size_t i = 0; i < p.size(); ++i) dotv += Real(p[i]) * Real(v[i]);
  const Real T(temperature);
  std::vector<double> out(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) out[i] = static_cast<double>(Real(p[i]) * (Real(v[i]) - dotv) / T);
  return out;
}

namespace {
Mat<Real> rows_of(const std::vector<float>& x, std::size_t length, std::size_t dim) {
  Mat<Real> rows(length, Vec<Real>(dim));
  for (std::size_t i = 0; i < length; ++i)
    for (std::size_t k = 0; k < dim; ++k) rows[i][k] = Real(x[i * dim + k]);
  return rows;
}
Vec<Real> reals(const std::vector<float>& v) { return Vec<Real>(v.begin(), v.end()); }
}  // namespace

TopNReference top_n_distance_reference(const std::vector<float>& alpha, const std::vector<float>& x, std::size_t dim,
                                       std::size_t top_n) {
  TopNReference r;
  const auto set = top_n_indices(alpha, top_n);  // floats compare exactly: the exact top-N set
  r.indices.assign(set.begin(), set.end());
  const auto in = membership(alpha.size(), set);
  const Vec<Real> a = reals(alpha);
  const Mat<Real> rows = rows_of(x, alpha.size(), dim);
  const Vec<Real> s = context_vector(a, rows, in);
  for (const auto& v : s) r.context.push_back(static_cast<double>(v));
  r.distance = static_cast<double>(representation_distance(a, rows, in, DistanceReading::sum_of_norms));
  return r;
}

std::vector<double> separability_squared_distances(const std::vector<float>& alpha, const std::vector<float>& x,
                                                   std::size_t dim, std::size_t top_n) {
  const auto set = top_n_indices(alpha, top_n);
  const auto in = membership(alpha.size(), set);
  const Vec<Real> a = reals(alpha);
  const Mat<Real> rows = rows_of(x, alpha.size(), dim);
  const Vec<Real> s = context_vector(a, rows, in);
  std::vector<double> out(alpha.size());
  for (std::size_t i = 0; i < alpha.size(); ++i) out[i] = static_cast<double>(dot(difference(scaled(rows[i], a[i]), s), difference(scaled(rows[i], a[i]), s)));
  return out;
}

std::size_t count_separable_reference(const std::vector<float>& alpha, const std::vector<float>& x, std::size_t dim,
                                      std::size_t top_n, float radius) {
  const auto set = top_n_indices(alpha, top_n);
  const auto in = membership(alpha.size(), set);
  const Vec<Real> a = reals(alpha);
  const Mat<Real> rows = rows_of(x, alpha.size(), dim);
  const Vec<Real> s = context_vector(a, rows, in);
  const Real r2 = Real(radius) * Real(radius);
  std::size_t count = 0;
  for (std::size_t i = 0; i < alpha.size(); ++i) {
    const Vec<Real> diff = difference(scaled(rows[i], a[i]), s);
    const bool inside = dot(diff, diff) <= r2;
    if (!in[i] && inside) return 0;
    if (in[i] && inside) ++count;
  }
  return count;
}

double fd_sensitivity_reference(const std::vector<float>& logits, const std::vector<float>& direction,
                                float temperature, float epsilon) {
  Vec<Real> l, l2;
  std::vector<std::size_t> where;
  for (std::size_t i = 0; i < logits.size(); ++i)
    if (logits[i] != -INFINITY) {
      l.emplace_back(logits[i]);
      l2.push_back(Real(logits[i]) + Real(epsilon) * Real(direction[i]));
    }
  const Real T(temperature);
  const Vec<Real> a = softmax(l, T), b = softmax(l2, T);
  return static_cast<double>(norm2(difference(b, a)) / Real(epsilon));
}

}  // namespace attnbound::kernels
