// Theorem 2's shared replay machinery (thm2_moments.hpp): per-token moments, exact at d = 1 and Monte Carlo
// otherwise, and the steps from the second moments to xi_i.
#include "verify/proof_chains/thm2_moments.hpp"

#include "theory/seeded_normal.hpp"
#include "theory/statement.hpp"
#include "theory/top_n.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace attnbound::proof_chain {
namespace {

using I = Interval;

// ---- Theorem 2: per-token Monte Carlo moments under Assumption 1 ----------------------------------------
// X_i = ||s - alpha_i x_i|| = ||sum_{j in I_N, j != i} alpha_j x_j|| for i in I_N depends on the selected
// embeddings only. They are drawn iid uniform on the sphere of radius M in R^d (Gaussian vectors by
// Box-Muller from std::mt19937_64(seed), normalised), in double, as theory/thm2_lower.hpp draws its E[N_s]/N
// (a separate stream of the same seed and size). Intervals: mean +- z sd / sqrt(samples) (not certified).
struct SampleMean {
  double total = 0, total_sq = 0;
  void add(double v) {
    total += v;
    total_sq += v * v;
  }
  // mean +- (z sd / sqrt(samples) + an allowance `rounding` |mean| for the double arithmetic of each sample,
  // so that a sample that is exactly constant, e.g. X_i with one other selected token, is not read as a gap).
  I confidence_interval(double samples, double z, double rounding) const {
    const double mean = total / samples;
    const double half = z * std::sqrt(std::max(0.0, (total_sq - samples * mean * mean) / (samples - 1)) / samples) +
                        rounding * std::fabs(mean);
    return hull(Real(mean - half), Real(mean + half));
  }
};

TokenStatistics token_statistics(const std::vector<double>& alpha, const std::vector<std::size_t>& set, double radius,
                                 double sphere_radius, std::size_t dim, const EvalOptions& opt) {
  if (opt.monte_carlo_samples < 2) throw InputError("monte_carlo_samples", "need at least 2 samples");
  const std::size_t N = set.size();
  std::mt19937_64 rng(opt.seed);
  std::vector<std::vector<double>> y(N, std::vector<double>(dim));  // alpha_i x_i, i in I_N
  std::vector<double> total(dim);
  SampleMean beyond, mean_sum;
  std::vector<SampleMean> mean(N);
  for (std::uint64_t t = 0; t < opt.monte_carlo_samples; ++t) {
    std::fill(total.begin(), total.end(), 0.0);
    for (std::size_t k = 0; k < N; ++k) {
      double sq = 0;
      for (auto& c : y[k]) {
        c = standard_normal(rng, UnitPair::midpoint);
        sq += c * c;
      }
      const double scale = alpha[set[k]] * sphere_radius / std::sqrt(sq);
      for (std::size_t c = 0; c < dim; ++c) total[c] += (y[k][c] *= scale);
    }
    double over = 0, sum = 0;
    for (std::size_t k = 0; k < N; ++k) {
      double sq = 0;
      for (std::size_t c = 0; c < dim; ++c) sq += (total[c] - y[k][c]) * (total[c] - y[k][c]);
      const double X = std::sqrt(sq);
      mean[k].add(X);
      sum += X;
      over += X > radius ? 1 : 0;
    }
    beyond.add(over / static_cast<double>(N));
    mean_sum.add(sum);
  }
  const double n = static_cast<double>(opt.monte_carlo_samples), z = normal_two_sided_z(opt.confidence);
  // X_i: two sums of dim squares, a normalisation and square roots, each a relative error <= 2^-53 per
  // operation: (4 dim + 16) 2^-53 bounds it generously (the sum over i and the mean add N + samples terms).
  const double rounding = (4.0 * static_cast<double>(dim + N) + 16.0 + n) * 0x1p-53;
  TokenStatistics r{beyond.confidence_interval(n, z, 0), mean_sum.confidence_interval(n, z, rounding), {}};
  for (const auto& m : mean) r.mean.push_back(m.confidence_interval(n, z, rounding));
  return r;
}

// d = 1 (x_i = sigma_i M): the same moments exactly, for N <= kExactMomentsMaxN. X_i = |s - sigma_i a_i| with
// a_i = alpha_i M and s = sum_{j in I_N} sigma_j a_j depends on the selected signs only, so P(X_i > r) and E X_i
// are averages over the 2^N sign patterns of I_N. Each X_i > r is decided from enclosures (tri_lt); an undecided
// one counts 0 in the lower and 1 in the upper end ([0, 1] times its probability, never a guess); E X_i is an
// MPFI sum. Cost 2^N N MPFI operations per precision.
TokenStatistics token_statistics_d1(const Vec<I>& alpha, const std::vector<std::size_t>& set, const I& radius,
                                    const I& sphere_radius) {
  const std::size_t N = set.size();
  Vec<I> a;
  for (const std::size_t i : set) a.push_back(I(alpha[i] * sphere_radius));
  std::uint64_t over_lo = 0, over_hi = 0;
  Vec<I> sum(N, I(0));
  const std::uint64_t patterns = std::uint64_t{1} << N;
  for (std::uint64_t p = 0; p < patterns; ++p) {
    I s(0);
    for (std::size_t k = 0; k < N; ++k) s += ((p >> k) & 1u) ? a[k] : I(-a[k]);
    for (std::size_t k = 0; k < N; ++k) {
      const I X = abs(I(s - (((p >> k) & 1u) ? a[k] : I(-a[k]))));  // encloses |sum_{j != k} sigma_j a_j|
      sum[k] += X;
      const Tri beyond = tri_lt(radius, X);  // X_k > r
      if (beyond == Tri::yes) ++over_lo;
      if (beyond != Tri::no) ++over_hi;
    }
  }
  const I total = from_decimal<I>(std::to_string(patterns)), n = count(N);
  TokenStatistics r;
  r.beyond = hull(lower_end(I(from_decimal<I>(std::to_string(over_lo)) / total / n)),
                  upper_end(I(from_decimal<I>(std::to_string(over_hi)) / total / n)));
  r.mean_sum = I(0);
  for (std::size_t k = 0; k < N; ++k) {
    r.mean.push_back(I(sum[k] / total));
    r.mean_sum += r.mean.back();
  }
  return r;
}
}  // namespace

