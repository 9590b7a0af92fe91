// check/statement_sides.hpp: each statement re-derived from the spec and evaluated in Arb.
#include "check/statement_sides.hpp"

#include "check/alt_entmax15_sides.hpp"
#include "check/alt_low_temperature_sides.hpp"
#include "check/alt_sa_softmax_sides.hpp"
#include "check/alt_sparsemax_sides.hpp"
#include "check/alt_ssmax_sides.hpp"
#include "check/certificate_reader.hpp"
#include "check/decimal.hpp"
#include "check/instance_reader.hpp"
#include "check/matrix_spectral_bounds.hpp"
#include "check/softmax_jacobian_bounds.hpp"
#include "check/softmax_spectral_side.hpp"
#include "check/softmax_weights.hpp"
#include "theory/errors.hpp"

#include <algorithm>

namespace attnbound::check {

namespace {
std::vector<Ball> balls(const std::vector<std::string>& texts, long prec, const std::string& field) {
  std::vector<Ball> out;
  for (std::size_t i = 0; i < texts.size(); ++i)
    out.push_back(parse_decimal(texts[i], prec, field + "[" + std::to_string(i) + "]"));
  return out;
}
}  // namespace

Ball positive_field(const InstanceReader& in, const std::string& field, long prec) {
  const std::string t = in.decimal(field);
  if (decimal_sign(t) <= 0) throw HypothesisError("instance." + field, "must be > 0, got " + t);
  return parse_decimal(t, prec, "instance." + field);
}

Ball norm2(const std::vector<Ball>& v, long prec) {
  Ball s(0);
  for (const auto& x : v) s = add(s, mul(x, x, prec), prec);
  return sqrt_nonnegative(s, prec);  // a sum of squares is >= 0
}

SideEval single(const std::string& name, const Ball& q, const Ball& b) {
  SideEval s;
  s.name = name;
  s.relation = "at_most";
  s.pairs.push_back({q, b});
  s.report_quantity = q;
  s.report_bound = b;
  return s;
}

// The selected set of Theorems 1 and 2: "top_set" (validated exactly: in range, distinct, every selected key
// >= every non-selected one, size = top_n if given) or the top "top_n" keys (descending, ties by lower index).
std::vector<bool> read_top_set(const InstanceReader& in, const std::vector<std::string>& keys) {
  const std::size_t L = keys.size();
  std::vector<bool> in_set(L, false);
  if (in.has("top_set")) {
    const auto raw = in.integer_vector("top_set");
    for (auto k : raw) {
      if (k < 0 || static_cast<std::size_t>(k) >= L) throw InputError("instance.top_set", "index out of range");
      if (in_set[k]) throw InputError("instance.top_set", "index repeated");
      in_set[k] = true;
    }
    if (raw.empty()) throw HypothesisError("instance.top_set", "must hold at least one index");
    if (in.has("top_n") && in.integer("top_n") != static_cast<long long>(raw.size()))
      throw InputError("instance.top_n", "differs from the size of top_set");
    for (std::size_t i = 0; i < L; ++i)
      for (std::size_t j = 0; j < L; ++j)
        if (in_set[i] && !in_set[j] && compare_decimals(keys[i], keys[j]) < 0)
          throw HypothesisError("instance.top_set", "not a top-N set");
    return in_set;
  }
  const long long n = in.integer("top_n");
  if (n < 1 || n > static_cast<long long>(L)) throw HypothesisError("instance.top_n", "must satisfy 1 <= top_n <= L");
  std::vector<std::size_t> order(L);
  for (std::size_t i = 0; i < L; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return compare_decimals(keys[b], keys[a]) < 0; });
  for (long long k = 0; k < n; ++k) in_set[order[k]] = true;
  return in_set;
}

std::vector<std::vector<Ball>> read_rows(const InstanceReader& in, std::size_t L, long prec) {
  const auto xt = in.decimal_matrix("x");
  if (xt.size() != L) throw InputError("instance.x", "must have one row per weight");
  std::vector<std::vector<Ball>> x;
  for (std::size_t i = 0; i < L; ++i) x.push_back(balls(xt[i], prec, "instance.x[" + std::to_string(i) + "]"));
  return x;
}

std::vector<Ball> context_vector(const std::vector<Ball>& alpha, const std::vector<std::vector<Ball>>& x,
                                 const std::vector<bool>& in_set, long prec) {
  std::vector<Ball> s(x[0].size(), Ball(0));
  for (std::size_t i = 0; i < alpha.size(); ++i)
    if (in_set[i])
      for (std::size_t k = 0; k < s.size(); ++k) s[k] = add(s[k], mul(alpha[i], x[i][k], prec), prec);
  return s;
}

Ball distance_to_context(const std::vector<Ball>& s, const Ball& alpha_i, const std::vector<Ball>& x_i, long prec) {
  std::vector<Ball> diff;
  for (std::size_t k = 0; k < s.size(); ++k) diff.push_back(sub(mul(alpha_i, x_i[k], prec), s[k], prec));
  return norm2(diff, prec);
}

