// Instance spaces of cor3.softmax_jacobian and cor3.softmax_jacobian.corrected: logits and a temperature,
// with an analytic gradient of log(ratio).
//
// Gradient (double, no error guarantee: it only steers the ascent; every value that counts is recomputed
// by the registry and certified). With z = l/T, p = softmax(z), A = diag p - pp^T (= dp/dz, symmetric):
//   quantity = g(A)/T, g = lambda_max(A) (spectral), ||A||_F (frobenius), max_i ||A_i||_2 (per_weight);
//   d g/dz = A (dg/dp);  dz/dl = 1/T;  dz/d(log T) = -z.
//   dlambda/dp_k = v_k^2 - 2 (v.p) v_k (v the unit top eigenvector: d(v^T A v) with A's derivative);
//   d||A||_F^2/dp_k = 2(p_k - p_k^2)(1 - 2p_k) + 4 a p_k - 4 p_k^3, a = sum p^2
//     (||A||_F^2 = sum_i (p_i - p_i^2)^2 + a^2 - sum_i p_i^4);
//   row i: r_i^2 = (p_i - p_i^2)^2 + p_i^2 (a - p_i^2); d/dp_i = 2(p_i - p_i^2)(1 - 2p_i) + 2 p_i (a - p_i^2),
//     d/dp_k = 2 p_i^2 p_k (k != i).
#include "counterexamples/instance_space.hpp"
#include "counterexamples/parameterization.hpp"
#include "counterexamples/samplers.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

namespace attnbound::search {
namespace {

nlohmann::json sample_softmax_instance(Draw& d, const std::string& id, const std::string& variant,
                                       const SpaceLimits& limits) {
  const std::int64_t L = sample_length(d, limits.max_length);
  return {{"statement", id}, {"variant", variant}, {"logits", sample_logits(d, L)},
          {"temperature", sample_temperature(d)}};
}

// log g(A) and d log g / dp for the norm named by `norm`.
double log_norm_and_dp(const std::vector<double>& p, const std::string& norm, std::vector<double>& dg) {
  const std::size_t n = p.size();
  dg.assign(n, 0.0);
  double a = 0;
  for (double x : p) a += x * x;
  if (norm == "spectral") {
    Eigen::MatrixXd A(n, n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) A(i, j) = (i == j ? p[i] : 0.0) - p[i] * p[j];
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(A);
    const double lambda = es.eigenvalues()(n - 1);
    if (!(lambda > 0)) return -std::numeric_limits<double>::infinity();
    const Eigen::VectorXd v = es.eigenvectors().col(n - 1);
    double vp = 0;
    for (std::size_t k = 0; k < n; ++k) vp += v(k) * p[k];
    for (std::size_t k = 0; k < n; ++k) dg[k] = (v(k) * v(k) - 2 * vp * v(k)) / lambda;
    return std::log(lambda);
  }
  if (norm == "frobenius") {
    double f2 = a * a;
    for (double x : p) f2 += (x - x * x) * (x - x * x) - x * x * x * x;
    if (!(f2 > 0)) return -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < n; ++k) {
      const double x = p[k];
      dg[k] = (2 * (x - x * x) * (1 - 2 * x) + 4 * a * x - 4 * x * x * x) / (2 * f2);
    }
    return 0.5 * std::log(f2);
  }
  // per_weight: the largest row norm.
  std::size_t best = 0;
  double r2best = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = p[i];
    const double r2 = (x - x * x) * (x - x * x) + x * x * (a - x * x);
    if (r2 > r2best) r2best = r2, best = i;
  }
  if (!(r2best > 0)) return -std::numeric_limits<double>::infinity();
  const double x = p[best];
  for (std::size_t k = 0; k < n; ++k)
    dg[k] = (k == best ? 2 * (x - x * x) * (1 - 2 * x) + 2 * x * (a - x * x) : 2 * x * x * p[k]) / (2 * r2best);
  return 0.5 * std::log(r2best);
}

// log(ratio) and its gradient with respect to (l_1..l_L, log T).
double softmax_jacobian_log_ratio(const nlohmann::json& inst, const std::string& variant, bool corrected,
                                  std::vector<double>& grad) {
  std::vector<double> l;
  for (const auto& v : inst.at("logits")) l.push_back(number_of(v));
  const double T = number_of(inst.at("temperature"));
  const std::size_t n = l.size();
  std::vector<double> z(n), p(n);
  const double m = *std::max_element(l.begin(), l.end());
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    z[i] = l[i] / T;
    total += p[i] = std::exp((l[i] - m) / T);
  }
  for (auto& x : p) x /= total;
  const std::string norm = variant == "max_weight" ? "spectral" : variant;
  std::vector<double> dg;
  double value = log_norm_and_dp(p, norm, dg);
  grad.assign(n + 1, 0.0);
  if (!std::isfinite(value)) return value;
  // dlog g/dz = A dg (A = diag p - pp^T).
  double pdg = 0;
  for (std::size_t k = 0; k < n; ++k) pdg += p[k] * dg[k];
  std::vector<double> gz(n);
  for (std::size_t k = 0; k < n; ++k) gz[k] = p[k] * dg[k] - p[k] * pdg;
  double explicit_dlogT = 0;  // d/d(log T) of the terms of log(ratio) that hold T explicitly
  if (!corrected) {
    // ratio = (g/T) / min{1/(4T), sqrt 2}.
    if (1.0 / (4 * T) <= std::sqrt(2.0)) {
      value += std::log(4.0);
    } else {
      value += -std::log(T) - 0.5 * std::log(2.0);
      explicit_dlogT = -1;
    }
  } else if (variant == "per_weight") {
    value += std::log(4.0 / std::sqrt(2.0));
  } else if (variant == "max_weight") {
    // ratio = g / max p; d log p_m / dz_k = delta_mk - p_k.
    const std::size_t im = static_cast<std::size_t>(std::max_element(p.begin(), p.end()) - p.begin());
    value -= std::log(p[im]);
    for (std::size_t k = 0; k < n; ++k) gz[k] -= (k == im ? 1.0 : 0.0) - p[k];
  } else {
    value += std::log(2.0);
  }
  double dlogT = explicit_dlogT;
  for (std::size_t k = 0; k < n; ++k) {
    grad[k] = gz[k] / T;
    dlogT -= gz[k] * z[k];
  }
  grad[n] = dlogT;
  return value;
}

}  // namespace

std::vector<InstanceSpace> cor3_spaces() {
  const std::vector<FieldSpec> fields{{"logits", FieldKind::token_vector}, {"temperature", FieldKind::positive}};
  InstanceSpace spec{"cor3.softmax_jacobian", fields,
                     [](Draw& d, const std::string& v, const SpaceLimits& lim) {
                       return sample_softmax_instance(d, "cor3.softmax_jacobian", v, lim);
                     },
                     [](const nlohmann::json& inst, const std::string& v, std::vector<double>& g) {
                       return softmax_jacobian_log_ratio(inst, v, false, g);
                     }};
  InstanceSpace corrected{"cor3.softmax_jacobian.corrected", fields,
                          [](Draw& d, const std::string& v, const SpaceLimits& lim) {
                            return sample_softmax_instance(d, "cor3.softmax_jacobian.corrected", v, lim);
                          },
                          [](const nlohmann::json& inst, const std::string& v, std::vector<double>& g) {
                            return softmax_jacobian_log_ratio(inst, v, true, g);
                          }};
  return {spec, corrected};
}

}  // namespace attnbound::search
