#include "prove/cor3_ratio_enclosure.hpp"

#include "prove/softmax_box_weights.hpp"
#include "theory/errors.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace attnbound::prove {

namespace {

using DI = DoubleInterval;

DI constant(double v) { return DI::point(v); }

struct Geometry {
  std::vector<DI> centre;       // the point c (each coordinate a double inside its interval)
  std::vector<double> radius;   // r_k >= |z_k - c_k| for every z in the box
};

Geometry geometry_of(const std::vector<DI>& box) {
  Geometry g;
  const std::vector<double> c = box_centre(box);  // any double of each [lo, hi] serves
  for (std::size_t k = 0; k < box.size(); ++k) {
    g.centre.push_back(DI::point(c[k]));
    g.radius.push_back(std::max(add_up(c[k], -box[k].lo), add_up(box[k].hi, -c[k])));
  }
  return g;
}

// q_i = sum_{j != i} p_j^2 from enclosures of the p_j.
DI others_squared(const std::vector<DI>& p, std::size_t i) {
  DI q = constant(0);
  for (std::size_t j = 0; j < p.size(); ++j)
    if (j != i) q = q + sqr(p[j]);
  return q;
}

// The mean-value terms sup_box |p_k (g_k - sum_i p_i g_i)| r_k (each rounded up) and their sum added to
// value_hi (rounded up): the bound R(z) <= value_hi + sum_k terms_k of the header.
struct MeanValue {
  double upper = 0;
  std::vector<double> terms;
};
MeanValue mean_value(double value_hi, const std::vector<DI>& g, const std::vector<DI>& p,
                     const std::vector<double>& radius) {
  DI m = constant(0);
  for (std::size_t i = 0; i < p.size(); ++i) m = m + p[i] * g[i];
  MeanValue mv;
  mv.upper = value_hi;
  for (std::size_t k = 0; k < p.size(); ++k) {
    const double term = radius[k] == 0 ? 0.0 : mul_up(magnitude(p[k] * (g[k] - m)), radius[k]);
    mv.terms.push_back(term);
    mv.upper = add_up(mv.upper, term);
  }
  return mv;
}

std::size_t largest_free_term(const std::vector<double>& terms) {
  std::size_t best = 1;
  for (std::size_t k = 1; k < terms.size(); ++k)
    if (terms[k] > terms[best]) best = k;
  return best;
}

// ratio^2 = 4 ||A||_F^2 over the box, by the mean-value form. F = sum_i p_i^2 (o_i^2 + q_i) at the centre (no
// subtraction); grad_p of the extension 4(a - 2b + a^2), a = sum p^2, b = sum p^3: g_i = 4 p_i (2 - 6 p_i + 4a).
MeanValue frobenius_squared(const SoftmaxBoxWeights& at_centre, const SoftmaxBoxWeights& over_box,
                            const std::vector<double>& radius) {
  const std::size_t L = at_centre.p.size();
  DI value = constant(0);
  for (std::size_t i = 0; i < L; ++i)
    value = value + sqr(at_centre.p[i]) * (sqr(at_centre.other[i]) + others_squared(at_centre.p, i));
  value = constant(4) * value;
  DI a = constant(0);
  for (const DI& pi : over_box.p) a = a + sqr(pi);
  std::vector<DI> g;
  for (const DI& pi : over_box.p) g.push_back(constant(4) * pi * (constant(2) - constant(6) * pi + constant(4) * a));
  return mean_value(value.hi, g, over_box.p, radius);
}

// Row i: ratio_i^2 = 8 p_i^2 (o_i^2 + q_i). The extension 8 p_i^2 (s_i^2 + q_i), s_i = sum_{j != i} p_j, has
// d/dp_i = 16 p_i (s_i^2 + q_i) and d/dp_j = 16 p_i^2 (s_i + p_j) (j != i). The row formula evaluated on the
// box enclosures bounds it too; the smaller bound is kept.
MeanValue per_weight_row_squared(std::size_t i, const SoftmaxBoxWeights& at_centre, const SoftmaxBoxWeights& over_box,
                                 const std::vector<double>& radius) {
  const std::size_t L = at_centre.p.size();
  const DI value = constant(8) * sqr(at_centre.p[i]) * (sqr(at_centre.other[i]) + others_squared(at_centre.p, i));
  const DI& pi = over_box.p[i];
  const DI& si = over_box.other[i];
  const DI qi = others_squared(over_box.p, i);
  std::vector<DI> g(L);
  for (std::size_t j = 0; j < L; ++j)
    g[j] = j == i ? constant(16) * pi * (sqr(si) + qi) : constant(16) * sqr(pi) * (si + over_box.p[j]);
  MeanValue mv = mean_value(value.hi, g, over_box.p, radius);
  const double direct = (constant(8) * sqr(pi) * (sqr(si) + qi)).hi;
  if (direct < mv.upper) {
    mv.upper = direct;
    // The direct bound shrinks with every coordinate's width; weigh them by their weights.
    for (std::size_t k = 0; k < L; ++k) mv.terms[k] = mul_up(over_box.p[k].hi, radius[k]);
  }
  return mv;
}

}  // namespace