Thm2Replay thm2_replay_setup(const Instance& inst, const std::string& variant, const EvalOptions& opt,
                             const std::string& id) {
  Thm2Replay t;
  t.e = find_statement(id).evaluate_interval(inst, variant, opt);
  t.r = separability_setup<I>(inst, variant, opt);
  const SeparabilitySetup<I>& r = t.r;
  const WeightsInput<I> w = read_weights<I>(inst);
  const std::vector<std::size_t> set = read_top_set(inst, w.order_keys);
  const std::size_t N = t.N = set.size();
  const I M2 = t.M2 = square(r.sphere_radius);
  I root_sum(0), xi_sum(0), pair_mass(0);  // sum sqrt(E X_i^2), sum xi_i, sum_i B_i
  for (std::size_t k = 0; k < N; ++k) {
    I others_sq(0), others(0);
    for (const std::size_t j : set)
      if (j != set[k]) {
        others_sq += square(w.alpha[j]);
        others += w.alpha[j];
      }
    // E X_i^2 = sum_{j != i} alpha_j^2 E||x_j||^2 + sum_{j != k} alpha_j alpha_k E<x_j, x_k> = M^2 A_i + 0
    root_sum += sqrt(I(M2 * others_sq));
    pair_mass += smax(I(square(others) - others_sq), I(0));  // B_i >= 0 (clip: rounding only)
    xi_sum += r.xi[k];
  }
  t.root_sum = root_sum;
  t.xi_sum = xi_sum;
  t.pair_mass = pair_mass;
  std::vector<double> alpha;
  for (const auto& a : w.alpha) alpha.push_back(approx(a));
  // d = 1: the per-token moments are exact (certified steps); otherwise Monte Carlo (statistical steps).
  const bool exact_moments = inst.integer("dimension") == 1 && N <= kExactMomentsMaxN;
  t.mc = exact_moments ? token_statistics_d1(w.alpha, set, r.radius, r.sphere_radius)
                       : token_statistics(alpha, set, approx(r.radius), approx(r.sphere_radius),
                                          static_cast<std::size_t>(inst.integer("dimension")), opt);
  t.moments_statistical = !exact_moments;
  t.n = count(N);
  t.rN = r.radius * t.n;
  t.q = t.e.sides.at(0).quantity;
  t.bound = t.e.sides.at(0).bound;
  // E[N_s]/N is exact at d = 1 and a certified enclosure at d = 2 (methods exact-enumeration,
  // interval-integration): the claim step is then certified; the per-token moments stay Monte Carlo.
  t.q_statistical = t.e.method == "monte-carlo";
  return t;
}

void push_separation_steps(std::vector<ProofStepValue>& s, const Thm2Replay& t, const Instance& inst,
                           const std::string& variant) {
  if (variant != "xi_b") {
    s.push_back({"second-moment", "sum_i sqrt(E X_i^2) = sum_i xi_i  (E X_i^2 = M^2 sum_{j != i} alpha_j^2 = xi_i^2, "
                                  "Assumption 1: E<x_j, x_k> = 0)",
                 StepKind::identity, t.root_sum, t.xi_sum});
    return;
  }
  const I delta = from_decimal<I>(inst.decimal("delta"));
  s.push_back({"pair-inner-product",
               "sum_i sum_{j != k in I_N \\ {i}} alpha_j alpha_k E<x_j, x_k> (= 0, Assumption 1) <= (M^2 - delta^2/2) "
               "sum_i B_i  (Assumption 2: <x_j, x_k> <= M^2 - delta^2/2)",
               StepKind::at_most, I(0), I((t.M2 - square(delta) / 2) * t.pair_mass)});
  s.push_back({"second-moment", "sum_i sqrt(E X_i^2) <= sum_i xi_i  (E X_i^2 = M^2 A_i <= xi_b,i^2)", StepKind::at_most,
               t.root_sum, t.xi_sum});
}

}  // namespace attnbound::proof_chain
