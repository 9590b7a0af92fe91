#include "verify/proof_replay.hpp"

#include "theory/cor1_softmax_weights.hpp"
#include "theory/cor3_softmax_jacobian.hpp"
#include "theory/errors.hpp"
#include "theory/f_normaliser.hpp"
#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/softmax.hpp"
#include "theory/statement.hpp"
#include "theory/thm1_random.hpp"
#include "theory/thm2_lower.hpp"
#include "theory/top_n.hpp"

#include <fmt/format.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

namespace attnbound {
namespace {

using I = Interval;

// ---- Corollary 3: ||J||_2 <= min{1/(4T), sqrt 2}, J = (diag a - a a^T)/T -----------------------------
// The spec's route to 1/(4T) is the largest diagonal entry a_i(1 - a_i)/T, and sqrt 2 the Frobenius norm
// of diag a - a a^T without 1/T; the chain makes the implicit step "the norm is attained on the diagonal"
// explicit, which is where it breaks at a two-way tie (erratum E1).
std::vector<ProofStepValue> cor3_chain(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields({"logits", "temperature"});
  const Vec<I> l = inst.vector<I>("logits");
  const I T = positive_scalar<I>(inst, "temperature");
  const Vec<I> p = softmax(l, T);
  const I lam = softmax_jacobian_spectral_norm(p, T);
  I diag_max(0);
  for (const auto& a : p) diag_max = smax(diag_max, I(a * (I(1) - a) / T));
  // O(L), the same enclosures eval uses (the L x L Jacobian is formed only for the small-L secular check).
  const I fro = softmax_jacobian_frobenius_norm(p, T);
  const I sqrt2 = sqrt(I(2));
  const I bound = smin(I(1) / (I(4) * T), sqrt2);
  std::vector<ProofStepValue> s;
  if (p.size() <= 160)
    s.push_back({"secular", "||J||_2 (general enclosure) = lambda_max(diag a - a a^T)/T (secular equation)",
                 StepKind::identity, spectral_norm(softmax_jacobian_from_weights(p, T)), lam});
  s.push_back({"diagonal", "||J||_2 <= max_i J_ii = max_i a_i(1 - a_i)/T (norm attained on the diagonal)",
               StepKind::at_most, lam, diag_max});
  s.push_back({"am-gm", "max_i a_i(1 - a_i)/T <= 1/(4T)", StepKind::at_most, diag_max, I(1) / (I(4) * T)});
  s.push_back({"spectral<=frobenius", "||J||_2 <= ||J||_F", StepKind::at_most, lam, fro});
  s.push_back({"frobenius-constant", "||diag a - a a^T||_F <= sqrt 2", StepKind::at_most, I(fro * T), sqrt2});
  I q = lam;
  if (variant == "frobenius") q = fro;
  if (variant == "per_weight") q = softmax_jacobian_max_row_norm<I>(p, T, nullptr);
  s.push_back({"claim", fmt::format("{} <= min{{1/(4T), sqrt 2}}", variant == "frobenius" ? "||J||_F"
                                                                    : variant == "per_weight" ? "max_i ||grad a_i||_2"
                                                                                              : "||J||_2"),
               StepKind::at_most, q, bound});
  return s;
}

// ---- Theorem 1, fixed I_N: the 4-line derivation of the spec, reading (a) -------------------------------
//   d~ = sum_{i notin I} || sum_{j in I} (a_i/N)(x_i - x_j) + sum_{j in I} (a_i/N - a_j) x_j ||
//      <= sum_i sum_j (a_i/N)||x_i - x_j|| + sum_i sum_j |a_i/N - a_j| ||x_j||          (triangle)
//      <= (1 - abar) d_1 + max_j ||x_j|| sum_i sum_j |a_i/N - a_j|                        (d_1, max norm)
//      =  (1 - abar) d_1 + max_j ||x_j|| [(L - N) abar - (1 - abar)]                      (a_j >= a_i/N)
std::vector<ProofStepValue> thm1_fixed_chain(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(find_statement("thm1.fixed").info.inputs);
  if (read_distance_reading(inst) != DistanceReading::sum_of_norms)
    throw InputError("distance", "the proof replay follows reading (a) (sum_of_norms), the one Theorem 1 bounds");
  const WeightsInput<I> w = read_weights<I>(inst);
  const std::size_t L = w.alpha.size();
  const Mat<I> x = read_embeddings<I>(inst, L);
  const std::vector<std::size_t> set = read_top_set(inst, w.order_keys);
  const std::size_t N = set.size();
  const std::vector<bool> in = membership(L, set);
  const Vec<I>& a = w.alpha;
  const I n(static_cast<long long>(N));
  I abar(0), rest(0), max_norm(0);
  for (std::size_t i = 0; i < L; ++i) {
    if (in[i]) {
      abar += a[i];
      max_norm = smax(max_norm, norm2(x[i]));
    } else {
      rest += a[i];
    }
  }
  const I d1 = largest_out_of_set_distance(x, in);
  const I dist = representation_distance(a, x, in, DistanceReading::sum_of_norms);
  I split(0), triangle(0), coeff_sum(0);
  for (std::size_t i = 0; i < L; ++i) {
    if (in[i]) continue;
    Vec<I> v(x[i].size(), I(0));
    for (std::size_t j = 0; j < L; ++j) {
      if (!in[j]) continue;
      add_scaled(v, I(a[i] / n), difference(x[i], x[j]));
      add_scaled(v, I(a[i] / n - a[j]), x[j]);
      triangle += a[i] / n * norm2(difference(x[i], x[j])) + abs(I(a[i] / n - a[j])) * norm2(x[j]);
      coeff_sum += abs(I(a[i] / n - a[j]));
    }
    split += norm2(v);
  }
  const I lead = I(static_cast<long long>(L - N)) * abar;
  const I closed = rest * d1 + max_norm * (lead - rest);
  const I bound = rest * d1 + max_norm * (variant == "loose" ? lead + rest : lead - rest);
  std::vector<ProofStepValue> s;
  s.push_back({"split", "d~ = sum_{i notin I} ||sum_{j in I} (a_i/N)(x_i - x_j) + (a_i/N - a_j) x_j||",
               StepKind::identity, dist, split});
  s.push_back({"triangle", "... <= sum_i sum_j (a_i/N)||x_i - x_j|| + |a_i/N - a_j| ||x_j||", StepKind::at_most,
               split, triangle});
  s.push_back({"d1-and-max-norm", "... <= (1 - abar) d_1 + max_j||x_j|| sum_i sum_j |a_i/N - a_j|",
               StepKind::at_most, triangle, I(rest * d1 + max_norm * coeff_sum)});
  s.push_back({"top-set-signs", "sum_i sum_j |a_i/N - a_j| = (L - N) abar - (1 - abar)  (a_j >= a_i >= a_i/N)",
               StepKind::identity, coeff_sum, I(lead - rest)});
  s.push_back({"claim", variant == "loose" ? "d~ <= (1 - abar) d_1 + max||x_j|| [(L - N) abar + (1 - abar)]"
                                           : "d~ <= (1 - abar) d_1 + max||x_j|| [(L - N) abar - (1 - abar)]",
               StepKind::at_most, dist, bound});
  (void)closed;
  return s;
}

// ---- Corollary 1: (1/L)e^{-2Delta/T} <= alpha_i <= (1/L)e^{2Delta/T}, via Lemma 1 with F = exp(./T) ------
//   |l_j| = |q^T k_j| <= ||q|| ||k_j|| <= Delta                                       (Cauchy-Schwarz)
//   alpha_i = 1 / sum_j e^{(l_j - l_i)/T} <= e^{(max l - min l)/T} / L                (every term >= e^{-range/T})
//   max l - min l <= 2 Delta                                                           (Lemma 1: max F / min F)
// and the mirror for the lower bound. Variant "literal" uses Delta_i = ||q|| ||k_i|| of the extreme weight i,
// where the range step can fail (erratum E10).
std::vector<ProofStepValue> cor1_chain(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields({"query", "keys", "temperature"});
  const Vec<I> q = inst.vector<I>("query");
  const Mat<I> keys = inst.matrix<I>("keys");
  const I T = positive_scalar<I>(inst, "temperature");
  if (keys.empty()) throw InputError("keys", "needs at least one key");
  if (keys[0].size() != q.size()) throw InputError("keys", "rows must have the query's dimension");
  const std::size_t L = keys.size();
  const I qn = norm2(q);
  Vec<I> l, kn;
  for (const auto& k : keys) {
    l.push_back(dot(q, k));
    kn.push_back(norm2(k));
  }
  const Vec<I> a = softmax(l, T);
  const I delta_max = qn * max_element_value(kn);
  const bool literal = variant == "literal";
  // max_key: the weight steps use enclosures of max_i / min_i alpha_i themselves (no index is chosen).
  // literal: the claim is per index, so the chain follows the indices the statement reports, which
  // forall_claim_index picks so that each side's verdict is the claim's verdict (a violated index first).
  const Evaluation<I> claim = cor1_softmax_weights::evaluate<I>(inst, variant, EvalOptions{});
  const std::size_t hi_i = static_cast<std::size_t>(claim.sides.at(0).index.value());
  const std::size_t lo_i = static_cast<std::size_t>(claim.sides.at(1).index.value());
  const I a_hi = literal ? a[hi_i] : max_element_value(a), a_lo = literal ? a[lo_i] : min_element_value(a);
  const I delta_hi = literal ? I(qn * kn[hi_i]) : delta_max, delta_lo = literal ? I(qn * kn[lo_i]) : delta_max;
  I max_abs(0);
  for (const auto& x : l) max_abs = smax(max_abs, I(abs(x)));
  const I range = max_element_value(l) - min_element_value(l);
  const I n(static_cast<long long>(L));
  std::vector<ProofStepValue> s;
  s.push_back({"cauchy-schwarz", "max_j |q^T k_j| <= ||q|| max_j ||k_j|| = Delta", StepKind::at_most, max_abs, delta_max});
  s.push_back({"upper-weight", "max_i alpha_i <= e^{(max l - min l)/T} / L", StepKind::at_most, a_hi,
               I(exp(range / T) / n)});
  s.push_back({"upper-range", literal ? "e^{(max l - min l)/T}/L <= e^{2 Delta_i/T}/L, i the index the claim reports"
                                      : "e^{(max l - min l)/T}/L <= e^{2 Delta/T}/L",
               StepKind::at_most, I(exp(range / T) / n), I(exp(I(2) * delta_hi / T) / n)});
  s.push_back({"claim-upper", "max_i alpha_i <= e^{2 Delta/T}/L", StepKind::at_most, a_hi,
               I(exp(I(2) * delta_hi / T) / n)});
  s.push_back({"lower-weight", "e^{-(max l - min l)/T} / L <= min_i alpha_i", StepKind::at_most,
               I(exp(-range / T) / n), a_lo});
  s.push_back({"lower-range", literal ? "e^{-2 Delta_i/T}/L <= e^{-(max l - min l)/T}/L, i the index the claim reports"
                                      : "e^{-2 Delta/T}/L <= e^{-(max l - min l)/T}/L",
               StepKind::at_most, I(exp(I(-2) * delta_lo / T) / n), I(exp(-range / T) / n)});
  s.push_back({"claim-lower", "e^{-2 Delta/T}/L <= min_i alpha_i", StepKind::at_most,
               I(exp(I(-2) * delta_lo / T) / n), a_lo});
  return s;
}

// A named intermediate value of the statement's own evaluation (the claim's sides come from there too).
const I& detail(const Evaluation<I>& e, const std::string& name) {
  for (const auto& [key, value] : e.details)
    if (key == name) return value;
  throw std::logic_error("proof replay: the evaluation has no detail \"" + name + "\"");
}

I count(std::size_t n) { return I(static_cast<long long>(n)); }

// ---- Lemma 1: C1/L <= alpha_i <= C2/L for |l_j| <= a ---------------------------------------------------
//   alpha_i = F(l_i) / S,  S = sum_j F(l_j);  F(l_i) <= max_{[-a,a]} F,  S >= L min_{[-a,a]} F   (upper)
//   F(l_k) >= min_{[-a,a]} F,  S <= L max_{[-a,a]} F                                             (lower)
// The hypotheses (|l_j| <= a, F independent of L) are checked by the statement's evaluation.
std::vector<ProofStepValue> lemma1_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = find_statement("lemma1.vanishing").evaluate_interval(inst, variant, opt);
  const Vec<I> l = inst.vector<I>("logits");
  const FNormalised<I> n = f_normalise(read_f<I>(inst, l.size()), l);
  const I fmin = detail(e, "min_F"), fmax = detail(e, "max_F"), len = count(l.size());
  const Side<I>& up = e.sides.at(0);
  const Side<I>& low = e.sides.at(1);
  const std::size_t i = static_cast<std::size_t>(up.index.value()), k = static_cast<std::size_t>(low.index.value());
  const I weight_i = n.F[i] / n.total, weight_k = n.F[k] / n.total;
  std::vector<ProofStepValue> s;
  s.push_back({"normalisation", "max_i alpha_i = F(l_i) / sum_j F(l_j), i the largest weight", StepKind::identity,
               up.quantity, weight_i});
  s.push_back({"numerator-at-most-max", "F(l_i)/S <= max_{[-a,a]} F / S  (|l_i| <= a)", StepKind::at_most, weight_i,
               I(fmax / n.total)});
  s.push_back({"sum-at-least-L-min", "max F / S <= max F / (L min_{[-a,a]} F)  (S = sum_j F(l_j) >= L min F)",
               StepKind::at_most, I(fmax / n.total), I(fmax / (len * fmin))});
  s.push_back({"constant-C2", "max F / (L min F) = C2/L", StepKind::identity, I(fmax / (len * fmin)), up.bound});
  s.push_back({"claim-upper", "max_i alpha_i <= C2/L", StepKind::at_most, up.quantity, up.bound});
  s.push_back({"lower-numerator", "min_{[-a,a]} F / S <= F(l_k)/S = alpha_k, k the smallest weight", StepKind::at_most,
               I(fmin / n.total), weight_k});
  s.push_back({"sum-at-most-L-max", "min F / (L max F) <= min F / S  (S <= L max_{[-a,a]} F)", StepKind::at_most,
               I(fmin / (len * fmax)), I(fmin / n.total)});
  s.push_back({"constant-C1", "C1/L = min F / (L max F)", StepKind::identity, low.bound, I(fmin / (len * fmax))});
  s.push_back({"claim-lower", "C1/L <= min_i alpha_i", StepKind::at_most, low.bound, low.quantity});
  return s;
}

// ---- Theorem 1, uniformly random I_N: the moments given i notin I_N, by enumerating every N-subset -------
// Y_i = alpha_i x_i - s. Given i notin I_N, I_N is a uniform N-subset of the other L - 1 tokens.
struct ConditionalMoments {
  Vec<I> norm;              // E[ ||Y_i|| | i notin I_N ]
  std::vector<Vec<I>> mean_s;  // E[ s | i notin I_N ]  (E Y_i = alpha_i x_i - E s)
  Vec<I> deviation;         // E[ ||Y_i - E Y_i|| | i notin I_N ]   (Y_i - E Y_i = E s - s)
  Vec<I> deviation_sq;      // E[ ||Y_i - E Y_i||^2 | i notin I_N ]
};

// Calls visit(in) for every subset of {0..L-1} of size N (in: membership), as the permutations of a 0/1 mask.
template <class Visit> void for_each_subset(std::size_t L, std::size_t N, Visit&& visit) {
  std::vector<char> mask(L, 0);
  std::fill(mask.begin(), mask.begin() + static_cast<std::ptrdiff_t>(N), 1);
  std::vector<bool> in(L);
  do {
    for (std::size_t i = 0; i < L; ++i) in[i] = mask[i] != 0;
    visit(in);
  } while (std::prev_permutation(mask.begin(), mask.end()));
}

ConditionalMoments conditional_moments(const Vec<I>& a, const Mat<I>& x, std::size_t N, bool deviations) {
  const std::size_t L = a.size(), d = x.at(0).size();
  ConditionalMoments m{Vec<I>(L, I(0)), std::vector<Vec<I>>(L, Vec<I>(d, I(0))), Vec<I>(L, I(0)), Vec<I>(L, I(0))};
  if (N >= L) return m;  // no token is ever left out: every conditional term has probability 0
  // C(L-1, N) subsets avoid a given i (<= C(L, N) <= kReplayMaxSubsets, so exact).
  const I avoiding(static_cast<long long>(binomial_capped(L - 1, N, kReplayMaxSubsets)));
  for_each_subset(L, N, [&](const std::vector<bool>& in) {
    const Vec<I> s = context_vector(a, x, in);
    for (std::size_t i = 0; i < L; ++i) {
      if (in[i]) continue;
      m.norm[i] += euclidean_distance(scaled(x[i], a[i]), s);
      add_scaled(m.mean_s[i], I(1), s);
    }
  });
  for (std::size_t i = 0; i < L; ++i) {
    m.norm[i] /= avoiding;
    for (auto& c : m.mean_s[i]) c /= avoiding;
  }
  if (!deviations) return m;
  for_each_subset(L, N, [&](const std::vector<bool>& in) {
    const Vec<I> s = context_vector(a, x, in);
    for (std::size_t i = 0; i < L; ++i) {
      if (in[i]) continue;
      const I sq = squared_norm(difference(s, m.mean_s[i]));
      m.deviation_sq[i] += sq;
      m.deviation[i] += sqrt(sq);
    }
  });
  for (std::size_t i = 0; i < L; ++i) {
    m.deviation[i] /= avoiding;
    m.deviation_sq[i] /= avoiding;
  }
  return m;
}

//   E[d~] = sum_i P(i notin I_N) E[||Y_i|| | i notin I_N],  P(i notin I_N) = (L-N)/L             (split)
//   E[s | i notin I_N] = (N/(L-1)) sum_{j != i} alpha_j x_j                                      (selection)
//   jensen_lower:  main sum = ((L-N)/L) sum_i ||E Y_i|| <= ((L-N)/L) sum_i E||Y_i||              (Jensen)
//   upper:         E||Y|| <= ||EY|| + E||Y - EY|| <= ||EY|| + sqrt(E||Y - EY||^2), and E||Y - EY||^2 is the
//                  without-replacement variance N(n-N)/(n(n-1)) sum_{j != i} ||alpha_j x_j - m_i||^2, n = L-1
//   main_as_upper: E||Y|| <= ||EY||, the reverse of Jensen (erratum E6): its first false step.
std::vector<ProofStepValue> thm1_random_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Statement& st = find_statement("thm1.random");
  inst.check_fields(st.info.inputs);
  const WeightsInput<I> w = read_weights<I>(inst);
  const std::size_t L = w.alpha.size();
  const Mat<I> x = read_embeddings<I>(inst, L);
  if (!inst.has("top_n")) throw InputError("top_n", "required field is missing");
  const std::size_t N = checked_top_n(inst, L);
  if (binomial_capped(L, N, kReplayMaxSubsets) > kReplayMaxSubsets)
    throw InputError("top_n", fmt::format("the proof replay enumerates all C(L, N) subsets at every precision and "
                                          "C({}, {}) > {}; `attnbound eval` estimates this instance by Monte Carlo",
                                          L, N, kReplayMaxSubsets));
  EvalOptions exhaustive = opt;
  exhaustive.max_enumeration = std::max(opt.max_enumeration, kReplayMaxSubsets);
  const Evaluation<I> e = st.evaluate_interval(inst, variant, exhaustive);
  const I expected = e.sides.at(0).quantity;  // E[d~], exact mean over all subsets
  const I main = detail(e, "main_sum"), eps = detail(e, "epsilon_bound");
  const ConditionalMoments m = conditional_moments(w.alpha, x, N, variant == "upper");

