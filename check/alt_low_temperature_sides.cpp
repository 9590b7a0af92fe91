// alt.low_temperature (theory/alt_low_temperature.hpp states it; re-derived here from the spec: section 5's
// guideline "avoid T below 10^-1", Theorem 1's distance, Algorithm 4's count). Instance: logits l, rows x, top_n N,
// temperature T1 > 0, low_temperature T2 (0 < T2 < T1, T2 <= 1/10, compared exactly on the decimals; default
// T1/10, which needs T1 <= 1), tolerance tau >= 0 (default 0). p(T) = softmax(l/T) from the exact shift (equal
// decimals give e^0 = 1 exactly); I_N the top N logits on the exact decimals, ties by the lower index (softmax
// keeps the order of the logits at every T > 0, so it is the top-N set of the weights at T1 and T2).
//   ||J(T)||_2 = lambda_max(diag p - p p^T)/T enclosed to a relative accuracy (check/softmax_jacobian_laplacian_norm.hpp);
//   d~(T) = sum_{i notin I} ||p_i x_i - s||, s = sum_{j in I} p_j x_j (Theorem 1, reading (a));
//   N_s(T)/N by check/separated_fraction.hpp (undecided comparisons widen the ball, never guessed).
//   guideline   jacobian ||J(T2)||_2 >= ||J(T1)||_2; distance d~(T2) <= (1 + tau) d~(T1); separability
//               N_s(T2)/N <= N_s(T1)/N.
//   one_over_T  ||J(T2)||_2 >= (T1/T2) ||J(T1)||_2.
//   collapse    high / low: ||J(T)||_2 <= 2 (1 - p_k(T))/T at T1 / T2, k the first largest logit; 1 - p_k is
//               summed as sum_{j != k} p_j (no cancellation).
#include "check/alt_low_temperature_sides.hpp"

#include "check/decimal.hpp"
#include "check/exact_shift.hpp"
#include "check/separated_fraction.hpp"
#include "check/softmax_jacobian_laplacian_norm.hpp"
#include "check/softmax_weights.hpp"
#include "theory/errors.hpp"

namespace attnbound::check {
namespace {

struct AtTemperature {
  Ball jacobian, collapse_bound, distance, separated;
};

AtTemperature at_temperature(const ShiftedLogits& sh, const std::vector<std::string>& texts, const Ball& T,
                             const std::vector<std::vector<Ball>>& x, const std::vector<bool>& in_set, long prec) {
  std::vector<Ball> u;
  for (const auto& y : sh.y) u.push_back(div(y, T, prec));
  const Weights w = softmax_weights(u, prec, [&texts](std::size_t a, std::size_t b) { return compare_decimals(texts[a], texts[b]) == 0; });
  AtTemperature a;
  a.jacobian = softmax_jacobian_norm_enclosure(w, T, prec);
  Ball rest(0);  // 1 - p_k = sum_{j != k} p_j
  for (std::size_t j = 0; j < w.alpha.size(); ++j)
    if (j != sh.order[0]) rest = add(rest, w.alpha[j], prec);
  a.collapse_bound = div(mul(Ball(2), rest, prec), T, prec);
  const std::vector<Ball> s = context_vector(w.alpha, x, in_set, prec);
  a.distance = Ball(0);
  for (std::size_t i = 0; i < w.alpha.size(); ++i)
    if (!in_set[i]) a.distance = add(a.distance, distance_to_context(s, w.alpha[i], x[i], prec), prec);
  a.separated = separated_fraction(w.alpha, x, in_set, prec);
  return a;
}

SideEval side(const std::string& name, const std::string& relation, const Ball& q, const Ball& b) {
  SideEval s = single(name, q, b);
  s.relation = relation;
  return s;
}

}  // namespace

std::vector<SideEval> alt_low_temperature_sides(const InstanceReader& in, const std::string& variant, long prec) {
  in.allow_only({"logits", "x", "top_n", "temperature", "low_temperature", "tolerance"});
  const auto texts = in.decimal_vector("logits");
  const std::size_t L = texts.size();
  const ShiftedLogits sh = shifted_logits(texts, prec, "instance.logits");
  const auto x = read_rows(in, L, prec);
  if (!in.has("top_n")) throw InputError("instance.top_n", "required");
  const std::vector<bool> in_set = read_top_set(in, texts);
  const std::string t1 = in.decimal("temperature");
  const Ball T1 = positive_field(in, "temperature", prec);
  Ball T2;
  if (in.has("low_temperature")) {
    const std::string t2 = in.decimal("low_temperature");
    T2 = positive_field(in, "low_temperature", prec);
    if (compare_decimals(t2, t1) >= 0) throw HypothesisError("instance.low_temperature", "must be < temperature");
    if (compare_decimals(t2, "0.1") > 0) throw HypothesisError("instance.low_temperature", "must be <= 1/10");
  } else {
    // T1/10 <= 1/10 iff T1 <= 1 (exact on the decimal); T1/10 < T1 always.
    if (compare_decimals(t1, "1") > 0) throw HypothesisError("instance.temperature", "the default T1/10 needs T1 <= 1");
    T2 = div(T1, Ball(10), prec);
  }
  Ball tol(0);
  if (in.has("tolerance")) {
    const std::string t = in.decimal("tolerance");
    if (decimal_sign(t) < 0) throw HypothesisError("instance.tolerance", "must be >= 0");
    tol = parse_decimal(t, prec, "instance.tolerance");
  }
  const AtTemperature hi = at_temperature(sh, texts, T1, x, in_set, prec), lo = at_temperature(sh, texts, T2, x, in_set, prec);
  if (variant == "one_over_T") return {side("claim", "at_least", lo.jacobian, mul(div(T1, T2, prec), hi.jacobian, prec))};
  if (variant == "collapse")
    return {side("high", "at_most", hi.jacobian, hi.collapse_bound), side("low", "at_most", lo.jacobian, lo.collapse_bound)};
  return {side("jacobian", "at_least", lo.jacobian, hi.jacobian),
          side("distance", "at_most", lo.distance, mul(add(Ball(1), tol, prec), hi.distance, prec)),
          side("separability", "at_most", lo.separated, hi.separated)};
}

}  // namespace attnbound::check