namespace {

const std::vector<StatementTable>& tables() {
  static const std::vector<StatementTable> t{
      {"lemma1.vanishing", {"two_sided"}, true, {}},
      {"cor1.softmax_weights", {"max_key", "literal"}, true, {}},
      {"thm1.fixed", {"tight", "loose"}, true, {}},
      {"thm1.random", {"jensen_lower", "upper", "main_as_upper"}, true, {}},
      {"cor2.regimes", {"triangle", "collapse", "dominant_term"}, true, {}},
      {"thm2.lower", {"xi_a", "xi_b"}, true, {}},
      {"thm2.upper", {"xi_a", "xi_b"}, true, {}},
      {"lemma2.jacobian", {"spectral", "frobenius"}, true, {}},
      {"cor3.softmax_jacobian", {"spectral", "frobenius", "per_weight"}, true, {}},
      {"cor3.softmax_jacobian.corrected", {"spectral", "frobenius", "per_weight", "max_weight"}, true, {}},
      {"alg5.fd_gradient", {"simplex_diameter", "lipschitz", "cor3_bound"}, true, {}},
      // The alternatives (spec section 5), re-derived in check/alt_*_sides.cpp.
      {"alt.sparsemax", {"spectral", "frobenius", "softmax_bound", "vanishing"}, true, {}},
      {"alt.entmax15", {"spectral", "max_weight", "two_token", "vanishing"}, true, {}},
      {"alt.ssmax", {"spectral", "max_weight", "cor3_transfer", "vanishing"}, true, {}},
      {"alt.sa_softmax", {"spectral", "softmax_band", "vanishing"}, true, {}},
      {"alt.low_temperature", {"guideline", "one_over_T", "collapse"}, true, {}},
  };
  return t;
}




Ball sqrt2(long prec) { return sqrt_of(Ball(2), prec); }

// Exact equality of two decimals of `texts` (for softmax_weights: equal logits under one T).
std::function<bool(std::size_t, std::size_t)> equal_decimals(const std::vector<std::string>& texts) {
  return [&texts](std::size_t a, std::size_t b) { return compare_decimals(texts[a], texts[b]) == 0; };
}


// Softmax of logits / T from the instance's "logits" and "temperature".
struct SoftmaxInput {
  std::vector<Ball> logits;
  Ball T;
  Weights w;
};
SoftmaxInput softmax_input(const InstanceReader& in, long prec) {
  SoftmaxInput s;
  const auto texts = in.decimal_vector("logits");
  s.logits = balls(texts, prec, "instance.logits");
  s.T = positive_field(in, "temperature", prec);
  std::vector<Ball> z;
  for (const auto& l : s.logits) z.push_back(div(l, s.T, prec));
  s.w = softmax_weights(z, prec, equal_decimals(texts));
  return s;
}

std::vector<SideEval> cor3(const InstanceReader& in, const std::string& variant, bool corrected,
                           const nlohmann::json& witness, long prec) {
  in.allow_only({"logits", "temperature"});
  const SoftmaxInput s = softmax_input(in, prec);
  const Ball& T = s.T;
  Ball max_weight = s.w.alpha[0];
  for (const auto& a : s.w.alpha) max_weight = max_of(max_weight, a, prec);
  Ball b;
  if (!corrected) b = min_of(div(Ball(1), mul(Ball(4), T, prec), prec), sqrt2(prec), prec);  // min{1/(4T), sqrt 2}
  else if (variant == "per_weight") b = div(sqrt2(prec), mul(Ball(4), T, prec), prec);   // sqrt(2)/(4T)
  else if (variant == "max_weight") b = div(max_weight, T, prec);                        // max alpha / T
  else b = div(Ball(1), mul(Ball(2), T, prec), prec);                                     // 1/(2T)
  if (variant == "spectral" || variant == "max_weight") return {softmax_spectral_side(s.w, T, b, witness, prec)};
  if (variant == "frobenius") return {single("claim", softmax_jacobian_frobenius(s.w, T, prec), b)};
  return {single("claim", softmax_jacobian_max_row_norm(s.w, T, prec), b)};
}

std::vector<SideEval> cor1(const InstanceReader& in, const std::string& variant,
                           const std::vector<std::optional<long long>>& indices, long prec) {
  in.allow_only({"query", "keys", "temperature"});
  const std::vector<Ball> q = balls(in.decimal_vector("query"), prec, "instance.query");
  const auto keys_text = in.decimal_matrix("keys");
  if (keys_text[0].size() != q.size()) throw InputError("instance.keys", "rows must have the query's dimension");
  const Ball T = positive_field(in, "temperature", prec);
  const std::size_t L = keys_text.size();
  std::vector<Ball> z, key_norm;
  // Equal key rows give exactly equal logits q . k_j.
  const auto same_key = [&keys_text](std::size_t a, std::size_t b) {
    for (std::size_t d = 0; d < keys_text[a].size(); ++d)
      if (compare_decimals(keys_text[a][d], keys_text[b][d]) != 0) return false;
    return true;
  };
  for (std::size_t j = 0; j < L; ++j) {
    const std::vector<Ball> k = balls(keys_text[j], prec, "instance.keys[" + std::to_string(j) + "]");
    Ball dot(0);
    for (std::size_t d = 0; d < q.size(); ++d) dot = add(dot, mul(q[d], k[d], prec), prec);
    z.push_back(div(dot, T, prec));  // l_j / T, l_j = q . k_j
    key_norm.push_back(norm2(k, prec));
  }
  const Weights w = softmax_weights(z, prec, same_key);
  const Ball qn = norm2(q, prec);
  Ball max_key = key_norm[0];
  for (const auto& k : key_norm) max_key = max_of(max_key, k, prec);
  const Ball invL = div(Ball(1), Ball(static_cast<long>(L)), prec);
  SideEval up, low;
  up.name = "upper";
  up.relation = "at_most";
  low.name = "lower";
  low.relation = "at_least";
  up.pairs_indexed = low.pairs_indexed = true;
  for (std::size_t i = 0; i < L; ++i) {
    const Ball delta = mul(qn, variant == "literal" ? key_norm[i] : max_key, prec);  // Delta (or Delta_i)
    const Ball e = div(mul(Ball(2), delta, prec), T, prec);
    up.pairs.push_back({w.alpha[i], mul(invL, exp_of(e, prec), prec)});        // (1/L) e^{2 Delta/T}
    low.pairs.push_back({w.alpha[i], mul(invL, exp_of(neg(e), prec), prec)});  // (1/L) e^{-2 Delta/T}
  }
  for (auto* s : {&up, &low}) {
    const std::size_t k = s == &up ? 0 : 1;
    if (k < indices.size() && indices[k] && static_cast<std::size_t>(*indices[k]) < L) {
      s->report_quantity = s->pairs[*indices[k]].first;
      s->report_bound = s->pairs[*indices[k]].second;
    } else {
      s->report_available = false;
    }
  }
  return {up, low};
}

FFamily read_family(const InstanceReader& in, long L, long prec) {
  FFamily f;
  f.name = in.has("F") ? in.text("F") : "exp";
  f.length = L;
  std::string field = "temperature";
  if (f.name == "quadratic") field = "offset";
  else if (f.name == "ssmax") field = "ssmax_scale";
  else if (f.name != "exp" && f.name != "softplus" && f.name != "sigmoid" && f.name != "gaussian")
    throw InputError("instance.F", "unknown F \"" + f.name + "\"");
  for (const std::string other : {"temperature", "offset", "ssmax_scale"})
    if (other != field && in.has(other)) throw InputError("instance." + other, "not a parameter of F = " + f.name);
  f.param = (f.name == "quadratic" && !in.has("offset")) ? Ball(1) : positive_field(in, field, prec);
  return f;
}

std::vector<SideEval> lemma1(const InstanceReader& in, long prec) {
  in.allow_only({"logits", "a", "F", "temperature", "offset", "ssmax_scale"});
  const auto texts = in.decimal_vector("logits");
  const long L = static_cast<long>(texts.size());
  const FFamily f = read_family(in, L, prec);
  if (f.name == "ssmax") throw HypothesisError("instance.F", "ssmax depends on L; Lemma 1 needs F independent of L");
  // a: given (a >= 0 and |l_i| <= a, compared exactly on the decimals) or max_i |l_i| (exact choice).
  std::string a_text;
  if (in.has("a")) {
    a_text = in.decimal("a");
    if (decimal_sign(a_text) < 0) throw HypothesisError("instance.a", "must be >= 0");
    for (std::size_t i = 0; i < texts.size(); ++i)
      if (compare_abs_decimals(texts[i], a_text) > 0)
        throw HypothesisError("instance.logits[" + std::to_string(i) + "]", "|l_i| exceeds a");
  } else {
    std::size_t k = 0;
    for (std::size_t i = 1; i < texts.size(); ++i)
      if (compare_abs_decimals(texts[k], texts[i]) < 0) k = i;
    a_text = texts[k];
  }
  const Ball a = abs_of(parse_decimal(a_text, prec, "instance.a"));
  std::vector<Ball> F;
  for (std::size_t i = 0; i < texts.size(); ++i)
    F.push_back(f.value(parse_decimal(texts[i], prec, "instance.logits"), prec));
  const Weights w = weights_from_positive(F, prec);
  const Ball fmin = f.min_on(a, prec), fmax = f.max_on(a, prec);
  const Ball len(L);
  const Ball upper_bound = div(div(fmax, fmin, prec), len, prec);  // C2 / L
  const Ball lower_bound = div(div(fmin, fmax, prec), len, prec);  // C1 / L
  SideEval up, low;
  up.name = "upper";
  up.relation = "at_most";
  low.name = "lower";
  low.relation = "at_least";
  up.pairs_indexed = low.pairs_indexed = true;
  Ball mx = w.alpha[0], mn = w.alpha[0];
  for (const auto& x : w.alpha) {
    up.pairs.push_back({x, upper_bound});
    low.pairs.push_back({x, lower_bound});
    mx = max_of(mx, x, prec);
    mn = min_of(mn, x, prec);
  }
  up.report_quantity = mx;  // the engine reports max_i alpha_i and min_i alpha_i
  up.report_bound = upper_bound;
  low.report_quantity = mn;
  low.report_bound = lower_bound;
  return {up, low};
}

// ||J||_2 <= b for J_ij = (delta_ij - alpha_i) F'_j / S: b^2 I - J^T J certified positive definite by Arb's
// Cholesky, with (J^T J)_jk = F'_j F'_k / S^2 (delta_jk - alpha_j - alpha_k + Q), Q = sum alpha_i^2, the
// diagonal written as o_j^2 + q_j (no cancellation at a dominant weight).
bool gram_shift_positive_definite(const Weights& w, const std::vector<Ball>& dF, const Ball& b, long prec) {
  const std::size_t L = w.alpha.size();
  Ball Q(0);
  for (const auto& a : w.alpha) Q = add(Q, mul(a, a, prec), prec);
  BallMatrix G(L, std::vector<Ball>(L));
  for (std::size_t j = 0; j < L; ++j) {
    const Ball gj = div(dF[j], w.total, prec);
    for (std::size_t k = 0; k < L; ++k) {
      const Ball gk = div(dF[k], w.total, prec);
      const Ball inner = j == k ? add(mul(w.others[j], w.others[j], prec), w.others_sq[j], prec)
                                : sub(Q, add(w.alpha[j], w.alpha[k], prec), prec);
      G[j][k] = mul(mul(gj, gk, prec), inner, prec);
    }
  }
  return shifted_gram_positive_definite(G, b, prec);
}

std::vector<SideEval> lemma2(const InstanceReader& in, const std::string& variant, long prec) {
  in.allow_only({"logits", "F", "temperature", "offset", "ssmax_scale"});
  const auto texts = in.decimal_vector("logits");
  const long L = static_cast<long>(texts.size());
  const FFamily f = read_family(in, L, prec);
  std::vector<Ball> F, dF;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const Ball l = parse_decimal(texts[i], prec, "instance.logits");
    F.push_back(f.value(l, prec));
    dF.push_back(f.derivative(l, prec));
  }
  const Weights w = weights_from_positive(F, prec);
  // ||grad alpha||_F^2 = sum_j (F'_j/S)^2 sum_i (delta_ij - alpha_i)^2 = sum_j (F'_j/S)^2 (o_j^2 + q_j);
  // column j: ||J e_j|| = |F'_j|/S sqrt(o_j^2 + q_j); row i: sum_j |J_ij| = (o_i |F'_i| + alpha_i sum_{j!=i} |F'_j|)/S.
  Ball sum(0), max_abs(0), minF = F[0], max_col(0), abs_total(0);
  for (std::size_t j = 0; j < F.size(); ++j) abs_total = add(abs_total, abs_of(dF[j]), prec);
  Ball max_col_sum(0), max_row_sum(0);
  for (std::size_t j = 0; j < F.size(); ++j) {
    const Ball g = div(dF[j], w.total, prec);
    const Ball col_sq = mul(mul(g, g, prec), add(mul(w.others[j], w.others[j], prec), w.others_sq[j], prec), prec);
    sum = add(sum, col_sq, prec);
    max_col = max_of(max_col, sqrt_nonnegative(col_sq, prec), prec);
    max_abs = max_of(max_abs, abs_of(dF[j]), prec);
    minF = min_of(minF, F[j], prec);
    // column abs sum: |F'_j|/S (o_j + sum_{i != j} alpha_i) = 2 o_j |F'_j| / S
    max_col_sum = max_of(max_col_sum, div(mul(Ball(2), mul(w.others[j], abs_of(dF[j]), prec), prec), w.total, prec), prec);
    const Ball row = add(mul(w.others[j], abs_of(dF[j]), prec),
                         mul(w.alpha[j], sub(abs_total, abs_of(dF[j]), prec), prec), prec);
    max_row_sum = max_of(max_row_sum, div(row, w.total, prec), prec);
  }
  const Ball Lm = mul(Ball(L), minF, prec);
  // bound = (max|F'| + ||F|| ||F'|| / (L m)) / (L m)
  const Ball b = div(add(max_abs, div(mul(norm2(F, prec), norm2(dF, prec), prec), Lm, prec), prec), Lm, prec);
  const Ball frob = sqrt_nonnegative(sum, prec);  // a sum of squares
  if (variant == "frobenius") return {single("claim", frob, b)};
  // Spectral: max column norm <= ||J||_2 <= min(||J||_F, sqrt(||J||_1 ||J||_inf)) (Hoelder).
  const Ball upper = min_of(upper_end(frob), upper_end(sqrt_nonnegative(mul(max_col_sum, max_row_sum, prec), prec)), prec);
  SideEval s = single("claim", hull(lower_end(max_col), upper, prec), b);
  if (!certainly_le(upper, b) && L <= 512) s.holds_by_other = gram_shift_positive_definite(w, dF, b, prec);
  return {s};
}