  const I outside = count(L - N) / count(L);
  const I frac = N < L ? I(count(N) / count(L - 1)) : I(0);
  Vec<I> weighted_total(x[0].size(), I(0));
  for (std::size_t j = 0; j < L; ++j) add_scaled(weighted_total, w.alpha[j], x[j]);
  I norms(0), selection(0), deviation(0), deviation_rms(0);
  for (std::size_t i = 0; i < L; ++i) {
    norms += m.norm[i];
    deviation += m.deviation[i];
    deviation_rms += sqrt(m.deviation_sq[i]);
    if (N < L) selection += euclidean_distance(m.mean_s[i], scaled(difference(weighted_total, scaled(x[i], w.alpha[i])), frac));
  }
  const I split = outside * norms;
  std::vector<ProofStepValue> s;
  s.push_back({"exclusion-split", "E[d~] = ((L-N)/L) sum_i E[||alpha_i x_i - s|| | i notin I_N]  (P(i notin I_N) = (L-N)/L)",
               StepKind::identity, expected, split});
  s.push_back({"conditional-selection",
               "sum_i ||E[s | i notin I_N] - (N/(L-1)) sum_{j != i} alpha_j x_j|| = 0  (given i notin I_N, each j != i is "
               "selected with probability N/(L-1))",
               StepKind::identity, selection, I(0)});
  if (variant == "jensen_lower") {
    s.push_back({"jensen", "main sum = ((L-N)/L) sum_i ||E[Y_i | i notin I_N]|| <= ((L-N)/L) sum_i E[||Y_i|| | i notin I_N]  "
                           "(E||Y|| >= ||EY||)",
                 StepKind::at_most, main, split});
    s.push_back({"claim", "main sum <= E[d~]", StepKind::at_most, e.sides[0].bound, expected});
  } else if (variant == "upper") {
    const I with_deviation = main + outside * deviation, with_rms = main + outside * deviation_rms;
    s.push_back({"mean-deviation", "((L-N)/L) sum_i E||Y_i|| <= main sum + ((L-N)/L) sum_i E||Y_i - E Y_i||  (triangle)",
                 StepKind::at_most, split, with_deviation});
    s.push_back({"cauchy-schwarz", "... <= main sum + ((L-N)/L) sum_i sqrt(E||Y_i - E Y_i||^2)  (E Z <= sqrt(E Z^2))",
                 StepKind::at_most, with_deviation, with_rms});
    s.push_back({"without-replacement-variance",
                 "E||Y_i - E Y_i||^2 = N(L-1-N)/((L-1)(L-2)) sum_{j != i} ||alpha_j x_j - m_i||^2: ... = main sum + epsilon bound",
                 StepKind::identity, with_rms, I(main + eps)});
    s.push_back({"claim", "E[d~] <= main sum + epsilon bound", StepKind::at_most, expected, e.sides[0].bound});
  } else {
    s.push_back({"reverse-jensen", "((L-N)/L) sum_i E[||Y_i|| | i notin I_N] <= ((L-N)/L) sum_i ||E[Y_i | i notin I_N]|| = "
                                   "main sum  (E||Y|| <= ||EY||: Jensen reversed, erratum E6)",
                 StepKind::at_most, split, main});
    s.push_back({"claim", "E[d~] <= main sum", StepKind::at_most, expected, e.sides[0].bound});
  }
  return s;
}

