// alt.low_temperature: the paper's temperature guideline (spec section 5, guideline 3: "Avoid an overly sharp
// softmax. T below 10^-1 raises Jacobian norms without improving separability"; spec section 4: "gradient ~
// 1/T for T < 0.1"; E12: the threshold is written "T < 0.1", "T < 10^-1" and "T <= 0.1"), as a claim about
// one row of logits lowered from a temperature T1 to T2 <= 1/10. Stated in the paper: the guideline, in
// words. Derived here: the precise per-instance reading below and the `collapse` bound with its proof.
//
// Instance: logits z (L finite decimals), x (L rows, the token embeddings), top_n N (1 <= N <= L),
// temperature T1 > 0, low_temperature T2 with 0 < T2 < T1 and T2 <= 1/10 (default T1/10, which needs T1 <= 1),
// tolerance tau >= 0 (default 0). p(T) = softmax(z/T); J(T) = (diag p - p p^T)/T its Jacobian (spec 1.6).
// I_N: the N largest logits, ties by the lower index (theory/top_n.hpp); softmax preserves the order of
// the logits for every T > 0 (exp is increasing), so I_N is the top-N set of the weights at T1 and at T2.
// d~(T) = Theorem 1's distance, reading (a), with alpha = p(T) (theory/top_n.hpp, representation_distance);
// N_s(T) = Algorithm 4's count with alpha = p(T) (theory/separation_count.hpp).
//   guideline   three sides, "improving" read as growing (a larger d~ puts the selected context farther
//               from the non-selected tokens; a larger N_s/N separates more of the selected ones):
//                 jacobian      ||J(T2)||_2 >= ||J(T1)||_2                 (lowering T raises ||J||_2)
//                 distance      d~(T2) <= (1 + tau) d~(T1)                 (the distance no longer improves)
//                 separability  N_s(T2)/N <= N_s(T1)/N                     (separability does not improve)
//               an empirical claim: no proof exists; true or false per instance, and the engine certifies
//               which. It fails where the top logit gap g is large against T2: ||J(T)||_2 then collapses (see
//               collapse) instead of rising, and where the top-N weights are still spread at T1 (d~ grows
//               while s moves towards x_top).
//   one_over_T  ||J(T2)||_2 >= (T1/T2) ||J(T1)||_2, the "~ 1/T" reading. Equality when every logit is tied
//               (p = 1/L at every T, ||J(T)||_2 = 1/(L T)). False at L = 2 under any gap g > 0:
//               ||J(T)||_2 = 2 sigma(g/T) sigma(-g/T)/T and sigma(u) sigma(-u) decreases in u >= 0. At L >= 3
//               it can hold: lowering T can move the weight from many tokens onto a (near-)tied group, and
//               lambda_max(diag p - p p^T) rises (1/L at uniform weights, 1/2 at a two-way tie); the
//               normalisers report's spot check finds it holding on a genuine GPT-2 row (L = 6).
//   collapse    at T = T1 and T = T2 (sides "high", "low"): ||J(T)||_2 <= 2 (1 - p_k(T))/T, k the index of a
//               largest logit (so p_k = max_i p_i); hence ||J(T)||_2 <= 2 (L - 1) e^{-g/T}/T with g = z_(1) -
//               z_(2). Proof: diag p - p p^T is symmetric positive semidefinite, so its 2-norm is lambda_max <=
//               max_i sum_j |A_ij| = max_i [p_i(1 - p_i) + p_i sum_{j != i} p_j] = max_i 2 p_i (1 - p_i)
//               (Gershgorin); for i = k, 2 p_k(1 - p_k) <= 2(1 - p_k); for i != k, p_i <= 1 - p_k, so
//               2 p_i(1 - p_i) <= 2(1 - p_k). 1 - p_k is computed as sum_{j != k} p_j (no cancellation). Not
//               attained for L >= 2 (at L = 2 the ratio is p_k); L = 1: 0 <= 0.
// ||J(T)||_2 is computed as ||A||_2/T with A = diag p - p p^T written as the Laplacian of the complete graph
// with edge weights p_i p_j: A_ij = -p_i p_j (i != j), A_ii = p_i sum_{j != i} p_j (equal to p_i(1 - p_i)
// because sum p = 1, without its cancellation when p_i is near 1). Every entry then has a small relative
// error, and the general spectral norm (theory/jacobian_norms.hpp) of A / max_i A_ii (scaled so that A^T A
// does not underflow in double) resolves lambda_max to a relative error even when the weights are one-hot
// to within e^-1000, the regime of this statement; the secular-equation route resolves lambda_max only above
// about 2^-bits p_(1). Dense: O(L^3), so the search and verify cap L at 64.
// No choice from rounded values: k and I_N come from the exact logits; N_s/N is enclosed in Interval with its
// undecided comparisons counted both ways (theory/separation_count.hpp, separated_fraction).
#pragma once