// Weights of Theorem 1 / Corollary 2: softmax(logits / T), or "weights" (>= 0, summing to exactly 1,
// decided on the decimals with FLINT integers). *keys receives the decimals whose order is the weights' order.
std::vector<Ball> read_weight_balls(const InstanceReader& in, std::vector<std::string>& keys, long prec) {
  const bool has_w = in.has("weights"), has_l = in.has("logits");
  if (has_w == has_l) throw InputError("instance.weights", "give exactly one of weights and logits");
  if (has_l) {
    keys = in.decimal_vector("logits");
    const Ball T = positive_field(in, "temperature", prec);
    std::vector<Ball> z;
    for (const auto& l : balls(keys, prec, "instance.logits")) z.push_back(div(l, T, prec));
    return softmax_weights(z, prec, equal_decimals(keys)).alpha;
  }
  if (in.has("temperature")) throw InputError("instance.temperature", "not used with weights");
  keys = in.decimal_vector("weights");
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (decimal_sign(keys[i]) < 0) throw HypothesisError("instance.weights[" + std::to_string(i) + "]", "must be >= 0");
  const auto one = decimals_sum_to_one(keys);
  if (!one) throw CheckUnsupported("weights with exponents too far apart to sum exactly");
  if (!*one) throw HypothesisError("instance.weights", "must sum to exactly 1");
  return balls(keys, prec, "instance.weights");
}


