// Theorem 2 at d = 1: E[N_s] exactly, by enumerating the sign patterns of the selected tokens.
//
// Domain: weights alpha_0..alpha_{L-1} >= 0 (fixed), a top-N set I (N >= 1), radius r > 0, sphere radius M > 0,
// d = 1. Assumption 1 at d = 1: the sphere S^0(M) is {-M, +M}, so x_i = sigma_i M with sigma_i iid uniform on
// {-1, +1}. With a_i = alpha_i M and s = sum_{i in I} sigma_i a_i (spec 1.5 [R]):
//   N_s = [prod_{j notin I} 1{|sigma_j a_j - s| > r}] * sum_{i in I} 1{|s - sigma_i a_i| <= r}.
// The non-selected signs enter only through their own factor, and are independent of the selected ones, so
// conditioning on sigma_I (2^N patterns, each of probability 2^-N):
//   E[N_s] = 2^-N sum_{sigma_I} C(sigma_I) prod_{j notin I} K_j(s)/2 = 2^-L sum_{sigma_I} C prod_j K_j,
//   C   = #{i in I : sigma_i a_i - r <= s <= sigma_i a_i + r}          (|s - sigma_i a_i| <= r, rewritten)
//   K_j = #{tau in {-1, +1} : s < tau a_j - r  or  s > tau a_j + r}    (|tau a_j - s| > r, rewritten), in {0, 1, 2}
// so prod_j K_j is 0 or 2^m (m = #{j : K_j = 2}) and E[N_s] is a finite sum of integers times powers of 2,
// accumulated exactly in integers (a count per power) and converted to S at the end.
// Guarantee: for S = Interval every indicator is decided from enclosures (tri-state, see tri_le / tri_lt
// below); a decision an enclosure cannot make (a boundary case |.| = r exactly with inexact enclosures, or a
// too wide enclosure) is never guessed: the lower sum takes the outcome 0 and the upper sum the outcome 1,
// i.e. that pattern adds [0, 1] times its probability, and `undecided` counts such decisions. The result is
// then an enclosure of the exact E[N_s] for the exact inputs the enclosures contain. For double and Real the
// decisions are plain comparisons of the (rounded) values: the exact sum for those point values.
// Cost: 2^N patterns x (2N + 4(L - N)) comparisons, s by meet-in-the-middle (one addition per pattern).
// Reference: spec 1.5 (Assumption 1, N_s) and section 2 (Theorem 2); erratum E7.
#pragma once

#include "theory/arith.hpp"
#include "theory/double_interval.hpp"
#include "theory/scalar.hpp"

#include <mpfi.h>
#include <mpfr.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace attnbound {

// a <= b for every a* in a, b* in b (Interval: enclosures). yes: hi(a) <= lo(b), so a* <= hi(a) <= lo(b) <= b*;
// no: lo(a) > hi(b), so a* >= lo(a) > hi(b) >= b*; otherwise unknown (NaN ends compare false: unknown).
template <class S> Tri tri_le(const S& a, const S& b) {
  if constexpr (is_interval_v<S>) {
    const auto* x = a.backend().data();
    const auto* y = b.backend().data();
    if (mpfr_lessequal_p(&x->right, &y->left)) return Tri::yes;
    if (mpfr_greater_p(&x->left, &y->right)) return Tri::no;
    return Tri::unknown;
  } else {
    return a <= b ? Tri::yes : Tri::no;
  }
}
// a < b: yes: hi(a) < lo(b) (a* <= hi(a) < lo(b) <= b*); no: lo(a) >= hi(b) (a* >= lo(a) >= hi(b) >= b*).
template <class S> Tri tri_lt(const S& a, const S& b) {
  if constexpr (is_interval_v<S>) {
    const auto* x = a.backend().data();
    const auto* y = b.backend().data();
    if (mpfr_less_p(&x->right, &y->left)) return Tri::yes;
    if (mpfr_greaterequal_p(&x->left, &y->right)) return Tri::no;
    return Tri::unknown;
  } else {
    return a < b ? Tri::yes : Tri::no;
  }
}

// sum_m counts[m] 2^(m - shift) in S: Interval -> an enclosure (each count is read from its exact decimal, the
// power of two is exact within the exponent range, + and * enclose); point types -> the rounded value.
template <class S> S dyadic_sum(const std::vector<std::uint64_t>& counts, long shift) {
  S total(0);
  for (std::size_t m = 0; m < counts.size(); ++m)
    if (counts[m] != 0) {
      using std::ldexp;
      total += ldexp(from_decimal<S>(std::to_string(counts[m])), static_cast<int>(static_cast<long>(m) - shift));
    }
  return total;
}

template <class S> struct SignEnumeration {
  S expected;                   // E[N_s] (Interval: an enclosure)
  std::uint64_t patterns = 0;   // 2^N sign patterns of the selected tokens
  std::uint64_t undecided = 0;  // indicator decisions an enclosure could not make (each covered by 0 and 1)
};

