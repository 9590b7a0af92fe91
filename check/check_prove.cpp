#include "check/check_prove.hpp"

#include "check/ball.hpp"
#include "check/check_prove_alt.hpp"
#include "check/decimal.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace attnbound::check {

namespace {

constexpr long kPrec = 128;

using Json = nlohmann::json;

struct Header {
  std::string statement, variant, status;
  int length = 0;
  double lo = 0, hi = 0;
  Ball temperature, target;
  int dim = 0, top_n = 0;     // thm1.fixed
  double x_lo = 0, x_hi = 0;  // thm1.fixed
  bool thm1() const { return statement == "thm1.fixed"; }
};

std::string text_of(const Json& j, const std::string& key) {
  if (!j.contains(key)) throw InputError(key, "missing in the prove certificate");
  const Json& v = j.at(key);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  throw InputError(key, "must be a decimal string");
}

Ball ball_of_double(double v) {
  Ball b;
  arb_set_d(b.get(), v);  // exact: a double is a dyadic number
  return b;
}

// The double that the decimal text denotes exactly (a ball of radius 0 equal to a double), else InputError.
double exact_double_of(const std::string& text, const std::string& field) {
  const Ball b = parse_decimal(text, 2048, field);
  const double d = std::strtod(text.c_str(), nullptr);
  if (!arb_is_exact(b.get()) || !arb_equal(b.get(), ball_of_double(d).get()))
    throw InputError(field, "'" + text + "' is not exactly a double");
  return d;
}

Header read_header(const Json& j) {
  Header h;
  h.statement = text_of(j, "statement");
  h.variant = text_of(j, "variant");
  h.status = text_of(j, "status");
  if (h.statement != "cor3.softmax_jacobian" && h.statement != "cor3.softmax_jacobian.corrected" &&
      h.statement != "lemma2.jacobian" && h.statement != "thm1.fixed")
    throw InputError("statement", "prove certificates cover the Corollary 3 family, Lemma 2 (F = exp) and Theorem 1 part 1, "
                                  "not '" + h.statement + "'");
  if (h.thm1()) {
    if (h.variant != "tight") throw InputError("variant", "unknown prove variant '" + h.variant + "' for thm1.fixed");
  } else if (h.variant != "spectral" && h.variant != "frobenius" && (h.statement == "lemma2.jacobian" || h.variant != "per_weight")) {
    throw InputError("variant", "unknown prove variant '" + h.variant + "' for " + h.statement);
  }
  if (h.status != "proved" && h.status != "refuted" && h.status != "incomplete")
    throw InputError("status", "unknown status '" + h.status + "'");
  if (!j.contains("length") || !j.at("length").is_number_integer()) throw InputError("length", "must be an integer");
  h.length = j.at("length").get<int>();
  if (h.length < 2 || h.length > (h.thm1() ? 6 : 12)) throw InputError("length", "must be in [2, 12] ([2, 6] for thm1.fixed)");
  if (h.thm1()) {
    if (!j.contains("dim") || !j.at("dim").is_number_integer() || !j.contains("top_n") || !j.at("top_n").is_number_integer())
      throw InputError("dim", "a thm1.fixed certificate needs integer dim and top_n");
    h.dim = j.at("dim").get<int>();
    h.top_n = j.at("top_n").get<int>();
    if (h.dim < 1 || h.dim > 3) throw InputError("dim", "must be in [1, 3]");
    if (h.top_n < 1 || h.top_n > h.length - 1) throw InputError("top_n", "must be in [1, L - 1]");
    if (!j.contains("x") || !j.at("x").is_object()) throw InputError("x", "must be {\"lo\", \"hi\"}");
    h.x_lo = exact_double_of(text_of(j.at("x"), "lo"), "x.lo");
    h.x_hi = exact_double_of(text_of(j.at("x"), "hi"), "x.hi");
    if (!(h.x_lo < h.x_hi && std::fabs(h.x_lo) <= 1e6 && std::fabs(h.x_hi) <= 1e6)) throw InputError("x", "need lo < hi within [-1e6, 1e6]");
  }
  if (!j.contains("logits") || !j.at("logits").is_object()) throw InputError("logits", "must be {\"lo\", \"hi\"}");
  h.lo = exact_double_of(text_of(j.at("logits"), "lo"), "logits.lo");
  h.hi = exact_double_of(text_of(j.at("logits"), "hi"), "logits.hi");
  if (!(h.lo >= -700 && h.lo < h.hi && h.hi <= 0)) throw InputError("logits", "need -700 <= lo < hi <= 0");
  h.temperature = parse_decimal(text_of(j, "temperature"), kPrec, "temperature");
  if (!certainly_positive(h.temperature)) throw InputError("temperature", "must be > 0");
  h.target = parse_decimal(text_of(j, "target_ratio"), kPrec, "target_ratio");
  if (!certainly_positive(h.target)) throw InputError("target_ratio", "must be > 0");
  return h;
}

using Box = std::vector<std::pair<double, double>>;

bool certainly_no_sorted_point(const Box& b, std::size_t length) {
  for (std::size_t j = 1; j < length; ++j)
    for (std::size_t i = 0; i < j; ++i)
      if (b[j].first > b[i].second) return true;
  return false;
}

// Exact ranges of p_i and 1 - p_i over the box, as balls containing them (monotonicity, see the header).
void weight_ranges(const Box& b, std::vector<Ball>& p, std::vector<Ball>& o) {
  const std::size_t L = b.size();
  std::vector<Ball> e_lo, e_hi;
  for (const auto& [lo, hi] : b) {
    e_lo.push_back(exp_of(ball_of_double(lo), kPrec));
    e_hi.push_back(exp_of(ball_of_double(hi), kPrec));
  }
  p.assign(L, Ball());
  o.assign(L, Ball());
  for (std::size_t i = 0; i < L; ++i) {
    Ball rest_lo(0), rest_hi(0);
    for (std::size_t j = 0; j < L; ++j)
      if (j != i) rest_lo = add(rest_lo, e_lo[j], kPrec), rest_hi = add(rest_hi, e_hi[j], kPrec);
    p[i] = union_of(div(e_lo[i], add(e_lo[i], rest_hi, kPrec), kPrec), div(e_hi[i], add(e_hi[i], rest_lo, kPrec), kPrec), kPrec);
    o[i] = union_of(div(rest_lo, add(e_hi[i], rest_lo, kPrec), kPrec), div(rest_hi, add(e_lo[i], rest_hi, kPrec), kPrec), kPrec);
  }
}

using Matrix = std::vector<std::vector<Ball>>;

// A = diag p - p p^T from weights p and complements o (A_ii = p_i o_i, no subtraction).
Matrix matrix_of(const std::vector<Ball>& p, const std::vector<Ball>& o) {
  const std::size_t L = p.size();
  Matrix A(L, std::vector<Ball>(L));
  for (std::size_t i = 0; i < L; ++i)
    for (std::size_t j = 0; j < L; ++j) A[i][j] = i == j ? mul(p[i], o[i], kPrec) : neg(mul(p[i], p[j], kPrec));
  return A;
}

Ball upper_of(const Ball& b) { return upper_end(b); }

// The corrected ratio's upper end over the box (Arb), by the header's method; *split receives the coordinate
// whose mean-value term is largest (for the checker's own refinement).
Ball corrected_ratio_upper(const std::string& variant, const Box& b, std::size_t* split) {
  const std::size_t L = b.size();
  Box centre_box;
  std::vector<Ball> radius;
  for (const auto& [lo, hi] : b) {
    const double c = std::clamp(0.5 * lo + 0.5 * hi, lo, hi);
    centre_box.push_back({c, c});
    radius.push_back(max_of(upper_of(sub(ball_of_double(c), ball_of_double(lo), kPrec)),
                            upper_of(sub(ball_of_double(hi), ball_of_double(c), kPrec)), kPrec));
  }
  std::vector<Ball> pc, oc, p, o;
  weight_ranges(centre_box, pc, oc);
  weight_ranges(b, p, o);
  const Matrix Ac = matrix_of(pc, oc), A = matrix_of(p, o);
  Ball a(0), b3(0);  // a = sum p^2, b3 = sum p^3 over the box
  for (const Ball& pi : p) a = add(a, mul(pi, pi, kPrec), kPrec), b3 = add(b3, mul(pi, mul(pi, pi, kPrec), kPrec), kPrec);
  std::vector<Ball> da(L);  // d a / d z_k = 2 p_k (p_k - a)
  for (std::size_t k = 0; k < L; ++k) da[k] = mul(Ball(2), mul(p[k], sub(p[k], a, kPrec), kPrec), kPrec);
  std::vector<double> best_terms(L, 0);
  // Mean-value bound: sqrt(hi(R(c)) + sum_k |hi(dR/dz_k)| r_k), R(c) = scale * sum over `rows` of sum_j Ac_ij^2.
  auto mean_value = [&](const std::vector<std::size_t>& rows, long scale, auto&& derivative) {
    Ball value(0);
    for (std::size_t i : rows)
      for (std::size_t j = 0; j < L; ++j) value = add(value, mul(Ac[i][j], Ac[i][j], kPrec), kPrec);
    Ball total = upper_of(mul(Ball(scale), value, kPrec));
    std::vector<double> terms(L, 0);
    for (std::size_t k = 1; k < L; ++k) {
      const Ball term = mul(upper_of(abs_of(derivative(k))), radius[k], kPrec);
      terms[k] = approx(term);
      total = add(total, term, kPrec);
    }
    return std::make_pair(upper_of(sqrt_nonnegative(upper_of(total), kPrec)), terms);
  };
  Ball result;
  std::vector<double> terms;
  if (variant == "per_weight") {
    bool first = true;
    for (std::size_t i = 0; i < L; ++i) {
      // R_i = 8 p_i^2 u, u = 1 - 2 p_i + a: dR_i/dz_k = 8 (2 p_i u A_ik + p_i^2 (-2 A_ik + da_k)).
      const Ball u = add(sub(Ball(1), mul(Ball(2), p[i], kPrec), kPrec), a, kPrec);
      auto [row, row_terms] = mean_value({i}, 8, [&](std::size_t k) {
        const Ball lin = mul(mul(Ball(2), mul(p[i], u, kPrec), kPrec), A[i][k], kPrec);
        const Ball quad = mul(mul(p[i], p[i], kPrec), sub(da[k], mul(Ball(2), A[i][k], kPrec), kPrec), kPrec);
        return mul(Ball(8), add(lin, quad, kPrec), kPrec);
      });
      // Direct: R_i <= 8 p_i^2 (o_i^2 + sum_{j != i} p_j^2) on the ranges.
      Ball q(0);
      for (std::size_t j = 0; j < L; ++j)
        if (j != i) q = add(q, mul(p[j], p[j], kPrec), kPrec);
      const Ball direct = upper_of(sqrt_nonnegative(
          upper_of(mul(Ball(8), mul(mul(p[i], p[i], kPrec), add(mul(o[i], o[i], kPrec), q, kPrec), kPrec), kPrec)), kPrec));
      const Ball bound = upper_of(min_of(row, direct, kPrec));
      if (first || !certainly_le(bound, result)) {  // this row may be the largest: its terms choose the split
        result = first ? bound : upper_of(max_of(result, bound, kPrec));
        terms = row_terms;
      }
      first = false;
    }
  } else {
    // R_F = 4 (a - 2 b + a^2): dR_F/dz_k = 8 p_k ((1 + 2a)(p_k - a) - 3 (p_k^2 - b)).
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < L; ++i) rows.push_back(i);
    auto [frob, frob_terms] = mean_value(rows, 4, [&](std::size_t k) {
      const Ball first_part = mul(add(Ball(1), mul(Ball(2), a, kPrec), kPrec), sub(p[k], a, kPrec), kPrec);
      const Ball second_part = mul(Ball(3), sub(mul(p[k], p[k], kPrec), b3, kPrec), kPrec);
      return mul(mul(Ball(8), p[k], kPrec), sub(first_part, second_part, kPrec), kPrec);
    });
    result = frob;
    terms = frob_terms;
    if (variant == "spectral") {
      Ball top(0);
      for (const Ball& pi : p) top = max_of(top, upper_of(pi), kPrec);
      result = upper_of(min_of(frob, mul(Ball(2), top, kPrec), kPrec));
    }
  }
  if (split) {
    *split = 1;
    bool any_term = false;
    for (std::size_t k = 1; k < L; ++k) any_term = any_term || terms[k] > 0;
    auto weight = [&](std::size_t k) { return any_term ? terms[k] : approx(upper_of(p[k])) * approx(radius[k]); };
    for (std::size_t k = 1; k < L; ++k)
      if (weight(k) > weight(*split)) *split = k;
  }
  return result;
}