// E[d~] over uniform N-subsets I of {0..L-1}, reading (a): (1/C(L,N)) sum_I sum_{i notin I} ||y_i - sum_{j in I} y_j||,
// y_i = alpha_i x_i, by exact enumeration (CheckUnsupported above a work limit of 3e7 ball operations).
Ball expected_distance(const std::vector<std::vector<Ball>>& y, std::size_t N, long prec) {
  const std::size_t L = y.size(), d = y[0].size();
  double subsets = 1;
  for (std::size_t k = 1; k <= N; ++k) subsets = subsets * static_cast<double>(L - N + k) / static_cast<double>(k);
  if (subsets * static_cast<double>(L * d) > 3e7) throw CheckUnsupported("more subsets than the checker enumerates");
  std::vector<std::size_t> idx(N);
  for (std::size_t k = 0; k < N; ++k) idx[k] = k;
  Ball total(0);
  long count = 0;
  std::vector<bool> in(L);
  std::vector<Ball> s(d);
  while (true) {
    std::fill(in.begin(), in.end(), false);
    for (auto i : idx) in[i] = true;
    for (std::size_t k = 0; k < d; ++k) {
      s[k] = Ball(0);
      for (auto j : idx) s[k] = add(s[k], y[j][k], prec);
    }
    for (std::size_t i = 0; i < L; ++i) {
      if (in[i]) continue;
      std::vector<Ball> diff;
      for (std::size_t k = 0; k < d; ++k) diff.push_back(sub(y[i][k], s[k], prec));
      total = add(total, norm2(diff, prec), prec);
    }
    ++count;
    std::size_t k = N;  // next combination in lexicographic order
    while (k > 0 && idx[k - 1] == L - N + k - 1) --k;
    if (k == 0) break;
    ++idx[k - 1];
    for (std::size_t m = k; m < N; ++m) idx[m] = idx[m - 1] + 1;
  }
  return div(total, Ball(count), prec);
}