// E[N_s] at d = 1. `set`: the selected indices (increasing, nonempty, N <= 40).
template <class S>
SignEnumeration<S> expected_selected_count_d1(const Vec<S>& alpha, const std::vector<std::size_t>& set, const S& radius,
                                              const S& sphere_radius) {
  const std::size_t L = alpha.size(), N = set.size();
  if (N == 0 || N > 40 || N > L) throw std::invalid_argument("expected_selected_count_d1: need 1 <= N <= min(L, 40)");
  std::vector<bool> selected(L, false);
  for (const std::size_t i : set) selected.at(i) = true;
  // Thresholds: index 0 is sigma = -1, index 1 is sigma = +1.
  std::vector<S> in_lo, in_hi;    // 2N: sigma a_i - r, sigma a_i + r  (i in I)
  std::vector<S> out_lo, out_hi;  // 2(L - N): tau a_j - r, tau a_j + r  (j notin I)
  std::vector<S> signed_a;        // 2N: -a_i, +a_i
  for (std::size_t i = 0; i < L; ++i) {
    const S a = alpha[i] * sphere_radius;
    for (const S& v : {S(-a), a}) {
      (selected[i] ? in_lo : out_lo).push_back(v - radius);
      (selected[i] ? in_hi : out_hi).push_back(v + radius);
      if (selected[i]) signed_a.push_back(v);
    }
  }
  // Meet in the middle: s = A[p] + B[q], p the signs of the first h selected tokens, q those of the rest.
  const std::size_t h = N / 2;
  const auto half_sums = [&](std::size_t from, std::size_t to) {
    std::vector<S> out(std::size_t{1} << (to - from));
    for (std::size_t p = 0; p < out.size(); ++p) {
      S sum(0);
      for (std::size_t k = from; k < to; ++k) sum += signed_a[2 * k + ((p >> (k - from)) & 1u)];
      out[p] = sum;
    }
    return out;
  };
  const std::vector<S> A = half_sums(0, h), B = half_sums(h, N);
  const std::size_t J = L - N;
  std::vector<std::uint64_t> lo_count(J + 1, 0), hi_count(J + 1, 0);  // index m: sum of C over patterns with prod K = 2^m
  SignEnumeration<S> out;
  out.patterns = std::uint64_t{1} << N;
  for (std::size_t p = 0; p < A.size(); ++p)
    for (std::size_t q = 0; q < B.size(); ++q) {
      const S s = A[p] + B[q];  // Interval: encloses the exact s of this pattern
      std::uint64_t c_lo = 0, c_hi = 0;
      for (std::size_t k = 0; k < N; ++k) {
        const std::size_t sign = k < h ? (p >> k) & 1u : (q >> (k - h)) & 1u;
        // |s - sigma_k a_k| <= r  <=>  sigma_k a_k - r <= s  and  s <= sigma_k a_k + r
        const Tri inside = tri_and(tri_le(in_lo[2 * k + sign], s), tri_le(s, in_hi[2 * k + sign]));
        if (inside == Tri::yes) ++c_lo;
        if (inside != Tri::no) ++c_hi;
        if (inside == Tri::unknown) ++out.undecided;
      }
      if (c_hi == 0) continue;  // contributes 0 to both sums
      std::size_t m_lo = 0, m_hi = 0;
      bool zero_lo = c_lo == 0, zero_hi = false;
      for (std::size_t j = 0; j < J && !zero_hi; ++j) {
        int k_lo = 0, k_hi = 0;
        for (std::size_t tau = 0; tau < 2; ++tau) {
          // |tau a_j - s| > r  <=>  s < tau a_j - r  or  s > tau a_j + r
          const Tri outside = tri_or(tri_lt(s, out_lo[2 * j + tau]), tri_lt(out_hi[2 * j + tau], s));
          if (outside == Tri::yes) ++k_lo;
          if (outside != Tri::no) ++k_hi;
          if (outside == Tri::unknown) ++out.undecided;
        }
        if (k_lo == 0) zero_lo = true;
        if (k_lo == 2) ++m_lo;
        if (k_hi == 0) zero_hi = true;
        if (k_hi == 2) ++m_hi;
      }
      if (!zero_lo) lo_count[m_lo] += c_lo;
      if (!zero_hi) hi_count[m_hi] += c_hi;
    }
  const long shift = static_cast<long>(L);
  if constexpr (is_interval_v<S>) {
    out.expected = hull(lower_end(dyadic_sum<S>(lo_count, shift)), upper_end(dyadic_sum<S>(hi_count, shift)));
  } else {
    out.expected = dyadic_sum<S>(hi_count, shift);  // point decisions: lo_count == hi_count
  }
  return out;
}

}  // namespace attnbound