// Lemma 2 with F = exp: ratio = ||A|| G, G = L^2 m^2 / (L m + S2), m = e^{min z}, S2 = sum e^{2 z_i}
// (prove/lemma2_ratio_enclosure.hpp); G <= L^2 m_hi^2 / (L m_lo + S2_lo), each factor bounded on its own.
Ball lemma2_factor_upper(const Box& b) {
  double min_lo = b[0].first, min_hi = b[0].second;
  for (const auto& [lo, hi] : b) min_lo = std::min(min_lo, lo), min_hi = std::min(min_hi, hi);
  const Ball L(static_cast<long>(b.size()));
  const Ball m_hi = upper_of(exp_of(ball_of_double(min_hi), kPrec)), m_lo = lower_end(exp_of(ball_of_double(min_lo), kPrec));
  Ball s2(0);
  for (const auto& [lo, hi] : b) s2 = add(s2, lower_end(exp_of(mul(Ball(2), ball_of_double(lo), kPrec), kPrec)), kPrec);
  const Ball numerator = upper_of(mul(mul(L, L, kPrec), mul(m_hi, m_hi, kPrec), kPrec));
  const Ball denominator = lower_end(add(mul(L, m_lo, kPrec), lower_end(s2), kPrec));
  return upper_of(div(numerator, denominator, kPrec));
}