// thm1.random (spec 1.4): M = ((L-N)/L) sum_i ||y_i - (N/(L-1)) sum_{j != i} y_j||; epsilon bound
// ((L-N)/L) sum_i sqrt(N(L-1-N)/((L-1)(L-2)) sum_{j != i} ||y_j - m_i||^2), m_i = (1/(L-1)) sum_{j != i} y_j
// (the spread summed directly: a sum of squares, no clamp). cor2.regimes (spec 2): triangle, collapse,
// dominant_term with sum_{j != i} alpha_j ||x_j|| summed directly.
std::vector<SideEval> expectation_statement(const InstanceReader& in, const std::string& statement,
                                            const std::string& variant, long prec) {
  in.allow_only({"logits", "temperature", "weights", "x", "top_n"});
  std::vector<std::string> keys;
  const std::vector<Ball> alpha = read_weight_balls(in, keys, prec);
  const std::size_t L = keys.size();
  const auto x = read_rows(in, L, prec);
  const long long n = in.integer("top_n");
  if (n < 1 || n > static_cast<long long>(L)) throw HypothesisError("instance.top_n", "must satisfy 1 <= top_n <= L");
  const std::size_t N = static_cast<std::size_t>(n), d = x[0].size();
  std::vector<std::vector<Ball>> y(L);
  for (std::size_t i = 0; i < L; ++i)
    for (std::size_t k = 0; k < d; ++k) y[i].push_back(mul(alpha[i], x[i][k], prec));
  const Ball E = expected_distance(y, N, prec);
  const Ball outside = div(Ball(static_cast<long>(L - N)), Ball(static_cast<long>(L)), prec);
  if (statement == "thm1.random") {
    Ball M(0), eps(0);
    if (N < L) {
      const Ball frac = div(Ball(static_cast<long>(N)), Ball(static_cast<long>(L - 1)), prec);
      const Ball c = N + 1 >= L ? Ball(0)
                                : div(Ball(static_cast<long>(N * (L - 1 - N))),
                                      mul(Ball(static_cast<long>(L - 1)), Ball(static_cast<long>(L - 2)), prec), prec);
      for (std::size_t i = 0; i < L; ++i) {
        std::vector<Ball> others(d, Ball(0));
        for (std::size_t j = 0; j < L; ++j)
          if (j != i)
            for (std::size_t k = 0; k < d; ++k) others[k] = add(others[k], y[j][k], prec);
        std::vector<Ball> diff;
        for (std::size_t k = 0; k < d; ++k) diff.push_back(sub(y[i][k], mul(frac, others[k], prec), prec));
        M = add(M, norm2(diff, prec), prec);
        if (N + 1 < L) {
          Ball spread(0);
          for (std::size_t j = 0; j < L; ++j) {
            if (j == i) continue;
            std::vector<Ball> dv;
            for (std::size_t k = 0; k < d; ++k)
              dv.push_back(sub(y[j][k], div(others[k], Ball(static_cast<long>(L - 1)), prec), prec));
            const Ball nn = norm2(dv, prec);
            spread = add(spread, mul(nn, nn, prec), prec);
          }
          eps = add(eps, sqrt_nonnegative(mul(c, spread, prec), prec), prec);
        }
      }
      M = mul(outside, M, prec);
      eps = mul(outside, eps, prec);
    }
    SideEval s = single("claim", E, variant == "upper" ? add(M, eps, prec) : M);
    if (variant == "jensen_lower") s.relation = "at_least";
    return {s};
  }
  std::vector<Ball> norms, own;
  Ball D(0), max_norm(0);
  for (std::size_t i = 0; i < L; ++i) {
    norms.push_back(norm2(x[i], prec));
    own.push_back(mul(alpha[i], norms[i], prec));
    D = add(D, norm2(y[i], prec), prec);
    max_norm = max_of(max_norm, norms[i], prec);
  }
  if (variant == "triangle") {
    Ball total(0);
    if (N < L) {
      const Ball frac = div(Ball(static_cast<long>(N)), Ball(static_cast<long>(L - 1)), prec);
      for (std::size_t i = 0; i < L; ++i) {
        Ball rest(0);
        for (std::size_t j = 0; j < L; ++j)
          if (j != i) rest = add(rest, own[j], prec);
        total = add(total, add(own[i], mul(frac, rest, prec), prec), prec);
      }
    }
    return {single("claim", E, mul(outside, total, prec))};
  }
  if (variant == "collapse")
    return {single("claim", E, mul(mul(outside, Ball(static_cast<long>(N + 1)), prec), max_norm, prec))};
  const Ball r = div(Ball(static_cast<long>(N)), Ball(static_cast<long>(L)), prec);
  SideEval up = single("upper", E, mul(add(Ball(1), r, prec), D, prec));
  SideEval low = single("lower", E, mul(sub(Ball(1), r, prec), D, prec));
  low.relation = "at_least";
  return {up, low};
}