#include "theory/exact_decimal.hpp"
#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/separation_count.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/softmax.hpp"
#include "theory/statement.hpp"
#include "theory/top_n.hpp"

namespace attnbound::alt_low_temperature {

inline StatementInfo info() {
  return {"alt.low_temperature",
          "Temperature guideline: below T = 0.1, ||J||_2 rises while Theorem 1's distance and Algorithm 4's N_s/N "
          "do not improve (stated in the paper; precise reading derived here)",
          "spec section 5 (guideline 3: avoid T below 10^-1), section 4 (gradient ~ 1/T for T < 0.1), E12; "
          "Theorem 1 (d~, spec 1.3), Algorithm 4 (N_s/N); reading and collapse bound derived in "
          "theory/alt_low_temperature.hpp",
          "logits finite; x has L rows; 1 <= top_n <= L; temperature T1 > 0; low_temperature T2 with 0 < T2 < T1 "
          "and T2 <= 1/10 (default T1/10); tolerance >= 0 (default 0)",
          {"logits", "x", "top_n", "temperature", "low_temperature", "tolerance"},
          {{"guideline",
            "||J(T2)||_2 >= ||J(T1)||_2, d~(T2) <= (1 + tol) d~(T1), N_s(T2)/N <= N_s(T1)/N (lowering T raises the "
            "Jacobian norm without improving distance or separability)",
            "[S] stated in the paper (spec section 5); precise reading derived here"},
           {"one_over_T", "||J(T2)||_2 >= (T1/T2) ||J(T1)||_2 (the norm grows like 1/T)",
            "[S] stated in the paper; false at L = 2 under any gap, can hold at L >= 3 (equality at all-tied logits)"},
           {"collapse", "||J(T)||_2 <= 2 (1 - max_i p_i(T))/T at T1 and T2 (<= 2(L-1) e^{-gap/T}/T)", "derived"}}};
}

// The temperatures of an instance, checked on exact rationals (T2 < T1, T2 <= 1/10).
template <class S> struct TemperaturePair {
  S high, low;
};

template <class S> TemperaturePair<S> read_temperature_pair(const Instance& inst) {
  const std::string t1 = inst.decimal("temperature");
  if (decimal_sign(t1) <= 0) throw HypothesisError("temperature", "must be > 0, got " + t1);
  const Rational high = Rational::from_decimal(t1, "temperature"), tenth = Rational::from_decimal("0.1", "");
  TemperaturePair<S> t{from_decimal<S>(t1), S(0)};
  if (!inst.has("low_temperature")) {
    // T2 = T1/10 <= 1/10 iff T1 <= 1; T2 < T1 always.
    if (!(high <= Rational(1)))
      throw HypothesisError("temperature", "the default low_temperature T1/10 must be <= 1/10: give low_temperature "
                                           "or T1 <= 1, got " + t1);
    t.low = t.high / S(10);
    return t;
  }
  const std::string t2 = inst.decimal("low_temperature");
  if (decimal_sign(t2) <= 0) throw HypothesisError("low_temperature", "must be > 0, got " + t2);
  const Rational low = Rational::from_decimal(t2, "low_temperature");
  if (!(low < high)) throw HypothesisError("low_temperature", "must be < temperature (" + t1 + "), got " + t2);
  if (!(low <= tenth)) throw HypothesisError("low_temperature", "must be <= 1/10 (the guideline's range), got " + t2);
  t.low = from_decimal<S>(t2);
  return t;
}

// ||diag p - p p^T||_2 / T through the Laplacian form above (0 for L = 1).
template <class S> S laplacian_jacobian_norm(const Vec<S>& p, const S& T) {
  const std::size_t L = p.size();
  if (L < 2) return S(0);
  Mat<S> A(L, Vec<S>(L, S(0)));
  S scale(0);
  for (std::size_t i = 0; i < L; ++i) {
    S rest(0);
    for (std::size_t j = 0; j < L; ++j)
      if (j != i) {
        rest += p[j];
        A[i][j] = -(p[i] * p[j]);
      }
    A[i][i] = p[i] * rest;
    scale = smax(scale, A[i][i]);  // A is diagonally dominant: A_ii >= |A_ij|, so this is max |A_ij| > 0
  }
  for (auto& row : A)
    for (auto& a : row) a /= scale;
  return spectral_norm(A) * scale / T;
}

// Everything measured at one temperature.
template <class S> struct AtTemperature {
  S jacobian, collapse_bound, distance;
  SeparationCount<S> separation;
};

template <class S>
AtTemperature<S> at_temperature(const Vec<S>& z, const S& T, const Mat<S>& x, const std::vector<bool>& in,
                                 std::size_t top) {
  const Vec<S> p = softmax(z, T);
  AtTemperature<S> a{laplacian_jacobian_norm(p, T), S(0), representation_distance(p, x, in,
                                                                                         DistanceReading::sum_of_norms),
                     separation_count(p, x, in)};
  S rest(0);
  for (std::size_t j = 0; j < p.size(); ++j)
    if (j != top) rest += p[j];
  a.collapse_bound = S(2) * rest / T;
  return a;
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  const std::vector<Rational> keys = exact_vector(inst.decimal_vector("logits"), "logits");
  const Vec<S> z = shift_invariant_logits<S>(inst, "logits");  // softmax(z + c) = softmax(z): ties stay exact
  const std::size_t L = z.size();
  const Mat<S> x = read_embeddings<S>(inst, L);
  const std::size_t N = checked_top_n(inst, L);
  const std::vector<bool> in = membership(L, top_n_indices(keys, N));
  const std::size_t top = top_n_indices(keys, 1).front();  // a largest logit: p_top = max_i p_i at every T
  const TemperaturePair<S> T = read_temperature_pair<S>(inst);
  S tolerance(0);
  if (inst.has("tolerance")) {
    const std::string t = inst.decimal("tolerance");
    if (decimal_sign(t) < 0) throw HypothesisError("tolerance", "must be >= 0, got " + t);
    tolerance = from_decimal<S>(t);
  }
  const AtTemperature<S> hi = at_temperature(z, T.high, x, in, top), lo = at_temperature(z, T.low, x, in, top);
  const S n = S(static_cast<long long>(N));
  const S ns_hi = separated_fraction(hi.separation), ns_lo = separated_fraction(lo.separation);

  Evaluation<S> e;
  if (variant == "one_over_T") {
    e.sides.push_back({"claim", Relation::at_least, lo.jacobian, S(T.high / T.low * hi.jacobian), std::nullopt});
  } else if (variant == "collapse") {
    e.sides.push_back({"high", Relation::at_most, hi.jacobian, hi.collapse_bound, std::nullopt});
    e.sides.push_back({"low", Relation::at_most, lo.jacobian, lo.collapse_bound, std::nullopt});
  } else {
    e.sides.push_back({"jacobian", Relation::at_least, lo.jacobian, hi.jacobian, std::nullopt});
    e.sides.push_back({"distance", Relation::at_most, lo.distance, S((S(1) + tolerance) * hi.distance), std::nullopt});
    e.sides.push_back({"separability", Relation::at_most, ns_lo, ns_hi, std::nullopt});
  }
  e.details.push_back({"jacobian_high", hi.jacobian});
  e.details.push_back({"jacobian_low", lo.jacobian});
  e.details.push_back({"distance_high", hi.distance});
  e.details.push_back({"distance_low", lo.distance});
  e.details.push_back({"separated_fraction_high", ns_hi});
  e.details.push_back({"separated_fraction_low", ns_lo});
  e.details.push_back({"collapse_bound_high", hi.collapse_bound});
  e.details.push_back({"collapse_bound_low", lo.collapse_bound});
  e.details.push_back({"low_temperature", T.low});
  e.details.push_back({"top_n", n});
  return e;
}

}  // namespace attnbound::alt_low_temperature