// ---- Theorem 1 part 1 (thm1.fixed, tight, reading (a)); see the header for the derivation. ----
// Coordinates: z_0..z_{L-1}, then x_{i,k} at L + i d + k. I_N = {0..N-1}.

Ball exact_ball(double v) { return ball_of_double(v); }

// The range of t^2 over [lo, hi] (exact ends): the squares of the ends, and 0 when the interval holds 0.
Ball square_range(const Ball& lo, const Ball& hi) {
  const Ball l2 = mul(lo, lo, kPrec), h2 = mul(hi, hi, kPrec);
  if (certainly_le(Ball(0), lo) || certainly_le(hi, Ball(0))) return union_of(l2, h2, kPrec);
  return union_of(Ball(0), max_of(l2, h2, kPrec), kPrec);
}

// The product of two ranges from their ends (the extremes of a bilinear function are at the corners): Arb's product
// of two wide balls adds the product of their radii on both sides, which the ends do not.
Ball range_mul(const Ball& a, const Ball& b) {
  const Ball al = lower_end(a), ah = upper_end(a), bl = lower_end(b), bh = upper_end(b);
  return union_of(union_of(mul(al, bl, kPrec), mul(al, bh, kPrec), kPrec), union_of(mul(ah, bl, kPrec), mul(ah, bh, kPrec), kPrec), kPrec);
}
Ball range_square(const Ball& a) { return square_range(lower_end(a), upper_end(a)); }