// Theorem 1 part 1 (spec 1.3, 2): d~ <= (1 - abar_N) d_1 + max_{j in I_N} ||x_j|| [(L - N) abar_N -+ (1 - abar_N)].
// The top-N set is chosen exactly on the decimals (logits or weights; ties by lower index) or validated
// exactly when given ("top_set"); "weights" must be >= 0 and sum to exactly 1 (FLINT integers).
std::vector<SideEval> thm1_fixed(const InstanceReader& in, const std::string& variant, long prec) {
  in.allow_only({"logits", "temperature", "weights", "x", "top_n", "top_set", "distance"});
  std::vector<std::string> keys;
  const std::vector<Ball> alpha = read_weight_balls(in, keys, prec);
  const std::size_t L = keys.size();
  const auto x = read_rows(in, L, prec);
  bool sum_of_norms = true;
  if (in.has("distance")) {
    const std::string t = in.text("distance");
    if (t == "norm_of_sum") sum_of_norms = false;
    else if (t != "sum_of_norms") throw InputError("instance.distance", "unknown reading \"" + t + "\"");
  }
  const std::vector<bool> in_set = read_top_set(in, keys);
  std::size_t N = 0;
  for (bool b : in_set) N += b;
  const std::size_t d = x[0].size();
  const std::vector<Ball> s = context_vector(alpha, x, in_set, prec);
  std::vector<Ball> out(d, Ball(0));
  Ball selected(0), rest(0), max_norm(0);
  for (std::size_t i = 0; i < L; ++i) {
    if (in_set[i]) {
      selected = add(selected, alpha[i], prec);
      max_norm = max_of(max_norm, norm2(x[i], prec), prec);
    } else {
      rest = add(rest, alpha[i], prec);  // 1 - abar_N as a sum (no cancellation)
      for (std::size_t k = 0; k < d; ++k) out[k] = add(out[k], mul(alpha[i], x[i][k], prec), prec);
    }
  }
  Ball q(0);
  if (sum_of_norms) {
    for (std::size_t i = 0; i < L; ++i)
      if (!in_set[i]) q = add(q, distance_to_context(s, alpha[i], x[i], prec), prec);
  } else {
    std::vector<Ball> diff;
    for (std::size_t k = 0; k < d; ++k) diff.push_back(sub(out[k], s[k], prec));
    q = norm2(diff, prec);
  }
  Ball d1(0);  // max_{i notin I_N, j in I_N} ||x_i - x_j||
  for (std::size_t i = 0; i < L; ++i) {
    if (in_set[i]) continue;
    for (std::size_t j = 0; j < L; ++j) {
      if (!in_set[j]) continue;
      std::vector<Ball> diff;
      for (std::size_t k = 0; k < d; ++k) diff.push_back(sub(x[i][k], x[j][k], prec));
      d1 = max_of(d1, norm2(diff, prec), prec);
    }
  }
  const Ball lead = mul(Ball(static_cast<long>(L - N)), selected, prec);
  const Ball bracket = variant == "loose" ? add(lead, rest, prec) : sub(lead, rest, prec);
  return {single("claim", q, add(mul(rest, d1, prec), mul(max_norm, bracket, prec), prec))};
}