// ---- Theorem 2: per-token Monte Carlo moments under Assumption 1 ----------------------------------------
// X_i = ||s - alpha_i x_i|| = ||sum_{j in I_N, j != i} alpha_j x_j|| for i in I_N depends on the selected
// embeddings only. They are drawn iid uniform on the sphere of radius M in R^d (Gaussian vectors by
// Box-Muller from std::mt19937_64(seed), normalised), in double, as theory/thm2_lower.hpp draws its E[N_s]/N
// (a separate stream of the same seed and size). Intervals: mean +- z sd / sqrt(samples) (not certified).
struct TokenStatistics {
  I beyond;    // (1/N) sum_i P(X_i > r)
  I mean_sum;  // sum_i E X_i
  Vec<I> mean;  // E X_i
};

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
  const auto open_unit = [&] { return (static_cast<double>(rng() >> 11) + 0.5) * 0x1p-53; };
  std::vector<std::vector<double>> y(N, std::vector<double>(dim));  // alpha_i x_i, i in I_N
  std::vector<double> total(dim);
  SampleMean beyond, mean_sum;
  std::vector<SampleMean> mean(N);
  for (std::uint64_t t = 0; t < opt.monte_carlo_samples; ++t) {
    std::fill(total.begin(), total.end(), 0.0);
    for (std::size_t k = 0; k < N; ++k) {
      double sq = 0;
      for (auto& c : y[k]) {
        c = std::sqrt(-2 * std::log(open_unit())) * std::cos(2 * std::numbers::pi * open_unit());
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
constexpr std::size_t kExactMomentsMaxN = 14;
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

// Lower (Markov + Cauchy-Schwarz), every bound written as 1 - penalty so consecutive steps share their ends:
//   E[N_s]/N >= 1 - (1/N) sum P(X_i > r)           only if no non-selected point enters B_r(s) (E7 (iv))
//            >= 1 - (1/(rN)) sum E X_i             Markov
//            >= 1 - (1/(rN)) sum sqrt(E X_i^2)      Cauchy-Schwarz
//            =  1 - (1/(rN)) sum xi_i               E X_i^2 = M^2 sum_{j != i} alpha_j^2 (xi_a; xi_b: <=)
// Upper (Hoeffding, h(m) = exp(-(m - r)_+^2/(2M^2)), non-increasing in m, and 1 for m <= r):
//   E[N_s]/N <= (1/N) sum P(X_i <= r) <= (1/N) sum h(E X_i) <= (1/N) sum h(xi_i),
// the last step needing xi_i <= E X_i, while Cauchy-Schwarz gives E X_i <= sqrt(E X_i^2) = xi_a,i (E7 (iii)).
// xi_b: E<x_j, x_k> = 0 under Assumption 1, <x_j, x_k> <= M^2 - delta^2/2 under Assumption 2: the certified
// step "pair-inner-product" compares the two (false when delta > sqrt(2) M and a pair j != k exists).
std::vector<ProofStepValue> thm2_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt,
                                       bool upper) {
  const Evaluation<I> e = find_statement(upper ? "thm2.upper" : "thm2.lower").evaluate_interval(inst, variant, opt);
  const SeparabilitySetup<I> r = separability_setup<I>(inst, variant, opt);
  const WeightsInput<I> w = read_weights<I>(inst);
  const std::vector<std::size_t> set = read_top_set(inst, w.order_keys);
  const std::size_t N = set.size();
  const I M2 = square(r.sphere_radius);
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
  std::vector<double> alpha;
  for (const auto& a : w.alpha) alpha.push_back(approx(a));
  // d = 1: the per-token moments are exact (certified steps); otherwise Monte Carlo (statistical steps).
  const bool exact_moments = inst.integer("dimension") == 1 && N <= kExactMomentsMaxN;
  const TokenStatistics mc = exact_moments ? token_statistics_d1(w.alpha, set, r.radius, r.sphere_radius)
                                           : token_statistics(alpha, set, approx(r.radius), approx(r.sphere_radius),
                                                              static_cast<std::size_t>(inst.integer("dimension")), opt);
  const bool moments_statistical = !exact_moments;
  const I n = count(N), rN = r.radius * n, q = e.sides.at(0).quantity, bound = e.sides.at(0).bound;
  // E[N_s]/N is exact at d = 1 and a certified enclosure at d = 2 (methods exact-enumeration,
  // interval-integration): the claim step is then certified; the per-token moments stay Monte Carlo.
  const bool q_statistical = e.method == "monte-carlo";
  std::vector<ProofStepValue> s;
  const auto separation_steps = [&] {
    if (variant != "xi_b") {
      s.push_back({"second-moment", "sum_i sqrt(E X_i^2) = sum_i xi_i  (E X_i^2 = M^2 sum_{j != i} alpha_j^2 = xi_i^2, "
                                    "Assumption 1: E<x_j, x_k> = 0)",
                   StepKind::identity, root_sum, xi_sum});
      return;
    }
    const I delta = from_decimal<I>(inst.decimal("delta"));
    s.push_back({"pair-inner-product",
                 "sum_i sum_{j != k in I_N \\ {i}} alpha_j alpha_k E<x_j, x_k> (= 0, Assumption 1) <= (M^2 - delta^2/2) "
                 "sum_i B_i  (Assumption 2: <x_j, x_k> <= M^2 - delta^2/2)",
                 StepKind::at_most, I(0), I((M2 - square(delta) / 2) * pair_mass)});
    s.push_back({"second-moment", "sum_i sqrt(E X_i^2) <= sum_i xi_i  (E X_i^2 = M^2 A_i <= xi_b,i^2)", StepKind::at_most,
                 root_sum, xi_sum});
  };
  if (!upper) {
    const I b1 = I(1) - mc.beyond, b2 = I(1) - mc.mean_sum / rN, b3 = I(1) - root_sum / rN;
    s.push_back({"drop-outside-condition",
                 "1 - (1/N) sum_i P(X_i > r) <= E[N_s]/N  (needs every non-selected point outside B_r(s), E7 (iv))",
                 StepKind::at_most, b1, q, moments_statistical || q_statistical});
    s.push_back({"markov", "1 - (1/(rN)) sum_i E X_i <= 1 - (1/N) sum_i P(X_i > r)  (Markov: P(X_i > r) <= E X_i / r)",
                 StepKind::at_most, b2, b1, moments_statistical});
    s.push_back({"cauchy-schwarz", "1 - (1/(rN)) sum_i sqrt(E X_i^2) <= 1 - (1/(rN)) sum_i E X_i  (E X_i <= sqrt(E X_i^2))",
                 StepKind::at_most, b3, b2, moments_statistical});
    separation_steps();
    s.push_back({"claim", "1 - (1/(rN)) sum_i xi_i <= E[N_s]/N", StepKind::at_most, bound, q, q_statistical});
    return s;
  }
  const I two_M2 = I(2) * M2;
  const auto h = [&](const I& m) { return I(exp(-square(smax(I(m - r.radius), I(0))) / two_M2)); };
  I at_mean(0), at_xi(0);
  for (std::size_t k = 0; k < N; ++k) {
    at_mean += h(mc.mean[k]);
    at_xi += h(r.xi[k]);
  }
  at_mean /= n;
  at_xi /= n;
  const I inside = I(1) - mc.beyond;  // (1/N) sum_i P(X_i <= r)
  s.push_back({"drop-outside-condition", "E[N_s]/N <= (1/N) sum_i P(X_i <= r)  (N_s counts i only if X_i <= r)",
               StepKind::at_most, q, inside, moments_statistical || q_statistical});
  s.push_back({"hoeffding", "(1/N) sum_i P(X_i <= r) <= (1/N) sum_i exp(-(E X_i - r)_+^2/(2M^2))  (Hoeffding, X_i in [0, 2M])",
               StepKind::at_most, inside, at_mean, moments_statistical});
  s.push_back({"cauchy-schwarz", "sum_i E X_i <= sum_i sqrt(E X_i^2)", StepKind::at_most, mc.mean_sum, root_sum,
               moments_statistical});
  separation_steps();
  s.push_back({"spread-for-mean",
               "(1/N) sum_i exp(-(E X_i - r)_+^2/(2M^2)) <= (1/N) sum_i exp(-(xi_i - r)_+^2/(2M^2))  (needs xi_i <= E X_i; "
               "Cauchy-Schwarz gives the opposite for xi_a, E7 (iii))",
               StepKind::at_most, at_mean, at_xi, moments_statistical});
  s.push_back({"claim", "E[N_s]/N <= (1/N) sum_i exp(-(xi_i - r)_+^2/(2M^2))", StepKind::at_most, q, bound, q_statistical});
  return s;
}

std::vector<ProofStepValue> thm2_lower_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  return thm2_chain(inst, variant, opt, false);
}
std::vector<ProofStepValue> thm2_upper_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  return thm2_chain(inst, variant, opt, true);
}

