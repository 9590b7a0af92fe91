// Upper bounds over a box of logits on Lemma 2's ratio ||grad alpha|| / bound for the exp family F = exp(l/T)
// (theory/lemma2_jacobian.hpp), in double intervals with outward rounding (prove/, issue 14 item 2).
//
// With F = e^z, z = l/T: grad alpha = (I - alpha 1^T) diag(F') / S = A / T, A = diag p - p p^T, and the bound is
// (1/(T L m)) (max F + ||F||^2 / (L m)), m = min F. Both are invariant under F -> c F, so with max z = 0:
//   ratio = ||A|| G(z),   G = L m / (1 + S2 / (L m)) = L^2 m^2 / (L m + S2),   m = e^{min z}, S2 = sum e^{2 z_i},
// independent of T. Contract: for every z in the box, ratio(z) <= upper, where
//   ||A|| <= (prove/cor3_ratio_enclosure.hpp's upper end of 2 ||A||) / 2   (spectral: also max_i p_i; frobenius)
//   G <= L^2 m_hi^2 / (L m_lo + S2_lo),  m_hi = e^{min_k hi_k} >= m, m_lo = e^{min_k lo_k} <= m, S2_lo = sum e^{2 lo_k}
// (each factor bounded on its own: G's numerator by its largest value, its positive denominator by its smallest),
// every step directed. This bound is first order in the widths (G is not expanded around the centre), so it
// converges more slowly than the Corollary 3 forms; prove reports what it reaches.
#pragma once

#include "prove/cor3_ratio_enclosure.hpp"

namespace attnbound::prove {

RatioUpper lemma2_exp_ratio_upper(Cor3Norm norm, const std::vector<DoubleInterval>& box);
double lemma2_exp_ratio_estimate(Cor3Norm norm, const std::vector<double>& z);  // plain double, uncertified

}  // namespace attnbound::prove