// Theorem 2 at d = 1 (spec 1.5, section 2): x_i = sigma_i M, sigma iid uniform on {-1, +1}, a_i = alpha_i M,
// s = sum_{i in I} sigma_i a_i, N_s = prod_{j notin I} 1{|sigma_j a_j - s| > r} sum_{i in I} 1{|s - sigma_i a_i| <= r}.
// The non-selected signs are independent of s, so E[N_s] = 2^-N sum_{sigma_I} C(sigma_I) prod_{j notin I} K_j/2,
// K_j = #{tau = +-1 : |tau a_j - s| > r}. Each indicator is decided by Arb (certainly <= r / certainly > r);
// an undecided one contributes its worst case to each end, so [lower sum, upper sum] encloses E[N_s] (exact
// dyadic sums). Bounds: lower 1 - (1/(rN)) sum xi_i; upper (1/N) sum exp(-(max(xi_i - r, 0))^2/(2 M^2)) (the
// two branches of the statement agree at xi_i = r, so max(., 0) is the same function). Only d = 1 and
// 2^N L <= 2^22 (CheckUnsupported otherwise: d = 2 is integrated by the engine, not re-checked here).
std::vector<SideEval> thm2(const InstanceReader& in, const std::string& statement, const std::string& variant, long prec) {
  in.allow_only({"logits", "temperature", "weights", "top_n", "top_set", "radius", "sphere_radius", "dimension", "delta"});
  std::vector<std::string> keys;
  const std::vector<Ball> alpha = read_weight_balls(in, keys, prec);
  const std::size_t L = keys.size();
  const std::vector<bool> in_set = read_top_set(in, keys);
  const Ball r = positive_field(in, "radius", prec), M = positive_field(in, "sphere_radius", prec);
  const long long dim = in.integer("dimension");
  if (dim < 1 || dim > 100000) throw HypothesisError("instance.dimension", "must be an integer in [1, 100000]");
  if (in.has("delta") && decimal_sign(in.decimal("delta")) < 0) throw HypothesisError("instance.delta", "must be >= 0");
  if (variant == "xi_b" && !in.has("delta")) throw InputError("instance.delta", "required by variant xi_b");
  std::vector<std::size_t> sel;
  for (std::size_t i = 0; i < L; ++i)
    if (in_set[i]) sel.push_back(i);
  const std::size_t N = sel.size();
  if (dim != 1) throw CheckUnsupported("Theorem 2 with d > 1 (the engine integrates; not re-checked)");
  if (N > 40 || (std::uint64_t{1} << N) * L > (std::uint64_t{1} << 22)) throw CheckUnsupported("too many sign patterns");
  const Ball M2 = mul(M, M, prec);
  Ball xi_sum(0), upper_sum(0);
  for (const std::size_t i : sel) {
    Ball A(0), sum(0);
    for (const std::size_t j : sel)
      if (j != i) {
        A = add(A, mul(alpha[j], alpha[j], prec), prec);
        sum = add(sum, alpha[j], prec);
      }
    Ball xi2 = mul(M2, A, prec);  // xi_a: M^2 A_i
    if (variant == "xi_b") {      // + (M^2 - delta^2/2)((sum)^2 - A_i)
      const Ball delta = parse_decimal(in.decimal("delta"), prec, "instance.delta");
      xi2 = add(xi2, mul(sub(M2, div(mul(delta, delta, prec), Ball(2), prec), prec), sub(mul(sum, sum, prec), A, prec), prec), prec);
      if (certainly_lt(xi2, Ball(0))) throw HypothesisError("instance.delta", "xi_b^2 < 0: delta infeasible");
    }
    const Ball xi = sqrt_nonnegative(xi2, prec);
    xi_sum = add(xi_sum, xi, prec);
    const Ball gap = max_of(sub(xi, r, prec), Ball(0), prec);
    upper_sum = add(upper_sum, exp_of(neg(div(mul(gap, gap, prec), mul(Ball(2), M2, prec), prec)), prec), prec);
  }
  std::vector<Ball> a;
  for (std::size_t i = 0; i < L; ++i) a.push_back(mul(alpha[i], M, prec));
  // Tri-state |d| <= r: 1 yes, 0 no, -1 undecided.
  const auto within = [&](const Ball& d) {
    const Ball ad = abs_of(d);
    if (certainly_le(ad, r)) return 1;
    if (certainly_lt(r, ad)) return 0;
    return -1;
  };
  const long eprec = std::max<long>(prec, static_cast<long>(N + 2 * L) + 64);  // dyadic sums stay exact
  Ball lo(0), hi(0);
  for (std::uint64_t pattern = 0; pattern < (std::uint64_t{1} << N); ++pattern) {
    Ball sv(0);
    for (std::size_t k = 0; k < N; ++k)
      sv = (pattern >> k & 1) ? sub(sv, a[sel[k]], prec) : add(sv, a[sel[k]], prec);
    long c_lo = 0, c_hi = 0;
    for (std::size_t k = 0; k < N; ++k) {
      const Ball own = (pattern >> k & 1) ? neg(a[sel[k]]) : a[sel[k]];
      const int t = within(sub(sv, own, prec));
      c_lo += t == 1;
      c_hi += t != 0;
    }
    Ball p_lo(1), p_hi(1);  // prod_j K_j / 2, each K_j in [k_lo, k_hi]
    for (std::size_t j = 0; j < L && !(arb_is_zero(p_hi.get())); ++j) {
      if (in_set[j]) continue;
      long k_lo = 0, k_hi = 0;
      for (int tau : {1, -1}) {
        const int t = within(sub(tau > 0 ? a[j] : neg(a[j]), sv, prec));  // outside: |tau a_j - s| > r
        k_lo += t == 0;
        k_hi += t != 1;
      }
      p_lo = div(mul(p_lo, Ball(k_lo), eprec), Ball(2), eprec);
      p_hi = div(mul(p_hi, Ball(k_hi), eprec), Ball(2), eprec);
    }
    lo = add(lo, mul(Ball(c_lo), p_lo, eprec), eprec);
    hi = add(hi, mul(Ball(c_hi), p_hi, eprec), eprec);
  }
  Ball scale(1);
  arb_mul_2exp_si(scale.get(), scale.get(), -static_cast<long>(N));  // 2^-N, exact
  const Ball n(static_cast<long>(N));
  const Ball q = hull(div(mul(lo, scale, eprec), n, prec), div(mul(hi, scale, eprec), n, prec), prec);  // E[N_s]/N
  if (statement == "thm2.lower") {
    SideEval side = single("claim", q, sub(Ball(1), div(xi_sum, mul(r, n, prec), prec), prec));
    side.relation = "at_least";
    return {side};
  }
  return {single("claim", q, div(upper_sum, n, prec))};
}