// ---- Lemma 2: ||grad_l alpha|| <= (1/(L m))(max|F'| + ||F|| ||F'|| / (L m)), m = min_j F(l_j) ------------
//   grad_l alpha = (I - alpha 1^T) diag(F')/S = diag(F')/S - alpha F'^T / S                   (exact Jacobian)
//   ||.|| <= ||diag F'||/S + ||alpha|| ||F'||/S                          (triangle; rank one: ||a b^T|| = ||a|| ||b||)
//   ||diag F'||_2 = max_j |F'_j|; ||diag F'||_F = ||F'||_2 >= max_j |F'_j|: the Frobenius reading breaks here
//   ||alpha|| = ||F||/S and S >= L m.
std::vector<ProofStepValue> lemma2_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = find_statement("lemma2.jacobian").evaluate_interval(inst, variant, opt);
  const Vec<I> l = inst.vector<I>("logits");
  const std::size_t L = l.size();
  const FNormalised<I> n = f_normalise(read_f<I>(inst, L), l);
  const Mat<I> J = f_normaliser_jacobian(n);
  const I S = n.total, S2 = square(n.total);
  Mat<I> gap(L, Vec<I>(L));  // J - d(F_i/S)/dl_j, the quotient rule (delta_ij F'_i S - F_i F'_j) / S^2
  I max_abs_dF(0);
  for (std::size_t i = 0; i < L; ++i) {
    max_abs_dF = smax(max_abs_dF, I(abs(n.dF[i])));
    for (std::size_t j = 0; j < L; ++j)
      gap[i][j] = J[i][j] - ((i == j ? I(n.dF[i] * S) : I(0)) - n.F[i] * n.dF[j]) / S2;
  }
  const I norm_F = euclidean_norm(n.F), norm_dF = euclidean_norm(n.dF), norm_alpha = euclidean_norm(n.alpha);
  const I two_term = (max_abs_dF + norm_alpha * norm_dF) / S;
  const I via_F = (max_abs_dF + norm_F * norm_dF / S) / S;
  const bool fro = variant == "frobenius";
  const Side<I>& claim = e.sides.at(0);
  std::vector<ProofStepValue> s;
  s.push_back({"quotient-rule", "||(I - alpha 1^T) diag(F')/S - [d(F(l_i)/S)/dl_j]_ij||_F = 0  (the exact Jacobian)",
               StepKind::identity, frobenius_norm(gap), I(0)});
  if (fro) {
    const I with_fro_diag = (norm_dF + norm_alpha * norm_dF) / S;
    s.push_back({"triangle", "||J||_F <= ||diag F'||_F/S + ||alpha F'^T||_F/S = (||F'||_2 + ||alpha|| ||F'||)/S",
                 StepKind::at_most, claim.quantity, with_fro_diag});
    s.push_back({"diagonal-norm", "(||F'||_2 + ||alpha|| ||F'||)/S <= (max_j |F'_j| + ||alpha|| ||F'||)/S  "
                                  "(||diag F'||_F <= max_j |F'_j|: true of the spectral norm only)",
                 StepKind::at_most, with_fro_diag, two_term});
  } else {
    s.push_back({"triangle", "||J||_2 <= ||diag F'||_2/S + ||alpha F'^T||_2/S = (max_j |F'_j| + ||alpha|| ||F'||)/S",
                 StepKind::at_most, claim.quantity, two_term});
  }
  s.push_back({"alpha-norm", "(max|F'| + ||alpha|| ||F'||)/S = (max|F'| + ||F|| ||F'||/S)/S  (alpha = F/S)",
               StepKind::identity, two_term, via_F});
  s.push_back({"sum-at-least-L-min", "(max|F'| + ||F|| ||F'||/S)/S <= (1/(L m))(max|F'| + ||F|| ||F'||/(L m))  "
                                     "(S >= L m, m = min_j F(l_j))",
               StepKind::at_most, via_F, claim.bound});
  s.push_back({"claim", fro ? "||J||_F <= (1/(L m))(max|F'| + ||F|| ||F'||/(L m))"
                            : "||J||_2 <= (1/(L m))(max|F'| + ||F|| ||F'||/(L m))",
               StepKind::at_most, claim.quantity, claim.bound});
  return s;
}