// [-1, 1] intersected with a ball (a component of a unit vector).
Ball unit_clamped(const Ball& u) {
  const Ball unit = union_of(Ball(-1), Ball(1), kPrec);
  Ball r;
  if (!arb_intersection(r.get(), u.get(), unit.get(), kPrec)) return unit;
  return r;
}

struct Thm1Ranges {
  std::vector<Ball> alpha, other;            // alpha_a, 1 - alpha_a over the box
  Ball selected, rest;                       // abar, 1 - abar
  std::vector<std::vector<Ball>> x;          // x_{i,k} as balls
  std::vector<std::vector<Ball>> v;          // v_i = alpha_i x_i - s, i >= N
  std::vector<Ball> v_norm, x_norm, e_norm;  // ||v_i||, ||x_j|| (j < N), ||x_i - x_j|| (pair (i - N) N + j)
  std::vector<std::vector<Ball>> e;          // x_i - x_j
  Ball quantity, m, d1, bracket, bound;
  std::vector<std::size_t> m_candidates, d1_candidates;
};

// The largest of some balls, and the indices that may attain it (not certainly below the largest lower end).
Ball largest(const std::vector<Ball>& xs, std::vector<std::size_t>& candidates) {
  Ball top = xs.at(0), floor = lower_end(xs.at(0));
  for (const Ball& x : xs) top = max_of(top, x, kPrec), floor = max_of(floor, lower_end(x), kPrec);
  candidates.clear();
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (!certainly_lt(xs[i], floor)) candidates.push_back(i);
  return top;
}