std::vector<SideEval> alg5(const InstanceReader& in, const std::string& variant, long prec) {
  in.allow_only({"logits", "temperature", "epsilon", "direction"});
  const std::vector<Ball> l = balls(in.decimal_vector("logits"), prec, "instance.logits");
  const Ball T = positive_field(in, "temperature", prec);
  const Ball eps = positive_field(in, "epsilon", prec);
  const auto dir_text = in.decimal_vector("direction");
  if (dir_text.size() != l.size()) throw InputError("instance.direction", "must have L entries");
  if (std::all_of(dir_text.begin(), dir_text.end(), [](const std::string& t) { return decimal_sign(t) == 0; }))
    throw HypothesisError("instance.direction", "must be nonzero");
  const std::vector<Ball> dir = balls(dir_text, prec, "instance.direction");
  const Ball dn = norm2(dir, prec);
  std::vector<Ball> z, z2;
  for (std::size_t i = 0; i < l.size(); ++i) {
    z.push_back(div(l[i], T, prec));
    // (l_i + eps v_i) / T, v = direction / ||direction||
    z2.push_back(div(add(l[i], mul(eps, div(dir[i], dn, prec), prec), prec), T, prec));
  }
  const Weights a = softmax_weights(z, prec), b = softmax_weights(z2, prec);
  std::vector<Ball> diff;
  for (std::size_t i = 0; i < l.size(); ++i) diff.push_back(sub(b.alpha[i], a.alpha[i], prec));
  const Ball g = div(norm2(diff, prec), eps, prec);  // g(T, eps) = ||softmax(l+eps v) - softmax(l)|| / eps
  Ball bound;
  if (variant == "lipschitz") bound = div(Ball(1), mul(Ball(2), T, prec), prec);
  else if (variant == "cor3_bound") bound = min_of(div(Ball(1), mul(Ball(4), T, prec), prec), sqrt2(prec), prec);
  else bound = div(sqrt2(prec), eps, prec);
  return {single("claim", g, bound)};
}

}  // namespace

const StatementTable* find_statement_table(const std::string& id) {
  for (const auto& t : tables())
    if (t.id == id) return &t;
  return nullptr;
}

std::vector<std::string> known_statement_ids() {
  std::vector<std::string> ids;
  for (const auto& t : tables()) ids.push_back(t.id);
  return ids;
}

std::vector<std::pair<std::string, std::string>> expected_sides(const std::string& statement, const std::string& variant) {
  if (statement == "lemma1.vanishing" || statement == "cor1.softmax_weights" ||
      (statement == "cor2.regimes" && variant == "dominant_term"))
    return {{"upper", "at_most"}, {"lower", "at_least"}};
  if ((statement == "thm1.random" && variant == "jensen_lower") || statement == "thm2.lower") return {{"claim", "at_least"}};
  if (statement == "alt.low_temperature") {
    if (variant == "guideline") return {{"jacobian", "at_least"}, {"distance", "at_most"}, {"separability", "at_most"}};
    if (variant == "collapse") return {{"high", "at_most"}, {"low", "at_most"}};
    return {{"claim", "at_least"}};
  }
  // max weight >= a bound: the non-vanishing readings (SA-Softmax's vanishing reading is an upper bound).
  if (variant == "vanishing" && (statement == "alt.sparsemax" || statement == "alt.entmax15" || statement == "alt.ssmax"))
    return {{"claim", "at_least"}};
  return {{"claim", "at_most"}};
}

std::vector<SideEval> evaluate_sides(const std::string& statement, const std::string& variant,
                                     const nlohmann::json& instance, const std::vector<nlohmann::json>& witnesses,
                                     const std::vector<std::optional<long long>>& indices, long prec) {
  const InstanceReader in(instance);
  const nlohmann::json no_witness;
  const nlohmann::json& w0 = witnesses.empty() ? no_witness : witnesses[0];
  if (statement == "cor3.softmax_jacobian") return cor3(in, variant, false, w0, prec);
  if (statement == "cor3.softmax_jacobian.corrected") return cor3(in, variant, true, w0, prec);
  if (statement == "cor1.softmax_weights") return cor1(in, variant, indices, prec);
  if (statement == "lemma1.vanishing") return lemma1(in, prec);
  if (statement == "lemma2.jacobian") return lemma2(in, variant, prec);
  if (statement == "thm1.fixed") return thm1_fixed(in, variant, prec);
  if (statement == "thm1.random" || statement == "cor2.regimes") return expectation_statement(in, statement, variant, prec);
  if (statement == "thm2.lower" || statement == "thm2.upper") return thm2(in, statement, variant, prec);
  if (statement == "alg5.fd_gradient") return alg5(in, variant, prec);
  if (statement == "alt.sparsemax") return alt_sparsemax_sides(in, variant, prec);
  if (statement == "alt.entmax15") return alt_entmax15_sides(in, variant, prec);
  if (statement == "alt.ssmax") return alt_ssmax_sides(in, variant, prec);
  if (statement == "alt.sa_softmax") return alt_sa_softmax_sides(in, variant, prec);
  if (statement == "alt.low_temperature") return alt_low_temperature_sides(in, variant, prec);
  throw std::logic_error("evaluate_sides: unsupported statement " + statement);
}

}  // namespace attnbound::check
