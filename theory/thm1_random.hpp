// Theorem 1, part 2 (uniformly random top-N set), spec 1.4 and section 2 [R], errata E6:
// I_N is drawn uniformly from the C(L, N) subsets of size N, d~ is reading (a) (sum of norms), and
//   main sum  M   = ((L-N)/L) sum_i || alpha_i x_i - (N/(L-1)) sum_{j != i} alpha_j x_j ||
//   epsilon bound = ((L-N)/L) sum_i sqrt( N(L-1-N)/((L-1)(L-2)) sum_{j != i} ||alpha_j x_j - m_i||^2 ),
//                   m_i = (1/(L-1)) sum_{j != i} alpha_j x_j.
// Why: E[d~] = sum_i P(i notin I_N) E[ ||alpha_i x_i - s|| | i notin I_N ] with P(i notin I_N) = (L-N)/L, and
// given i notin I_N, I_N is a uniform N-subset of the other L-1 tokens, so E[s | i notin I_N] =
// (N/(L-1)) sum_{j != i} alpha_j x_j. Jensen (E||Y|| >= ||E Y||) gives M <= E[d~]; E||Y|| <= ||EY|| +
// sqrt(E||Y - EY||^2) with the without-replacement variance N(n-N)/(n-1) * (1/n) sum ||y_j - m||^2
// (n = L-1) gives E[d~] <= M + epsilon bound. At N = L-1 (and N = L) both gaps vanish.
// Variants:
//   jensen_lower   M <= E[d~]                   (default; the corrected reading, E6)
//   upper          E[d~] <= M + epsilon bound   (the spec's reconstruction with its natural epsilon bound)
//   main_as_upper  E[d~] <= M                   (the paper's "upper bound" wording; expected false)
// E[d~] is exact (method "enumeration": the mean over all C(L, N) subsets) when C(L, N) <=
// options.max_enumeration; otherwise Monte Carlo (method "monte-carlo") with options.monte_carlo_samples
// subsets drawn uniformly by a partial Fisher-Yates shuffle from std::mt19937_64(options.seed), and the
// quantity is the normal-approximation confidence interval mean +- z sd/sqrt(n) at options.confidence:
// for Interval that interval (not certified: it is statistical), for point types its mean with the
// half-width in details.
#pragma once

#include "theory/statement.hpp"
#include "theory/top_n.hpp"

#include <boost/math/distributions/normal.hpp>

#include <limits>
#include <random>

namespace attnbound {

// C(n, k), saturated at `cap` + 1 (so the caller can compare with cap without overflow).
inline std::uint64_t binomial_capped(std::uint64_t n, std::uint64_t k, std::uint64_t cap) {
  if (k > n) return 0;
  k = std::min(k, n - k);
  unsigned __int128 c = 1;
  for (std::uint64_t i = 1; i <= k; ++i) {
    c = c * (n - k + i) / i;  // exact: C(n-k+i, i) is an integer at every step
    if (c > cap) return cap + 1;
  }
  return static_cast<std::uint64_t>(c);
}

// Uniform integer in [0, n), n >= 1, by rejection (no modulo bias; the same stream on every platform).
inline std::uint64_t uniform_below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  std::uint64_t v;
  do v = rng(); while (v >= limit);
  return v % n;
}

// z with P(|Z| <= z) = confidence for a standard normal Z.
inline double normal_two_sided_z(double confidence) {
  return boost::math::quantile(boost::math::normal_distribution<double>(), 0.5 + confidence / 2);
}

template <class S> struct ExpectedDistance {
  S value;            // exact mean, or the Monte Carlo interval (Interval) / mean (point types)
  S half_width = S(0);
  std::string method = "enumeration";
  std::uint64_t subsets = 0;  // C(L, N), saturated at max_enumeration + 1
  std::uint64_t samples = 0;
};

// E over uniform I_N of d~ (reading (a) unless told otherwise).
template <class S>
ExpectedDistance<S> expected_distance(const Vec<S>& alpha, const Mat<S>& x, std::size_t N, const EvalOptions& opt,
                                      DistanceReading reading = DistanceReading::sum_of_norms) {
  const std::size_t L = alpha.size();
  ExpectedDistance<S> r;
  r.subsets = binomial_capped(L, N, opt.max_enumeration);
  if (r.subsets <= opt.max_enumeration) {
    std::vector<std::size_t> idx(N);
    for (std::size_t k = 0; k < N; ++k) idx[k] = k;
    S total(0);
    while (true) {
      total += representation_distance(alpha, x, membership(L, idx), reading);
      // next combination in lexicographic order
      std::size_t k = N;
      while (k > 0 && idx[k - 1] == L - N + k - 1) --k;
      if (k == 0) break;
      ++idx[k - 1];
      for (std::size_t m = k; m < N; ++m) idx[m] = idx[m - 1] + 1;
    }
    r.value = total / S(static_cast<long long>(r.subsets));
    return r;
  }
  r.method = "monte-carlo";
  r.samples = opt.monte_carlo_samples;
  if (r.samples < 2) throw InputError("monte_carlo_samples", "need at least 2 samples for a confidence interval");
  std::mt19937_64 rng(opt.seed);
  std::vector<std::size_t> perm(L);
  Vec<S> values;
  values.reserve(r.samples);
  S total(0);
  for (std::uint64_t t = 0; t < r.samples; ++t) {
    for (std::size_t k = 0; k < L; ++k) perm[k] = k;
    for (std::size_t k = 0; k < N; ++k) std::swap(perm[k], perm[k + uniform_below(rng, L - k)]);
    values.push_back(representation_distance(alpha, x, membership(L, std::vector<std::size_t>(perm.begin(), perm.begin() + N)), reading));
    total += values.back();
  }
  const S n = S(static_cast<long long>(r.samples));
  const S mean = total / n;
  S ss(0);
  for (const auto& v : values) ss += square(v - mean);
  r.half_width = S(normal_two_sided_z(opt.confidence)) * sqrt(S(ss / (n - 1))) / sqrt(n);
  if constexpr (is_interval_v<S>) r.value = hull(lower_end(S(mean - r.half_width)), upper_end(S(mean + r.half_width)));
  else r.value = mean;
  return r;
}

