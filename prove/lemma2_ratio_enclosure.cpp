#include "prove/lemma2_ratio_enclosure.hpp"

#include <algorithm>
#include <cmath>

namespace attnbound::prove {

RatioUpper lemma2_exp_ratio_upper(Cor3Norm norm, const std::vector<DoubleInterval>& box) {
  RatioUpper ru = cor3_corrected_ratio_upper(norm, box);  // >= 2 ||A|| over the box
  const double L = static_cast<double>(box.size());
  double min_lo = box[0].lo, min_hi = box[0].hi, s2_lo = 0;
  std::size_t argmin = 0;
  for (std::size_t k = 0; k < box.size(); ++k) {
    if (box[k].lo < min_lo) min_lo = box[k].lo, argmin = k;
    min_hi = std::min(min_hi, box[k].hi);
    s2_lo = add_down(s2_lo, exp_down(2 * box[k].lo));  // 2 lo is exact (a power-of-two scaling)
  }
  const double m_hi = exp_up(min_hi), m_lo = exp_down(min_lo);
  const double numerator = mul_up(mul_up(L, L), mul_up(m_hi, m_hi));
  const double denominator = add_down(mul_down(L, m_lo), s2_lo);
  const double g_hi = div_up(numerator, denominator);
  ru.upper = mul_up(0.5 * ru.upper, g_hi);  // halving is exact
  // G's slack shrinks only with the width of the smallest coordinate: split it when it is the widest.
  std::size_t widest = 1;
  for (std::size_t k = 1; k < box.size(); ++k)
    if (box[k].hi - box[k].lo > box[widest].hi - box[widest].lo) widest = k;
  if (argmin >= 1 && box[argmin].hi - box[argmin].lo >= box[widest].hi - box[widest].lo) ru.split = argmin;
  return ru;
}

double lemma2_exp_ratio_estimate(Cor3Norm norm, const std::vector<double>& z) {
  const double top = *std::max_element(z.begin(), z.end());
  const double L = static_cast<double>(z.size());
  double m = 1, s2 = 0;
  for (double v : z) {
    m = std::min(m, std::exp(v - top));
    s2 += std::exp(2 * (v - top));
  }
  return 0.5 * cor3_corrected_ratio_estimate(norm, z) * (L * L * m * m / (L * m + s2));
}

}  // namespace attnbound::prove
