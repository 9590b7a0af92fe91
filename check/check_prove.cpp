#include "check/check_prove.hpp"

#include "check/ball.hpp"
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
  if (h.statement != "cor3.softmax_jacobian" && h.statement != "cor3.softmax_jacobian.corrected" && h.statement != "lemma2.jacobian")
    throw InputError("statement", "prove certificates cover the Corollary 3 family and Lemma 2 (F = exp), not '" + h.statement + "'");
  if (h.variant != "spectral" && h.variant != "frobenius" && (h.statement == "lemma2.jacobian" || h.variant != "per_weight"))
    throw InputError("variant", "unknown prove variant '" + h.variant + "' for " + h.statement);
  if (h.status != "proved" && h.status != "refuted" && h.status != "incomplete")
    throw InputError("status", "unknown status '" + h.status + "'");
  if (!j.contains("length") || !j.at("length").is_number_integer()) throw InputError("length", "must be an integer");
  h.length = j.at("length").get<int>();
  if (h.length < 2 || h.length > 12) throw InputError("length", "must be in [2, 12]");
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

bool certainly_no_sorted_point(const Box& b) {
  for (std::size_t j = 1; j < b.size(); ++j)
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

bool leaf_within_target(const Header& h, const Ball& kappa, const Box& box, int depth, double& largest) {
  std::size_t k = 1;
  Ball u = upper_of(mul(kappa, corrected_ratio_upper(h.variant, box, &k), kPrec));
  if (h.statement == "lemma2.jacobian") u = upper_of(mul(div(u, Ball(2), kPrec), lemma2_factor_upper(box), kPrec));
  if (certainly_le(u, h.target)) {
    largest = std::max(largest, approx(u));
    return true;
  }
  if (depth >= kMaxLocalDepth) {
    largest = std::max(largest, approx(u));
    return false;
  }
  const double mid = std::clamp(0.5 * box[k].first + 0.5 * box[k].second, box[k].first, box[k].second);
  if (!(mid > box[k].first && mid < box[k].second)) {
    largest = std::max(largest, approx(u));
    return false;
  }
  Box left = box, right = box;
  left[k].second = mid;
  right[k].first = mid;
  return leaf_within_target(h, kappa, left, depth + 1, largest) && leaf_within_target(h, kappa, right, depth + 1, largest);
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
  std::vector<Box> stack{root};
  std::size_t pos = 0, upper_leaves = 0;
  while (!stack.empty()) {
    Box box = std::move(stack.back());
    stack.pop_back();
    if (pos >= tree.size()) return reject("the tree ends before every box is a leaf");
    const char ch = tree[pos++];
    if (ch >= 'A' && ch < static_cast<char>('A' + h.length - 1)) {
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
      if (!certainly_no_sorted_point(box)) return reject(fmt::format("node {}: a pruned box holds a sorted point", pos - 1));
      ++out.pruned_confirmed;
    } else if (ch == 'o') {
      if (h.status != "incomplete") return reject(fmt::format("node {}: an open box in a '{}' certificate", pos - 1, h.status));
      ++out.open;
      ++upper_leaves;
    } else if (ch == 'c') {
      ++upper_leaves;
      double largest = 0;
      if (!leaf_within_target(h, kappa, box, 0, largest))
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
