// Theorem 2 (geometric separability), lower bound; spec 1.5 and section 2 [R, low confidence], erratum E7.
//   Assumption 1: x_1..x_L iid uniform on the sphere of radius M in R^d; weights alpha and radius r fixed.
//   N_s = sum_{i in I_N} 1{||alpha_i x_i - s|| <= r} prod_{j notin I_N} 1{||alpha_j x_j - s|| > r}  (spec 1.5 [R])
//   lower:  E[N_s]/N >= 1 - (1/(r N)) sum_{i in I_N} xi_i                  (Markov + Cauchy-Schwarz)
//   upper:  E[N_s]/N <= (1/N) sum_{i in I_N} exp(-(xi_i - r)^2 / (2 M^2))   for r < xi_i (thm2_upper.hpp)
// Variants (spread xi_i, i in I_N; A_i = sum_{j in I_N, j != i} alpha_j^2, B_i = (sum_{j in I_N\{i}} alpha_j)^2 - A_i
// = sum over ordered pairs j != k in I_N\{i} of alpha_j alpha_k):
//   xi_a  xi_i^2 = M^2 A_i                                  (default; E<x_j, x_k> = 0 for independent x)
//   xi_b  xi_i^2 = M^2 A_i + (M^2 - delta^2/2) B_i          (needs "delta"; <x_j,x_k> <= M^2 - delta^2/2
//                                                            under Assumption 2; xi_b^2 < 0 means delta is
//                                                            infeasible for these weights: HypothesisError)
// E[N_s]/N, by method (Evaluation::method):
//   d = 1, 2^N L <= options.max_sign_enumeration: "exact-enumeration", the exact finite sum over the 2^N sign
//     patterns of the selected tokens (theory/thm2_sign_enumeration.hpp); Interval: a certified enclosure.
//   d = 2, L <= options.max_integration_length: "interval-integration", a certified enclosure by interval
//     integration over the angles (theory/thm2_angle_integration.hpp), refined to options.integration_width
//     (on E[N_s]/N) or options.max_integration_boxes; point types: the enclosure's midpoint.
//   otherwise "monte-carlo", estimated in double (fast; NOT certified): options.monte_carlo_samples draws
// of x from std::mt19937_64(options.seed), Gaussian vectors (Box-Muller) normalised to radius M; the
// quantity is the normal-approximation confidence interval at options.confidence (Interval: the interval;
// point types: its mean, half-width in details), converted to S. The samples follow Assumption 1 only:
// Assumption 2 (pairwise distance >= delta) is not imposed by any method, since the two conflict for large L
// (E7 (i)); delta enters through xi_b alone. E7 (iv): the Markov step ignores the condition that every non-selected
// point lies outside B_r(s), so the lower bound is only expected to hold for r <= min_{j notin I_N}
// ||s - alpha_j x_j||, which a fixed r does not ensure.
#pragma once

#include "theory/statement.hpp"
#include "theory/thm1_random.hpp"
#include "theory/thm2_angle_integration.hpp"
#include "theory/seeded_normal.hpp"
#include "theory/thm2_sign_enumeration.hpp"
#include "theory/top_n.hpp"

#include <cmath>
#include <random>