// method, confidence, and the Monte Carlo (half-width, samples, seed) or enumeration (subsets) details.
template <class S> void add_expectation_details(Evaluation<S>& e, const ExpectedDistance<S>& ex, const EvalOptions& opt) {
  e.method = ex.method;
  if (ex.method == "monte-carlo") {
    e.confidence = opt.confidence;
    e.details.push_back({"half_width", ex.half_width});
    e.details.push_back({"samples", S(static_cast<long long>(ex.samples))});
    e.details.push_back({"seed", from_decimal<S>(std::to_string(opt.seed))});
  } else {
    e.details.push_back({"subsets", S(static_cast<long long>(ex.subsets))});
  }
}

// The main sum M and the epsilon bound above (both 0 when N = L).
template <class S> std::pair<S, S> thm1_main_sum_and_epsilon(const Vec<S>& alpha, const Mat<S>& x, std::size_t N) {
  const std::size_t L = alpha.size();
  if (N >= L) return {S(0), S(0)};
  const std::size_t d = x.at(0).size();
  Vec<S> t(d, S(0));
  S sum_sq(0);  // sum_j ||alpha_j x_j||^2
  for (std::size_t j = 0; j < L; ++j) {
    add_scaled(t, alpha[j], x[j]);
    sum_sq += squared_norm(scaled(x[j], alpha[j]));
  }
  const S Lm1 = S(static_cast<long long>(L - 1));
  const S frac = S(static_cast<long long>(N)) / Lm1;
  // N(L-1-N)/((L-1)(L-2)); 0 when N = L-1 (this also covers L = 2, where L-2 = 0).
  const S c = N + 1 >= L ? S(0)
                         : S(static_cast<long long>(N * (L - 1 - N))) / (Lm1 * S(static_cast<long long>(L - 2)));
  S total(0), eps(0);
  for (std::size_t i = 0; i < L; ++i) {
    const Vec<S> yi = scaled(x[i], alpha[i]);
    const Vec<S> others = difference(t, yi);  // sum_{j != i} alpha_j x_j
    total += euclidean_norm(difference(yi, scaled(others, frac)));
    if (N + 1 < L) {
      // sum_{j != i} ||y_j - m_i||^2 = sum_{j != i} ||y_j||^2 - (L-1)||m_i||^2 >= 0 (clamped: rounding only)
      const S spread = smax(S(sum_sq - squared_norm(yi) - squared_norm(others) / Lm1), S(0));
      eps += sqrt(S(c * spread));
    }
  }
  const S outside = S(static_cast<long long>(L - N)) / S(static_cast<long long>(L));
  return {outside * total, outside * eps};
}

namespace thm1_random {

inline StatementInfo info() {
  return {"thm1.random",
          "Expected representation distance for a uniformly random top-N set",
          "Theorem 1 part 2 (Sec. 2.1, Eq. 8); spec 1.4 and section 2 [R], erratum E6",
          "weights >= 0 summing to 1 (or logits + temperature T > 0); x has L rows; 1 <= N <= L; "
          "I_N uniform over all C(L, N) subsets; d~ reading (a)",
          {"logits", "temperature", "weights", "x", "top_n"},
          {{"jensen_lower", "main sum <= E[d~]", "corrected (E6)"},
           {"upper", "E[d~] <= main sum + epsilon bound", "[R]"},
           {"main_as_upper", "E[d~] <= main sum", "[R] paper wording (E6); expected false"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  inst.check_fields(info().inputs);
  const WeightsInput<S> w = read_weights<S>(inst);
  const std::size_t L = w.alpha.size();
  const Mat<S> x = read_embeddings<S>(inst, L);
  if (!inst.has("top_n")) throw InputError("top_n", "required field is missing");
  const std::size_t N = checked_top_n(inst, L);

  const ExpectedDistance<S> ex = expected_distance(w.alpha, x, N, opt);
  const auto [main_sum, eps] = thm1_main_sum_and_epsilon(w.alpha, x, N);
  Evaluation<S> e;
  if (variant == "jensen_lower") e.sides.push_back({"claim", Relation::at_least, ex.value, main_sum, std::nullopt});
  else if (variant == "upper") e.sides.push_back({"claim", Relation::at_most, ex.value, S(main_sum + eps), std::nullopt});
  else e.sides.push_back({"claim", Relation::at_most, ex.value, main_sum, std::nullopt});
  e.details.push_back({"main_sum", main_sum});
  e.details.push_back({"epsilon_bound", eps});
  add_expectation_details(e, ex, opt);
  return e;
}

}  // namespace thm1_random
}  // namespace attnbound