Thm1Ranges thm1_ranges(const Header& h, const Box& b) {
  const auto L = static_cast<std::size_t>(h.length), N = static_cast<std::size_t>(h.top_n), d = static_cast<std::size_t>(h.dim);
  Thm1Ranges R;
  const Box z(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(L));
  weight_ranges(z, R.alpha, R.other);
  // abar = E_s / (E_s + E_r) is increasing in E_s = sum_{j<N} e^{z_j} and decreasing in E_r = sum_{i>=N} e^{z_i}.
  Ball es_lo(0), es_hi(0), er_lo(0), er_hi(0);
  for (std::size_t i = 0; i < L; ++i) {
    const Ball lo = exp_of(exact_ball(z[i].first), kPrec), hi = exp_of(exact_ball(z[i].second), kPrec);
    if (i < N) es_lo = add(es_lo, lo, kPrec), es_hi = add(es_hi, hi, kPrec);
    else er_lo = add(er_lo, lo, kPrec), er_hi = add(er_hi, hi, kPrec);
  }
  R.selected = union_of(div(es_lo, add(es_lo, er_hi, kPrec), kPrec), div(es_hi, add(es_hi, er_lo, kPrec), kPrec), kPrec);
  R.rest = union_of(div(er_lo, add(er_lo, es_hi, kPrec), kPrec), div(er_hi, add(er_hi, es_lo, kPrec), kPrec), kPrec);
  R.x.assign(L, std::vector<Ball>(d));
  for (std::size_t i = 0; i < L; ++i)
    for (std::size_t k = 0; k < d; ++k) {
      const auto& [lo, hi] = b[L + i * d + k];
      R.x[i][k] = union_of(exact_ball(lo), exact_ball(hi), kPrec);
    }
  R.quantity = Ball(0);
  for (std::size_t i = N; i < L; ++i) {
    std::vector<Ball> vi(d);
    Ball n2(0);
    for (std::size_t k = 0; k < d; ++k) {
      Ball c = range_mul(R.alpha[i], R.x[i][k]);
      for (std::size_t j = 0; j < N; ++j) c = sub(c, range_mul(R.alpha[j], R.x[j][k]), kPrec);
      n2 = add(n2, range_square(c), kPrec);
      vi[k] = c;
    }
    R.v_norm.push_back(sqrt_nonnegative(n2, kPrec));
    R.quantity = add(R.quantity, R.v_norm.back(), kPrec);
    R.v.push_back(std::move(vi));
  }
  // Norms of independent coordinates: the exact range of each square from the coordinate's ends.
  for (std::size_t j = 0; j < N; ++j) {
    Ball n2(0);
    for (std::size_t k = 0; k < d; ++k) {
      const auto& [lo, hi] = b[L + j * d + k];
      n2 = add(n2, square_range(exact_ball(lo), exact_ball(hi)), kPrec);
    }
    R.x_norm.push_back(sqrt_nonnegative(n2, kPrec));
  }
  R.m = largest(R.x_norm, R.m_candidates);
  for (std::size_t i = N; i < L; ++i)
    for (std::size_t j = 0; j < N; ++j) {
      std::vector<Ball> eij(d);
      Ball n2(0);
      for (std::size_t k = 0; k < d; ++k) {
        const auto& [ilo, ihi] = b[L + i * d + k];
        const auto& [jlo, jhi] = b[L + j * d + k];
        const Ball lo = sub(exact_ball(ilo), exact_ball(jhi), kPrec), hi = sub(exact_ball(ihi), exact_ball(jlo), kPrec);
        eij[k] = union_of(lo, hi, kPrec);
        n2 = add(n2, square_range(lo, hi), kPrec);
      }
      R.e_norm.push_back(sqrt_nonnegative(n2, kPrec));
      R.e.push_back(std::move(eij));
    }
  R.d1 = largest(R.e_norm, R.d1_candidates);
  R.bracket = sub(mul(Ball(static_cast<long>(L - N + 1)), R.selected, kPrec), Ball(1), kPrec);
  R.bound = add(range_mul(R.rest, R.d1), range_mul(R.m, R.bracket), kPrec);
  return R;
}

// Component k of v / ||v|| (any unit vector at v = 0): in [-1, 1] always.
Ball unit_of(const std::vector<Ball>& v, const Ball& norm, std::size_t k) {
  if (!certainly_positive(norm)) return union_of(Ball(-1), Ball(1), kPrec);
  return unit_clamped(div(v[k], norm, kPrec));
}

// Hull over the candidates of a max of the candidate's gradient component (`component(c)`; 0 for the others).
template <class F> Ball candidate_hull(const std::vector<std::size_t>& candidates, F&& component) {
  Ball g;
  bool first = true;
  for (std::size_t c : candidates) {
    const Ball gc = component(c);
    g = first ? gc : union_of(g, gc, kPrec);
    first = false;
  }
  return g;
}