Range range_text(const Interval& x) {
  auto z = [](std::string t) { return t == "-0" ? std::string("0") : t; };
  return {z(to_decimal_down(lower_end(x))), z(to_decimal_up(upper_end(x))), width_upper(x)};
}

}  // namespace

const std::vector<ProofChain>& proof_chains() {
  static const std::vector<ProofChain> chains{
      {"cor3.softmax_jacobian", "spec section 2, Corollary 3: 1/(4T) as the largest diagonal entry, sqrt 2 as ||diag a - a a^T||_F",
       &cor3_chain},
      {"cor1.softmax_weights", "spec section 2, Corollary 1: Lemma 1 with F = exp(./T), |l_j| <= Delta by Cauchy-Schwarz",
       &cor1_chain},
      {"thm1.fixed", "spec section 2, Theorem 1 part 1: the 4-line derivation (split, triangle, d_1, top-set signs)",
       &thm1_fixed_chain},
      {"lemma1.vanishing", "spec section 2, Lemma 1: alpha_i = F(l_i)/sum_j F(l_j) with min F <= F(l_j) <= max F on [-a, a]",
       &lemma1_chain},
      {"thm1.random", "spec section 2, Theorem 1 part 2: exclusion probability (L-N)/L, conditional selection N/(L-1), "
                      "Jensen; epsilon by sampling without replacement (exhaustive enumeration of I_N)",
       &thm1_random_chain},
      {"thm2.lower", "spec section 2, Theorem 2 lower: Markov and Cauchy-Schwarz, E X_i^2 under Assumption 1 (probabilities "
                     "and means exact at d = 1, Monte Carlo otherwise; E[N_s] exact at d = 1, certified at d = 2)",
       &thm2_lower_chain},
      {"thm2.upper", "spec section 2, Theorem 2 upper: Hoeffding for X_i in [0, 2M] at E X_i, then xi_i in place of E X_i "
                     "(probabilities and means exact at d = 1, Monte Carlo otherwise; E[N_s] exact at d = 1, certified at d = 2)",
       &thm2_upper_chain},
      {"lemma2.jacobian", "spec section 2, Lemma 2: exact Jacobian (I - alpha 1^T) diag(F')/S, triangle inequality, "
                          "||alpha|| = ||F||/S, S >= L min F",
       &lemma2_chain},
  };
  return chains;
}