std::vector<double> box_centre(const std::vector<DoubleInterval>& box) {
  std::vector<double> c;
  for (const auto& x : box) c.push_back(std::clamp(0.5 * x.lo + 0.5 * x.hi, x.lo, x.hi));
  return c;
}

Cor3Norm cor3_norm_of(const std::string& variant) {
  if (variant == "spectral") return Cor3Norm::spectral;
  if (variant == "frobenius") return Cor3Norm::frobenius;
  if (variant == "per_weight") return Cor3Norm::per_weight;
  throw InputError("variant", "prove bounds the Corollary 3 norms spectral, frobenius and per_weight, not '" + variant + "'");
}

RatioUpper cor3_corrected_ratio_upper(Cor3Norm norm, const std::vector<DoubleInterval>& box) {
  const Geometry geo = geometry_of(box);
  const SoftmaxBoxWeights at_centre = softmax_box_weights(geo.centre);
  const SoftmaxBoxWeights over_box = softmax_box_weights(box);
  RatioUpper out;
  if (norm == Cor3Norm::per_weight) {
    double worst = 0;
    std::vector<double> worst_terms;
    for (std::size_t i = 0; i < box.size(); ++i) {
      MeanValue mv = per_weight_row_squared(i, at_centre, over_box, geo.radius);
      if (mv.upper >= worst) {
        worst = mv.upper;
        worst_terms = std::move(mv.terms);
      }
    }
    out.upper = sqrt_up(worst);
    out.split = largest_free_term(worst_terms);
    return out;
  }
  const MeanValue frob = frobenius_squared(at_centre, over_box, geo.radius);
  out.upper = sqrt_up(frob.upper);
  out.split = largest_free_term(frob.terms);
  if (norm == Cor3Norm::spectral) {
    double top = 0;  // >= max_i p_i over the box
    for (const DI& pi : over_box.p) top = std::max(top, pi.hi);
    const double interlacing = 2 * top;  // exact (a power of two)
    if (interlacing < out.upper) {
      out.upper = interlacing;
      std::vector<double> terms;
      for (std::size_t k = 0; k < box.size(); ++k) terms.push_back(mul_up(over_box.p[k].hi, geo.radius[k]));
      out.split = largest_free_term(terms);
    }
  }
  return out;
}

double cor3_corrected_ratio_estimate(Cor3Norm norm, const std::vector<double>& z) {
  const double top = *std::max_element(z.begin(), z.end());
  std::vector<double> p;
  double sum = 0;
  for (double v : z) sum += p.emplace_back(std::exp(v - top));
  for (double& v : p) v /= sum;
  const std::size_t L = p.size();
  auto row_squared = [&](std::size_t i) {
    double o = 0, q = 0;
    for (std::size_t j = 0; j < L; ++j)
      if (j != i) o += p[j], q += p[j] * p[j];
    return p[i] * p[i] * (o * o + q);
  };
  if (norm == Cor3Norm::per_weight) {
    double worst = 0;
    for (std::size_t i = 0; i < L; ++i) worst = std::max(worst, row_squared(i));
    return std::sqrt(8 * worst);
  }
  if (norm == Cor3Norm::frobenius) {
    double f = 0;
    for (std::size_t i = 0; i < L; ++i) f += row_squared(i);
    return 2 * std::sqrt(f);
  }
  std::vector<double> sorted = p;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  if (L < 2) return 0;
  double lo = sorted[1], hi = sorted[0];
  if (hi == lo) return 2 * hi;
  for (int it = 0; it < 200 && lo < hi; ++it) {  // g(lambda) = 1 - sum p_i^2 / (p_i - lambda) decreases on (lo, hi)
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    double g = 1;
    for (double pi : p) g -= pi * pi / (pi - mid);
    (g > 0 ? lo : hi) = mid;
  }
  return 2 * hi;
}

}  // namespace attnbound::prove