// Q <= T B at every sorted point of the box: the mean-value bound of f = Q - T B (Clarke gradient through alpha,
// d alpha_a / d z_b = A_ab entrywise), or hi(Q) <= T lo(B) with the bracket >= 0 at sorted points.
bool thm1_leaf_bound(const Header& h, const Box& b, std::size_t* split, double* excess_out) {
  const auto L = static_cast<std::size_t>(h.length), N = static_cast<std::size_t>(h.top_n), d = static_cast<std::size_t>(h.dim);
  const Ball& T = h.target;
  Box centre;
  std::vector<Ball> radius;
  for (const auto& [lo, hi] : b) {
    const double c = std::clamp(0.5 * lo + 0.5 * hi, lo, hi);
    centre.push_back({c, c});
    radius.push_back(max_of(sub(exact_ball(c), exact_ball(lo), kPrec), sub(exact_ball(hi), exact_ball(c), kPrec), kPrec));
  }
  const Thm1Ranges C = thm1_ranges(h, centre), R = thm1_ranges(h, b);
  std::vector<std::vector<Ball>> u(L - N, std::vector<Ball>(d));
  for (std::size_t i = N; i < L; ++i)
    for (std::size_t k = 0; k < d; ++k) u[i - N][k] = unit_of(R.v[i - N], R.v_norm[i - N], k);
  // df/d alpha_a with f(alpha, x) = sum_i ||alpha_i x_i - sum_{j<N} alpha_j x_j|| - T ((1 - abar) d_1 + M ((L-N+1) abar - 1)),
  // abar = sum_{j<N} alpha_j: d v_i / d alpha_a = [a = i] x_i - [a < N] x_a.
  std::vector<Ball> g_alpha(L);
  for (std::size_t a = 0; a < L; ++a) {
    Ball dq(0);
    for (std::size_t i = N; i < L; ++i) {
      const long coefficient = (a == i ? 1 : 0) - (a < N ? 1 : 0);
      if (coefficient == 0) continue;
      for (std::size_t k = 0; k < d; ++k) dq = add(dq, mul(Ball(coefficient), range_mul(u[i - N][k], R.x[a][k]), kPrec), kPrec);
    }
    const Ball db = a < N ? sub(mul(Ball(static_cast<long>(L - N + 1)), R.m, kPrec), R.d1, kPrec) : Ball(0);  // d1, M independent of alpha
    g_alpha[a] = sub(dq, mul(T, db, kPrec), kPrec);
  }
  Ball total = upper_end(sub(C.quantity, mul(T, C.bound, kPrec), kPrec));
  std::vector<double> terms(b.size(), 0);
  for (std::size_t coord = 1; coord < b.size(); ++coord) {
    Ball g(0);
    if (coord < L) {
      const std::size_t bz = coord;  // d f / d z_b = sum_a (d f / d alpha_a) A_ab
      for (std::size_t a = 0; a < L; ++a) {
        const Ball A = a == bz ? range_mul(R.alpha[a], R.other[a]) : neg(range_mul(R.alpha[a], R.alpha[bz]));
        g = add(g, range_mul(g_alpha[a], A), kPrec);
      }
    } else {
      const std::size_t m = (coord - L) / d, k = (coord - L) % d;
      Ball dq(0);  // d v_ik / d x_mk = alpha_i [m = i] - alpha_m [m < N]
      for (std::size_t i = N; i < L; ++i) {
        Ball coefficient = i == m ? R.alpha[i] : Ball(0);
        if (m < N) coefficient = sub(coefficient, R.alpha[m], kPrec);
        dq = add(dq, range_mul(u[i - N][k], coefficient), kPrec);
      }
      const Ball dd1 = candidate_hull(R.d1_candidates, [&](std::size_t pair) {
        const std::size_t i = N + pair / N, j = pair % N;
        if (m == i) return unit_of(R.e[pair], R.e_norm[pair], k);
        if (m == j) return neg(unit_of(R.e[pair], R.e_norm[pair], k));
        return Ball(0);
      });
      Ball db = range_mul(R.rest, dd1);
      if (m < N) {
        const Ball dm = candidate_hull(R.m_candidates, [&](std::size_t j) {
          if (j != m) return Ball(0);
          std::vector<Ball> xm(R.x[m]);
          return unit_of(xm, R.x_norm[m], k);
        });
        db = add(db, range_mul(R.bracket, dm), kPrec);
      }
      g = sub(dq, mul(T, db, kPrec), kPrec);
    }
    const Ball term = mul(upper_end(abs_of(g)), radius[coord], kPrec);
    terms[coord] = approx(term);
    total = add(total, term, kPrec);
  }
  if (split) {
    *split = 1;
    for (std::size_t k = 1; k < b.size(); ++k)
      if (terms[k] > terms[*split]) *split = k;
  }
  if (excess_out) *excess_out = approx(upper_end(total));
  if (certainly_le(total, Ball(0))) return true;
  // hi(Q) <= T lo(B), lo(B) >= lo(1 - abar) lo(d_1) + lo(M) max(0, lo(bracket)) at sorted points.
  const Ball b_lo = add(mul(lower_end(R.rest), lower_end(R.d1), kPrec),
                        mul(lower_end(R.m), max_of(Ball(0), lower_end(R.bracket), kPrec), kPrec), kPrec);
  return certainly_le(upper_end(R.quantity), lower_end(mul(T, lower_end(b_lo), kPrec)));
}