ProofResult replay_proof(const Instance& inst, unsigned start_bits, unsigned max_bits, const EvalOptions& eval) {
  const std::string id = inst.statement();
  const ProofChain* chain = nullptr;
  std::string known;
  for (const auto& c : proof_chains()) {
    if (c.statement == id) chain = &c;
    known += (known.empty() ? "" : ", ") + c.statement;
  }
  if (!chain) throw InputError("statement", fmt::format("no proof replay for \"{}\" (replays exist for: {})", id, known));
  const Statement& st = find_statement(id);
  ProofResult r;
  r.statement = id;
  r.variant = st.resolve_variant(inst.variant());
  r.derivation = chain->derivation;
  r.monte_carlo = eval;
  const unsigned start = std::max(start_bits, 16u), cap = std::max(max_bits, start);
  // Per step: did the margin enclose 0 at every precision so far, and did it contract fast enough.
  std::vector<bool> zero_every;
  std::vector<double> last_log2_width;  // log2: widths fall below double's range from about 1100 bits on
  unsigned last_bits = 0, passes = 0;
  for (unsigned bits = start;; bits = std::min(cap, bits * 2)) {
    ++passes;
    PrecisionScope scope(bits);
    const std::vector<ProofStepValue> steps = chain->steps(inst, r.variant, eval);
    if (zero_every.empty()) {
      zero_every.assign(steps.size(), true);
      last_log2_width.assign(steps.size(), INFINITY);
    }
    r.steps.clear();
    bool all_decided = true;
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const auto& st_v = steps[k];
      const Interval m = st_v.rhs - st_v.lhs;
      const Real lo = lower_end(m), hi = upper_end(m);
      const double log2_w = log2_width_upper(m);
      const bool has_zero = lo <= 0 && hi >= 0;
      const bool contracting = last_bits == 0 || log2_w <= last_log2_width[k] - static_cast<double>(last_bits / 4);
      zero_every[k] = zero_every[k] && has_zero && contracting;
      last_log2_width[k] = log2_w;
      ProofStepResult s;
      s.name = st_v.name;
      s.claim = st_v.claim;
      s.kind = st_v.kind;
      s.statistical = st_v.statistical;
      s.lhs = range_text(st_v.lhs);
      s.rhs = range_text(st_v.rhs);
      s.slack = range_text(m);
      const double scale = std::max(std::fabs(approx(st_v.lhs)), std::fabs(approx(st_v.rhs)));
      if (scale > 0) s.relative_slack = approx(m) / scale;
      if (st_v.kind == StepKind::identity) {
        if (lo > 0 || hi < 0) s.status = "false";
        else s.status = "undecided";
      } else {
        if (hi < 0) s.status = "false";
        else if (lo > 0) s.status = (s.relative_slack && *s.relative_slack <= std::ldexp(1.0, -20)) ? "tight" : "slack";
        else s.status = "undecided";
      }
      // A Monte Carlo interval does not shrink with the precision: escalating cannot decide it.
      if (s.status == "undecided" && !s.statistical) all_decided = false;
      r.steps.push_back(std::move(s));
    }
    r.precision_bits = PrecisionScope::current_bits();
    last_bits = r.precision_bits;
    if (all_decided || bits >= cap) break;
  }
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    auto& s = r.steps[k];
    // exact needs the contraction seen over at least two precisions.
    if (s.status == "undecided" && zero_every[k] && passes > 1) s.status = "exact";
    if (s.statistical) r.certified = false;
    auto& first = s.statistical ? r.first_false_statistical : r.first_false;
    if (s.status == "false" && !first) first = k;
  }
  return r;
}

