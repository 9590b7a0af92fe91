// Independent Corollary 3 reference by grouped reduction: see exact_reference.hpp.
#include "soundness/exact_reference.hpp"

#include <mpfr.h>

#include <algorithm>
#include <limits>
#include <numeric>

namespace attnbound::soundness {
namespace {

struct Groups {
  std::vector<Real> p;              // weights, descending
  std::vector<std::size_t> m;       // multiplicities
  std::vector<Real> others;         // sum of the other weights (1 - p_g), by nonnegative sums
  std::vector<Real> others_squares; // sum_{j != i} p_j^2 for an i in group g
};

// Groups from distinct logit values in descending order with their multiplicities.
Groups groups_from(const std::vector<Real>& values, const std::vector<std::size_t>& multiplicity, const Real& T) {
  Groups g;
  g.m = multiplicity;
  Real total(0);
  for (std::size_t k = 0; k < values.size(); ++k) {
    g.p.push_back(exp((values[k] - values[0]) / T));
    total += Real(static_cast<long long>(g.m[k])) * g.p.back();
  }
  for (Real& x : g.p) x /= total;
  for (std::size_t k = 0; k < values.size(); ++k) {
    Real o(0), q(0);
    for (std::size_t h = 0; h < values.size(); ++h) {
      const Real count(static_cast<long long>(h == k ? g.m[h] - 1 : g.m[h]));
      o += count * g.p[h];
      q += count * g.p[h] * g.p[h];
    }
    g.others.push_back(o);
    g.others_squares.push_back(q);
  }
  return g;
}

Groups group_weights(std::vector<Real> logits, const Real& T) {
  std::sort(logits.begin(), logits.end(), [](const Real& a, const Real& b) { return a > b; });
  std::vector<Real> values;
  std::vector<std::size_t> m;
  for (const Real& l : logits) {
    if (!values.empty() && values.back() == l) ++m.back();
    else values.push_back(l), m.push_back(1);
  }
  return groups_from(values, m, T);
}

// f(lambda) = (p_1 o_1 - lambda)/(p_1 - lambda) - sum_{g >= 2} m_g p_g^2/(p_g - lambda), and f'.
void secular(const Groups& g, const Real& lambda, Real* f, Real* df) {
  const Real top_gap = g.p[0] - lambda;
  *f = (g.p[0] * g.others[0] - lambda) / top_gap;
  *df = -(g.p[0] * g.p[0]) / (top_gap * top_gap);
  for (std::size_t k = 1; k < g.p.size(); ++k) {
    const Real gap = g.p[k] - lambda;
    const Real z2 = Real(static_cast<long long>(g.m[k])) * g.p[k] * g.p[k];
    *f -= z2 / gap;
    *df -= z2 / (gap * gap);
  }
}

Real lambda_max_of(const Groups& g) {
  if (g.p.size() == 1) return g.m[0] >= 2 ? g.p[0] : Real(0);
  if (g.m[0] >= 2) return g.p[0];
  Real lo = g.p[1], hi = g.p[0];  // f(lo+) = +inf, f(hi-) = -inf, f decreasing
  // A weight that underflowed even the extended range: no reference (NaN marks it unavailable).
  if (!(lo > 0)) return Real(std::numeric_limits<double>::quiet_NaN());
  const unsigned bits = PrecisionScope::current_bits();
  // Phase 1, sign bisection until the bracket is 2^-40 relative: geometric steps while hi/lo > 4 (the
  // weights may span 2^-1e9 .. 1), arithmetic after. Phase 2, Newton safeguarded by the bracket.
  Real f, df;
  Real f_lo, df_lo, f_hi, df_hi;  // f and f' at the bracket ends once evaluated there (0 = not yet)
  for (int it = 0; it < 400 && hi - lo > ldexp(hi, -40); ++it) {
    const Real mid = hi > 4 * lo ? Real(sqrt(lo * hi)) : Real((lo + hi) / 2);
    if (mid <= lo || mid >= hi) break;
    secular(g, mid, &f, &df);
    if (f > 0) lo = mid, f_lo = f, df_lo = df;
    else if (f < 0) hi = mid, f_hi = f, df_hi = df;
    else return mid;
  }
  Real lambda = (lo + hi) / 2, best = lambda, best_f, last_step = hi - lo;
  for (int it = 0; it < 200; ++it) {  // quadratic: 2^-40 -> 2^-bits in ~log2(bits/40) steps
    secular(g, lambda, &f, &df);
    if (f == 0) return lambda;
    // Keep the point of smallest |f|. Once the steps are below 2^-(bits/3) relative, a growing |f| means the
    // rounding noise of f is reached: stop there. The caller judges the result by comparing 2x and 4x bits.
    const bool better = it == 0 || abs(f) < abs(best_f);
    if (!better && last_step < ldexp(abs(lambda), -static_cast<int>(bits / 3))) break;
    if (better) {
      best = lambda;
      best_f = f;
    }
    if (f > 0) lo = lambda, f_lo = f, df_lo = df;
    else hi = lambda, f_hi = f, df_hi = df;
    // Newton from this point; if it leaves the bracket, Newton from the other end (the root is then close
    // to that end), else bisection.
    Real next = lambda - f / df;
    if (!(next > lo && next < hi)) {
      const bool from_lo = f < 0;
      const Real& end = from_lo ? lo : hi;
      const Real& f_end = from_lo ? f_lo : f_hi;
      const Real& df_end = from_lo ? df_lo : df_hi;
      next = df_end != 0 ? Real(end - f_end / df_end) : Real((lo + hi) / 2);
      if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    }
    last_step = abs(next - lambda);
    lambda = next;
    if (last_step <= ldexp(abs(lambda), 8 - static_cast<int>(bits))) {
      best = lambda;
      break;
    }
  }
  lambda = best;
  return lambda;
}

Real row_square(const Groups& g, std::size_t k) {
  return g.p[k] * g.p[k] * (g.others[k] * g.others[k] + g.others_squares[k]);
}

// T * ||J|| for the norm, from the groups.
Real scaled_norm(const Groups& g, const std::string& norm) {
  if (norm == "spectral") return lambda_max_of(g);
  if (norm == "frobenius") {
    Real s(0);
    for (std::size_t k = 0; k < g.p.size(); ++k) s += Real(static_cast<long long>(g.m[k])) * row_square(g, k);
    return sqrt(s);
  }
  Real best(0);
  for (std::size_t k = 0; k < g.p.size(); ++k) best = std::max(best, Real(sqrt(row_square(g, k))));
  return best;
}

Real cor3_bound(const std::string& statement, const std::string& variant, const Real& T, const Real& max_weight) {
  if (statement == "cor3.softmax_jacobian") return std::min(Real(1 / (4 * T)), Real(sqrt(Real(2))));
  if (variant == "per_weight") return sqrt(Real(2)) / (4 * T);
  if (variant == "max_weight") return max_weight / T;
  return 1 / (2 * T);
}

std::string rounded_text(const Real& x, int bits) {
  Real r = x;
  mpfr_prec_round(r.backend().data(), std::max(bits, 8), MPFR_RNDN);
  return to_decimal(r);
}

}  // namespace

Real grouped_lambda_max(const std::vector<Real>& weights, const std::vector<std::size_t>& multiplicity) {
  Groups g;
  g.p = weights;
  g.m = multiplicity;
  for (std::size_t k = 0; k < g.p.size(); ++k) {
    Real o(0), q(0);
    for (std::size_t h = 0; h < g.p.size(); ++h) {
      const Real count(static_cast<long long>(h == k ? g.m[h] - 1 : g.m[h]));
      o += count * g.p[h];
      q += count * g.p[h] * g.p[h];
    }
    g.others.push_back(o);
    g.others_squares.push_back(q);
  }
  return lambda_max_of(g);
}

std::optional<Cor3Value> cor3_reference(const std::string& statement, const std::string& variant,
                                        const std::vector<std::string>& logits, const std::string& temperature) {
  if (statement != "cor3.softmax_jacobian" && statement != "cor3.softmax_jacobian.corrected") return std::nullopt;
  if (logits.empty()) return std::nullopt;
  const Real T = from_decimal<Real>(temperature);
  std::vector<Real> l;
  for (const auto& t : logits) l.push_back(from_decimal<Real>(t));
  const Groups g = group_weights(l, T);
  const std::string norm = variant == "max_weight" ? "spectral" : variant;
  Cor3Value v;
  v.max_weight = g.p[0];
  v.quantity = scaled_norm(g, norm) / T;
  v.bound = cor3_bound(statement, variant, T, v.max_weight);
  return v;
}

std::optional<Cor3Logs> cor3_two_logit_logs(const std::string& statement, const std::string& variant,
                                            const std::vector<std::string>& logits, const std::string& temperature) {
  if (statement != "cor3.softmax_jacobian" && statement != "cor3.softmax_jacobian.corrected") return std::nullopt;
  if (logits.size() != 2) return std::nullopt;
  const Real T = from_decimal<Real>(temperature);
  const Real x = abs(from_decimal<Real>(logits[0]) - from_decimal<Real>(logits[1])) / T;
  if (x == 0) return std::nullopt;
  const Real log1p_term = x > Real(1e15) ? Real(0) : Real(log1p(exp(-x)));  // log(1 + e^-x)
  const Real log_pp = -x - 2 * log1p_term;                                     // log(p_1 p_2)
  const Real log_c = variant == "per_weight" ? Real(log(Real(2)) / 2) : Real(log(Real(2)));
  Cor3Logs out;
  out.log_quantity = log_c + log_pp - log(T);
  if (statement == "cor3.softmax_jacobian") out.log_bound = std::min(Real(-log(4 * T)), Real(log(Real(2)) / 2));
  else if (variant == "per_weight") out.log_bound = log(Real(2)) / 2 - log(4 * T);
  else if (variant == "max_weight") out.log_bound = -log1p_term - log(T);  // log(p_1 / T)
  else out.log_bound = -log(2 * T);
  return out;
}

std::optional<Cor1Values> cor1_at_index(const std::vector<std::string>& query, const std::vector<std::vector<std::string>>& keys,
                                        const std::string& temperature, const std::string& variant,
                                        const std::string& side, std::size_t index) {
  if (index >= keys.size() || (side != "upper" && side != "lower")) return std::nullopt;
  const Real T = from_decimal<Real>(temperature);
  std::vector<Real> q, logits, norms;
  for (const auto& t : query) q.push_back(from_decimal<Real>(t));
  Real qn(0);
  for (const Real& v : q) qn += v * v;
  qn = sqrt(qn);
  for (const auto& k : keys) {
    if (k.size() != q.size()) return std::nullopt;
    Real dot(0), n(0);
    for (std::size_t c = 0; c < k.size(); ++c) {
      const Real v = from_decimal<Real>(k[c]);
      dot += q[c] * v;
      n += v * v;
    }
    logits.push_back(dot);
    norms.push_back(sqrt(n));
  }
  const Real top = *std::max_element(logits.begin(), logits.end());
  Real total(0);
  for (const Real& l : logits) total += exp((l - top) / T);
  const Real alpha = exp((logits[index] - top) / T) / total;
  const Real delta = qn * (variant == "literal" ? norms[index] : *std::max_element(norms.begin(), norms.end()));
  const Real sign = side == "upper" ? Real(2) : Real(-2);
  return Cor1Values{alpha, exp(sign * delta / T) / Real(static_cast<long long>(keys.size()))};
}

std::optional<std::vector<std::string>> tune_grouped_cor3(const std::string& statement, const std::string& norm,
                                                          const std::string& temperature, std::size_t low_count,
                                                          int hair_bits, int bits) {
  PrecisionScope scope(static_cast<unsigned>(std::max(bits, hair_bits) + 128));
  const Real T = from_decimal<Real>(temperature);
  const Real hair = -T * ldexp(Real(1), -hair_bits);
  const Real target = T * cor3_bound(statement, norm, T, Real(1));  // T * bound, as a value of T ||J||
  // T ||J|| - target as a function of the low logits' value u T: positive for u -> -inf (two near-equal
  // top weights: ~1/2), negative at u = 0 when low_count is large. Bisection on u.
  auto excess = [&](const Real& u) {
    const Groups g = groups_from({Real(0), hair, Real(u * T)}, {1, 1, low_count}, T);
    if (norm != "spectral") return Real(scaled_norm(g, norm) - target);
    // spectral without solving the secular equation: lambda_max >= target iff target <= p_2 or f(target) >= 0.
    if (g.m[0] >= 2 || g.p.size() == 1) return Real(scaled_norm(g, norm) - target);
    if (target <= g.p[1]) return Real(1);
    if (target >= g.p[0]) return Real(-1);
    Real f, df;
    secular(g, target, &f, &df);
    return f;
  };
  Real lo = -200, hi = 0;
  if (!(excess(lo) > 0) || !(excess(hi) < 0)) return std::nullopt;
  for (int it = 0; it < bits + 64; ++it) {
    const Real mid = (lo + hi) / 2;
    if (excess(mid) > 0) lo = mid; else hi = mid;
  }
  std::vector<std::string> out{"0", to_decimal(hair)};
  const std::string c = rounded_text(((lo + hi) / 2) * T, bits);
  for (std::size_t i = 0; i < low_count; ++i) out.push_back(c);
  return out;
}

std::optional<std::vector<std::string>> tune_two_logit_cor3(const std::string& statement, const std::string& norm,
                                                            const std::string& temperature, int bits) {
  PrecisionScope scope(static_cast<unsigned>(bits + 128));
  const Real T = from_decimal<Real>(temperature);
  const Real target = T * cor3_bound(statement, norm, T, Real(1));
  // T ||J|| = c p_1 p_2 with c = 2 (spectral, frobenius) or sqrt 2 (per_weight); p_1 p_2 = y/(1+y)^2,
  // y = e^{-d/T}: s y^2 + (2s - 1) y + s = 0, the root y < 1.
  const Real s = target / (norm == "per_weight" ? Real(sqrt(Real(2))) : Real(2));
  if (!(s > 0 && s < Real(0.25))) return std::nullopt;
  const Real y = ((1 - 2 * s) - sqrt(1 - 4 * s)) / (2 * s);
  const Real d = -T * log(y);
  return std::vector<std::string>{"0", rounded_text(-d, bits)};
}

}  // namespace attnbound::soundness