// A box of the replayed tree holds a point of the reduced domain iff its logits hold a sorted point and its x part
// reaches the surface of the x box (the x scaling reduction; README of prove/).
bool thm1_no_surface_point(const Header& h, const Box& b) {
  for (std::size_t k = static_cast<std::size_t>(h.length); k < b.size(); ++k)
    if (b[k].first == h.x_lo || b[k].second == h.x_hi) return false;
  return true;
}

// kappa >= 1 / (c min{1/4, sqrt 2 T}) as an upper end.
Ball paper_factor_upper(const std::string& variant, const Ball& T) {
  const Ball sqrt2 = sqrt_of(Ball(2), kPrec);
  const Ball m = min_of(div(Ball(1), Ball(4), kPrec), mul(sqrt2, T, kPrec), kPrec);
  const Ball c = variant == "per_weight" ? mul(Ball(2), sqrt2, kPrec) : Ball(2);
  return upper_of(div(Ball(1), mul(c, m, kPrec), kPrec));
}

// The checker's own refinement: a closed leaf whose first bound is not below the target is bisected (at most
// kMaxLocalDepth levels, 2^kMaxLocalDepth sub-boxes); the sub-boxes cover the leaf, so proving each proves it.
constexpr int kMaxLocalDepth = 8;

// One leaf bound: whether it proves the leaf's statement, the number to report (an upper end of the ratio, or of
// d~ - target bound for thm1.fixed) and the coordinate to bisect when it does not.
struct LeafBound {
  bool within = false;
  double value = 0;
  std::size_t split = 1;
};

// The checker's own refinement (above): bisect at the centre of the named coordinate until every sub-box is proved,
// at most kMaxLocalDepth levels; `largest` receives the largest value seen on the leaves it stopped at.
template <class Bound> bool refined_within(const Box& box, int depth, const Bound& bound, double& largest) {
  const LeafBound lb = bound(box);
  const std::size_t k = lb.split;
  const double mid = std::clamp(0.5 * box[k].first + 0.5 * box[k].second, box[k].first, box[k].second);
  if (lb.within || depth >= kMaxLocalDepth || !(mid > box[k].first && mid < box[k].second)) {
    largest = std::max(largest, lb.value);
    return lb.within;
  }
  Box left = box, right = box;
  left[k].second = mid;
  right[k].first = mid;
  return refined_within(left, depth + 1, bound, largest) && refined_within(right, depth + 1, bound, largest);
}

bool thm1_leaf_within_target(const Header& h, const Box& box, double& largest_excess) {
  return refined_within(box, 0, [&h](const Box& b) {
    LeafBound lb;
    lb.within = thm1_leaf_bound(h, b, &lb.split, &lb.value);
    return lb;
  }, largest_excess);
}

bool leaf_within_target(const Header& h, const Ball& kappa, const Box& box, double& largest) {
  return refined_within(box, 0, [&h, &kappa](const Box& b) {
    LeafBound lb;
    Ball u = upper_of(mul(kappa, corrected_ratio_upper(h.variant, b, &lb.split), kPrec));
    if (h.statement == "lemma2.jacobian") u = upper_of(mul(div(u, Ball(2), kPrec), lemma2_factor_upper(b), kPrec));
    lb.within = certainly_le(u, h.target);
    lb.value = approx(u);
    return lb;
  }, largest);
}

}  // namespace

bool is_prove_certificate(const Json& j) {
  return j.is_object() && j.contains("format") && j.at("format") == kProveCertificateFormat;
}