nlohmann::json to_json(const ProofResult& r) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : r.steps) {
    nlohmann::json j{{"step", s.name},
                     {"claim", s.claim},
                     {"kind", s.kind == StepKind::identity ? "identity" : "inequality"},
                     {"status", s.status},
                     {"lhs", {{"lo", s.lhs.lo}, {"hi", s.lhs.hi}}},
                     {"rhs", {{"lo", s.rhs.lo}, {"hi", s.rhs.hi}}},
                     {"slack", {{"lo", s.slack.lo}, {"hi", s.slack.hi}}}};
    if (s.relative_slack) j["relative_slack"] = *s.relative_slack;
    // A proof's word only: false, slack and tight are decided by the enclosures; exact (converging evidence
    // of equality) and undecided prove nothing, and a Monte Carlo step never does.
    j["certified"] = !s.statistical && (s.status == "false" || s.status == "slack" || s.status == "tight");
    j["method"] = s.statistical ? "monte-carlo" : "interval";
    steps.push_back(std::move(j));
  }
  nlohmann::json out{{"statement", r.statement}, {"variant", r.variant}, {"derivation", r.derivation},
                     {"precision_bits", r.precision_bits}, {"certified", r.certified}, {"steps", steps}};
  const auto name_of = [&](const std::optional<std::size_t>& k) {
    return k ? nlohmann::json(r.steps[*k].name) : nlohmann::json(nullptr);
  };
  out["first_false_step"] = name_of(r.first_false);
  if (!r.certified) {
    out["first_false_step_statistical"] = name_of(r.first_false_statistical);
    out["monte_carlo"] = {{"seed", r.monte_carlo.seed},
                          {"samples", r.monte_carlo.monte_carlo_samples},
                          {"confidence", r.monte_carlo.confidence}};
  }
  return out;
}