namespace attnbound {

namespace thm2_lower {

// The spread xi_i^2 of variant xi_a: M^2 A_i, A_i = sum_{j in I_N, j != i} alpha_j^2 (others_square_sum);
// domain M > 0, A_i >= 0. One rounding per operation; Interval encloses. Shared by thm2.upper.
template <class S> S xi_a_square(const S& sphere_radius, const S& others_square_sum) {
  return square(sphere_radius) * others_square_sum;
}

// The spread xi_i^2 of variant xi_b: M^2 A_i + (M^2 - delta^2/2) B_i, B_i = (sum_{j in I_N\{i}} alpha_j)^2 - A_i
// (others_sum = that sum); may be < 0 when delta is infeasible (the caller decides). Interval encloses.
template <class S> S xi_b_square(const S& sphere_radius, const S& others_square_sum, const S& others_sum, const S& delta) {
  return xi_a_square(sphere_radius, others_square_sum) +
         (square(sphere_radius) - square(delta) / 2) * (square(others_sum) - others_square_sum);
}

// Theorem 2's lower bound 1 - (1/(rN)) sum_{i in I_N} xi_i, from xi_sum = sum_i xi_i; domain r > 0, N >= 1.
// One rounding per operation; Interval encloses. Called by evaluate<S> below and the double loops of reports/.
template <class S> S bound(const S& xi_sum, const S& radius, std::size_t top_n) {
  return S(1) - xi_sum / (radius * S(static_cast<long long>(top_n)));
}

}  // namespace thm2_lower

namespace thm2_upper {

// Whether the term of xi_i is the trivial bound 1 (r >= xi_i: the spec's form needs r < xi_i). Steers only:
// exact for point types, by midpoints for Interval (evaluate<S> marks overlapping choices uncertified).
template <class S> bool trivial_term(const S& xi, const S& radius) { return !steer_less(radius, xi); }

// One term of Theorem 2's upper bound: exp(-(xi_i - r)^2 / (2 M^2)) for r < xi_i, else 1 (a probability);
// domain M > 0. One rounding per operation (libm exp for point types); Interval encloses each branch.
template <class S> S term(const S& xi, const S& radius, const S& sphere_radius) {
  if (trivial_term(xi, radius)) return S(1);
  return exp(-square(S(xi - radius)) / (S(2) * square(sphere_radius)));
}

}  // namespace thm2_upper

struct SeparabilityInputs {
  std::vector<double> alpha;
  std::vector<bool> selected;
  std::size_t top_n = 0;
  double radius = 0, sphere_radius = 0;
  std::size_t dimension = 0;
};

struct SeparabilityEstimate {
  double mean = 0, half_width = 0;
  std::uint64_t samples = 0;
};

// Monte Carlo estimate of E[N_s]/N under Assumption 1, in double.
inline SeparabilityEstimate separability_monte_carlo(const SeparabilityInputs& in, const EvalOptions& opt) {
  if (opt.monte_carlo_samples < 2) throw InputError("monte_carlo_samples", "need at least 2 samples");
  const std::size_t L = in.alpha.size(), d = in.dimension;
  std::mt19937_64 rng(opt.seed);
  std::vector<std::vector<double>> y(L, std::vector<double>(d));  // alpha_i x_i
  double total = 0, total_sq = 0;
  for (std::uint64_t t = 0; t < opt.monte_carlo_samples; ++t) {
    for (std::size_t i = 0; i < L; ++i) {
      double nrm = 0;
      for (std::size_t k = 0; k < d; ++k) {
        y[i][k] = standard_normal(rng, UnitPair::midpoint);
        nrm += y[i][k] * y[i][k];
      }
      const double scale = in.alpha[i] * in.sphere_radius / std::sqrt(nrm);
      for (auto& v : y[i]) v *= scale;
    }
    std::vector<double> s(d, 0.0);
    for (std::size_t i = 0; i < L; ++i)
      if (in.selected[i])
        for (std::size_t k = 0; k < d; ++k) s[k] += y[i][k];
    const auto dist = [&](std::size_t i) {
      double a = 0;
      for (std::size_t k = 0; k < d; ++k) a += (y[i][k] - s[k]) * (y[i][k] - s[k]);
      return std::sqrt(a);
    };
    bool outside_clear = true;
    for (std::size_t j = 0; j < L && outside_clear; ++j)
      if (!in.selected[j] && dist(j) <= in.radius) outside_clear = false;
    double ns = 0;
    if (outside_clear)
      for (std::size_t i = 0; i < L; ++i)
        if (in.selected[i] && dist(i) <= in.radius) ns += 1;
    const double ratio = ns / static_cast<double>(in.top_n);
    total += ratio;
    total_sq += ratio * ratio;
  }
  SeparabilityEstimate e;
  e.samples = opt.monte_carlo_samples;
  const double n = static_cast<double>(e.samples);
  e.mean = total / n;
  const double var = std::max(0.0, (total_sq - n * e.mean * e.mean) / (n - 1));
  e.half_width = normal_two_sided_z(opt.confidence) * std::sqrt(var / n);
  return e;
}

// Everything both Theorem 2 statements read and compute: the quantity E[N_s]/N and the xi_i.
template <class S> struct SeparabilitySetup {
  // E[N_s]/N. exact-enumeration: Interval -> a certified enclosure, point types -> the exact sum for the point
  // values; interval-integration: Interval -> a certified enclosure, point types -> its midpoint; monte-carlo:
  // Interval -> the confidence interval, point types -> the mean.
  S quantity;
  std::string method = "monte-carlo";  // "exact-enumeration" | "interval-integration" | "monte-carlo"
  SeparabilityEstimate estimate;       // monte-carlo only
  std::vector<std::pair<std::string, S>> method_details;
  Vec<S> xi;   // xi_i for the selected i (in increasing index order)
  S radius, sphere_radius;
  std::size_t top_n = 0;
};

inline std::vector<std::string> separability_fields() {
  return {"logits", "temperature", "weights", "top_n", "top_set", "radius", "sphere_radius", "dimension", "delta"};
}

template <class S>
SeparabilitySetup<S> separability_setup(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const WeightsInput<S> w = read_weights<S>(inst);
  const std::size_t L = w.alpha.size();
  const std::vector<std::size_t> set = read_top_set(inst, w.order_keys);
  SeparabilitySetup<S> r;
  r.top_n = set.size();
  r.radius = positive_scalar<S>(inst, "radius");
  r.sphere_radius = positive_scalar<S>(inst, "sphere_radius");
  const std::int64_t dim = inst.integer("dimension");
  if (dim < 1 || dim > 100000) throw HypothesisError("dimension", "must be an integer in [1, 100000], got " + std::to_string(dim));
  std::optional<S> delta;
  if (inst.has("delta")) {
    const std::string t = inst.decimal("delta");
    if (decimal_sign(t) < 0) throw HypothesisError("delta", "must be >= 0, got " + t);
    delta = from_decimal<S>(t);
  }
  if (variant == "xi_b" && !delta) throw InputError("delta", "required by variant xi_b");

  for (const std::size_t i : set) {
    S A(0), sum(0);
    for (const std::size_t j : set)
      if (j != i) {
        A += square(w.alpha[j]);
        sum += w.alpha[j];
      }
    S xi2 = variant == "xi_b" ? thm2_lower::xi_b_square(r.sphere_radius, A, sum, *delta)
                              : thm2_lower::xi_a_square(r.sphere_radius, A);
    if (variant == "xi_b") {
      if (upper_of(xi2) < 0)
        throw HypothesisError("delta", fmt::format("xi_b^2 < 0 at i = {}: pairwise separation delta is infeasible "
                                                   "for these weights on a sphere of radius M", i));
      xi2 = smax(xi2, S(0));  // Interval only: clip a rounding excursion below 0
    }
    r.xi.push_back(sqrt(xi2));
  }

  const std::size_t N = set.size();
  const S n = S(static_cast<long long>(N));
  if (dim == 1 && N <= 40 && (std::uint64_t{1} << N) <= opt.max_sign_enumeration / L) {
    const SignEnumeration<S> en = expected_selected_count_d1<S>(w.alpha, set, r.radius, r.sphere_radius);
    r.quantity = en.expected / n;
    r.method = "exact-enumeration";
    r.method_details.push_back({"sign_patterns", from_decimal<S>(std::to_string(en.patterns))});
    r.method_details.push_back({"undecided_indicators", from_decimal<S>(std::to_string(en.undecided))});
    return r;
  }
  if (dim == 2 && L <= std::min<std::size_t>(opt.max_integration_length, 12)) {
    const AngleIntegration<S> ai = expected_selected_count_d2<S>(w.alpha, set, r.radius, r.sphere_radius,
                                                                 opt.integration_width * static_cast<double>(N),
                                                                 opt.max_integration_boxes);
    r.quantity = ai.expected / n;
    r.method = "interval-integration";
    r.method_details.push_back({"enclosure_lower", S(ai.lower / n)});
    r.method_details.push_back({"enclosure_upper", S(ai.upper / n)});
    r.method_details.push_back({"boxes", from_decimal<S>(std::to_string(ai.counts.boxes))});
    r.method_details.push_back({"open_boxes", from_decimal<S>(std::to_string(ai.counts.open_boxes))});
    r.method_details.push_back({"depth", S(static_cast<long long>(ai.counts.depth))});
    r.method_details.push_back({"width_target_reached", S(ai.counts.target_reached ? 1 : 0)});
    return r;
  }
  SeparabilityInputs in;
  for (const auto& a : w.alpha) in.alpha.push_back(approx(a));
  in.selected = membership(L, set);
  in.top_n = set.size();
  in.radius = approx(r.radius);
  in.sphere_radius = approx(r.sphere_radius);
  in.dimension = static_cast<std::size_t>(dim);
  r.estimate = separability_monte_carlo(in, opt);
  if constexpr (is_interval_v<S>)
    r.quantity = hull(Real(r.estimate.mean - r.estimate.half_width), Real(r.estimate.mean + r.estimate.half_width));
  else
    r.quantity = S(r.estimate.mean);
  return r;
}

template <class S> void add_separability_details(Evaluation<S>& e, const SeparabilitySetup<S>& r, const EvalOptions& opt) {
  e.method = r.method;
  if (r.method == "monte-carlo") {
    e.confidence = opt.confidence;
    e.details.push_back({"half_width", S(r.estimate.half_width)});
    e.details.push_back({"samples", S(static_cast<long long>(r.estimate.samples))});
    e.details.push_back({"seed", from_decimal<S>(std::to_string(opt.seed))});
    e.details.push_back({"monte_carlo_in_double", S(1)});
  }
  for (const auto& d : r.method_details) e.details.push_back(d);
  S xi_sum(0);
  for (const auto& v : r.xi) xi_sum += v;
  e.details.push_back({"xi_sum", xi_sum});
}

namespace thm2_lower {

inline StatementInfo info() {
  return {"thm2.lower",
          "Geometric separability: lower bound on E[N_s]/N",
          "Theorem 2 (Sec. 2.2, Eq. 11); spec 1.5 and section 2 [R, low confidence], erratum E7",
          "Assumption 1 (x_i iid uniform on the sphere of radius M in R^d); weights fixed, summing to 1; "
          "radius r > 0; valid top-N set; delta >= 0 (xi_b)",
          separability_fields(),
          {{"xi_a", "E[N_s]/N >= 1 - (1/(rN)) sum_{i in I_N} xi_i, xi_i^2 = M^2 sum_{j!=i} alpha_j^2", "[R]"},
           {"xi_b", "E[N_s]/N >= 1 - (1/(rN)) sum_{i in I_N} xi_i, xi_b form with delta", "[R]"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  inst.check_fields(info().inputs);
  const SeparabilitySetup<S> r = separability_setup<S>(inst, variant, opt);
  S xi_sum(0);
  for (const auto& v : r.xi) xi_sum += v;
  Evaluation<S> e;
  e.sides.push_back({"claim", Relation::at_least, r.quantity, bound(xi_sum, r.radius, r.top_n), std::nullopt});
  add_separability_details(e, r, opt);
  return e;
}

}  // namespace thm2_lower
}  // namespace attnbound