ProveCheckOutcome check_prove_certificate(const Json& j, const CheckOptions& options) {
  ProveCheckOutcome out;
  out.outcome.bits = kPrec;
  auto reject = [&](std::string why) {
    out.outcome.kind = CheckOutcome::Kind::rejected;
    out.outcome.why = std::move(why);
    return out;
  };
  if (!is_prove_certificate(j)) throw InputError("format", "not a prove certificate");
  if (is_prove_alt_certificate(j)) return check_prove_alt_certificate(j, options);  // alt.*: check/check_prove_alt.hpp
  if (!j.contains("version") || j.at("version") != 1) throw InputError("version", "prove certificate version 1 expected");
  const Header h = read_header(j);
  if (h.status == "refuted") {
    if (!j.contains("counterexample") || !j.at("counterexample").contains("certificate"))
      throw InputError("counterexample", "a refuted prove certificate must hold the counterexample's certificate");
    const Json& cj = j.at("counterexample").at("certificate");
    const Certificate c = read_certificate(cj);
    if (c.statement != h.statement || c.variant != h.variant)
      return reject("the counterexample is for " + c.statement + " " + c.variant);
    if (c.verdict != "violated") return reject("the counterexample's certificate does not claim a violation");
    out.outcome = check_certificate(c, options);
    return out;
  }
  if (!j.contains("tree") || !j.at("tree").is_string()) throw InputError("tree", "must be a string");
  if (!j.contains("leaf_upper") || !j.at("leaf_upper").is_array()) throw InputError("leaf_upper", "must be an array");
  const std::string tree = j.at("tree").get<std::string>();
  const std::size_t uppers = j.at("leaf_upper").size();
  const Ball kappa = h.statement == "cor3.softmax_jacobian" ? paper_factor_upper(h.variant, h.temperature) : Ball(1);

  Box root(static_cast<std::size_t>(h.length), {h.lo, h.hi});
  root[0] = {0.0, 0.0};
  if (h.thm1()) {  // x in [x_lo, x_hi]; when x_lo = -x_hi (rotation: X = L Q) x_{i,k} = 0 for k > i, x_{i,i} >= 0
    const bool rotation = h.x_lo == -h.x_hi;
    for (int i = 0; i < h.length; ++i)
      for (int k = 0; k < h.dim; ++k)
        root.push_back(rotation && k > i ? std::pair{0.0, 0.0} : std::pair{rotation && k == i ? 0.0 : h.x_lo, h.x_hi});
  }
  const int free_coordinates = static_cast<int>(root.size()) - 1;
  std::vector<Box> stack{root};
  std::size_t pos = 0, upper_leaves = 0;
  while (!stack.empty()) {
    Box box = std::move(stack.back());
    stack.pop_back();
    if (pos >= tree.size()) return reject("the tree ends before every box is a leaf");
    const char ch = tree[pos++];
    if (ch >= 'A' && ch < static_cast<char>('A' + free_coordinates)) {
      const std::size_t k = static_cast<std::size_t>(ch - 'A') + 1;
      const double mid = std::clamp(0.5 * box[k].first + 0.5 * box[k].second, box[k].first, box[k].second);
      Box left = box, right = box;
      left[k].second = mid;
      right[k].first = mid;
      stack.push_back(std::move(right));
      stack.push_back(std::move(left));
      continue;
    }
    ++out.leaves;
    if (ch == 'p') {
      if (!certainly_no_sorted_point(box, static_cast<std::size_t>(h.length)) && !(h.thm1() && thm1_no_surface_point(h, box))) return reject(fmt::format("node {}: a pruned box holds a sorted point", pos - 1));
      ++out.pruned_confirmed;
    } else if (ch == 'o') {
      if (h.status != "incomplete") return reject(fmt::format("node {}: an open box in a '{}' certificate", pos - 1, h.status));
      ++out.open;
      ++upper_leaves;
    } else if (ch == 'c') {
      ++upper_leaves;
      double largest = 0;
      if (h.thm1()) {
        double excess = 0;
        if (!thm1_leaf_within_target(h, box, excess))
          return reject(fmt::format("node {}: the checker cannot prove d~ <= target * bound over the closed box (largest "
                                    "upper end of d~ - target bound {:.6g} after {} bisections)", pos - 1, excess, kMaxLocalDepth));
        ++out.closed_confirmed;
        continue;
      }
      if (!leaf_within_target(h, kappa, box, largest))
        return reject(fmt::format("node {}: the checker cannot prove ratio <= target over the closed box (largest "
                                  "upper end {:.12g} after {} bisections)", pos - 1, largest, kMaxLocalDepth));
      out.largest_checker_upper = std::max(out.largest_checker_upper, largest);
      ++out.closed_confirmed;
    } else {
      throw InputError("tree", fmt::format("unknown node '{}' at {}", ch, pos - 1));
    }
  }
  if (pos != tree.size()) return reject("the tree has nodes after the last box");
  if (upper_leaves != uppers) return reject(fmt::format("leaf_upper has {} entries for {} leaves", uppers, upper_leaves));
  if (h.status == "proved" && out.open) return reject("a proved certificate with open boxes");
  if (h.status == "incomplete" && out.open == 0) return reject("an incomplete certificate without open boxes");
  out.outcome.kind = CheckOutcome::Kind::confirmed;
  return out;
}

}  // namespace attnbound::check