std::string format_text(const ProofResult& r) {
  std::string out = fmt::format("proof replay: {} / {} ({}), intervals at {} bits\n", r.statement, r.variant,
                                r.derivation, r.precision_bits);
  if (!r.certified)
    out += fmt::format("  MC = a side is a Monte Carlo confidence interval (seed {}, {} samples, confidence {}): "
                       "that step's status is statistical, NOT certified\n",
                       r.monte_carlo.seed, r.monte_carlo.monte_carlo_samples, r.monte_carlo.confidence);
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    const auto& s = r.steps[k];
    std::string detail;
    if (s.status == "slack" || s.status == "tight")
      detail = fmt::format("  slack >= {:.6g} (relative {:.3g})", std::stod(s.slack.lo), s.relative_slack.value_or(0));
    if (s.status == "false")
      detail = fmt::format("  lhs - rhs >= {:.6g}", -std::stod(s.slack.hi));
    out += fmt::format("  {}. [{:<9}] {:<3}{:<28} {}{}\n", k + 1, s.status, s.statistical ? "MC" : "", s.name, s.claim,
                       detail);
  }
  if (r.first_false)
    out += fmt::format("first false step: {}. {}\n", *r.first_false + 1, r.steps[*r.first_false].name);
  if (r.first_false_statistical)
    out += fmt::format("first statistically false step (Monte Carlo, not certified): {}. {}\n",
                       *r.first_false_statistical + 1, r.steps[*r.first_false_statistical].name);
  if (!r.first_false && !r.first_false_statistical) out += "no false step\n";
  return out;
}

}  // namespace attnbound
