#include "verify/proof_replay.hpp"

#include "theory/errors.hpp"
#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/softmax.hpp"
#include "theory/statement.hpp"
#include "theory/top_n.hpp"

#include <fmt/format.h>
#include <mpfr.h>

#include <cmath>

namespace attnbound {
namespace {

using I = Interval;

// ---- Corollary 3: ||J||_2 <= min{1/(4T), sqrt 2}, J = (diag a - a a^T)/T -----------------------------
// The spec's route to 1/(4T) is the largest diagonal entry a_i(1 - a_i)/T, and sqrt 2 the Frobenius norm
// of diag a - a a^T without 1/T; the chain makes the implicit step "the norm is attained on the diagonal"
// explicit, which is where it breaks at a two-way tie (erratum E1).
std::vector<ProofStepValue> cor3_chain(const Instance& inst, const std::string& variant) {
  inst.check_fields({"logits", "temperature"});
  const Vec<I> l = inst.vector<I>("logits");
  const I T = positive_scalar<I>(inst, "temperature");
  const Vec<I> p = softmax(l, T);
  const Mat<I> J = softmax_jacobian_from_weights(p, T);
  const I lam = softmax_jacobian_spectral_norm(p, T);
  I diag_max(0);
  for (const auto& a : p) diag_max = smax(diag_max, I(a * (I(1) - a) / T));
  const I fro = frobenius_norm(J);
  const I sqrt2 = sqrt(I(2));
  const I bound = smin(I(1) / (I(4) * T), sqrt2);
  std::vector<ProofStepValue> s;
  if (p.size() <= 160)
    s.push_back({"secular", "||J||_2 (general enclosure) = lambda_max(diag a - a a^T)/T (secular equation)",
                 StepKind::identity, spectral_norm(J), lam});
  s.push_back({"diagonal", "||J||_2 <= max_i J_ii = max_i a_i(1 - a_i)/T (norm attained on the diagonal)",
               StepKind::at_most, lam, diag_max});
  s.push_back({"am-gm", "max_i a_i(1 - a_i)/T <= 1/(4T)", StepKind::at_most, diag_max, I(1) / (I(4) * T)});
  s.push_back({"spectral<=frobenius", "||J||_2 <= ||J||_F", StepKind::at_most, lam, fro});
  s.push_back({"frobenius-constant", "||diag a - a a^T||_F <= sqrt 2", StepKind::at_most, I(fro * T), sqrt2});
  I q = lam;
  if (variant == "frobenius") q = fro;
  if (variant == "per_weight") q = max_element_value(row_norms(J));
  s.push_back({"claim", fmt::format("{} <= min{{1/(4T), sqrt 2}}", variant == "frobenius" ? "||J||_F"
                                                                    : variant == "per_weight" ? "max_i ||grad a_i||_2"
                                                                                              : "||J||_2"),
               StepKind::at_most, q, bound});
  return s;
}

// ---- Theorem 1, fixed I_N: the 4-line derivation of the spec, reading (a) -------------------------------
//   d~ = sum_{i notin I} || sum_{j in I} (a_i/N)(x_i - x_j) + sum_{j in I} (a_i/N - a_j) x_j ||
//      <= sum_i sum_j (a_i/N)||x_i - x_j|| + sum_i sum_j |a_i/N - a_j| ||x_j||          (triangle)
//      <= (1 - abar) d_1 + max_j ||x_j|| sum_i sum_j |a_i/N - a_j|                        (d_1, max norm)
//      =  (1 - abar) d_1 + max_j ||x_j|| [(L - N) abar - (1 - abar)]                      (a_j >= a_i/N)
std::vector<ProofStepValue> thm1_fixed_chain(const Instance& inst, const std::string& variant) {
  inst.check_fields(find_statement("thm1.fixed").info.inputs);
  if (read_distance_reading(inst) != DistanceReading::sum_of_norms)
    throw InputError("distance", "the proof replay follows reading (a) (sum_of_norms), the one Theorem 1 bounds");
  const WeightsInput<I> w = read_weights<I>(inst);
  const std::size_t L = w.alpha.size();
  const Mat<I> x = read_embeddings<I>(inst, L);
  const std::vector<std::size_t> set = read_top_set(inst, w.order_keys);
  const std::size_t N = set.size();
  const std::vector<bool> in = membership(L, set);
  const Vec<I>& a = w.alpha;
  const I n(static_cast<long long>(N));
  I abar(0), rest(0), max_norm(0);
  for (std::size_t i = 0; i < L; ++i) {
    if (in[i]) {
      abar += a[i];
      max_norm = smax(max_norm, norm2(x[i]));
    } else {
      rest += a[i];
    }
  }
  const I d1 = largest_out_of_set_distance(x, in);
  const I dist = representation_distance(a, x, in, DistanceReading::sum_of_norms);
  I split(0), triangle(0), coeff_sum(0);
  for (std::size_t i = 0; i < L; ++i) {
    if (in[i]) continue;
    Vec<I> v(x[i].size(), I(0));
    for (std::size_t j = 0; j < L; ++j) {
      if (!in[j]) continue;
      add_scaled(v, I(a[i] / n), difference(x[i], x[j]));
      add_scaled(v, I(a[i] / n - a[j]), x[j]);
      triangle += a[i] / n * norm2(difference(x[i], x[j])) + abs(I(a[i] / n - a[j])) * norm2(x[j]);
      coeff_sum += abs(I(a[i] / n - a[j]));
    }
    split += norm2(v);
  }
  const I lead = I(static_cast<long long>(L - N)) * abar;
  const I closed = rest * d1 + max_norm * (lead - rest);
  const I bound = rest * d1 + max_norm * (variant == "loose" ? lead + rest : lead - rest);
  std::vector<ProofStepValue> s;
  s.push_back({"split", "d~ = sum_{i notin I} ||sum_{j in I} (a_i/N)(x_i - x_j) + (a_i/N - a_j) x_j||",
               StepKind::identity, dist, split});
  s.push_back({"triangle", "... <= sum_i sum_j (a_i/N)||x_i - x_j|| + |a_i/N - a_j| ||x_j||", StepKind::at_most,
               split, triangle});
  s.push_back({"d1-and-max-norm", "... <= (1 - abar) d_1 + max_j||x_j|| sum_i sum_j |a_i/N - a_j|",
               StepKind::at_most, triangle, I(rest * d1 + max_norm * coeff_sum)});
  s.push_back({"top-set-signs", "sum_i sum_j |a_i/N - a_j| = (L - N) abar - (1 - abar)  (a_j >= a_i >= a_i/N)",
               StepKind::identity, coeff_sum, I(lead - rest)});
  s.push_back({"claim", variant == "loose" ? "d~ <= (1 - abar) d_1 + max||x_j|| [(L - N) abar + (1 - abar)]"
                                           : "d~ <= (1 - abar) d_1 + max||x_j|| [(L - N) abar - (1 - abar)]",
               StepKind::at_most, dist, bound});
  (void)closed;
  return s;
}

// ---- Corollary 1: (1/L)e^{-2Delta/T} <= alpha_i <= (1/L)e^{2Delta/T}, via Lemma 1 with F = exp(./T) ------
//   |l_j| = |q^T k_j| <= ||q|| ||k_j|| <= Delta                                       (Cauchy-Schwarz)
//   alpha_i = 1 / sum_j e^{(l_j - l_i)/T} <= e^{(max l - min l)/T} / L                (every term >= e^{-range/T})
//   max l - min l <= 2 Delta                                                           (Lemma 1: max F / min F)
// and the mirror for the lower bound. Variant "literal" uses Delta_i = ||q|| ||k_i|| of the extreme weight i,
// where the range step can fail (erratum E10).
std::vector<ProofStepValue> cor1_chain(const Instance& inst, const std::string& variant) {
  inst.check_fields({"query", "keys", "temperature"});
  const Vec<I> q = inst.vector<I>("query");
  const Mat<I> keys = inst.matrix<I>("keys");
  const I T = positive_scalar<I>(inst, "temperature");
  if (keys.empty()) throw InputError("keys", "needs at least one key");
  if (keys[0].size() != q.size()) throw InputError("keys", "rows must have the query's dimension");
  const std::size_t L = keys.size();
  const I qn = norm2(q);
  Vec<I> l, kn;
  for (const auto& k : keys) {
    l.push_back(dot(q, k));
    kn.push_back(norm2(k));
  }
  const Vec<I> a = softmax(l, T);
  const std::size_t hi_i = steer_argmax(a);
  std::size_t lo_i = 0;
  for (std::size_t i = 1; i < L; ++i)
    if (steer_less(a[i], a[lo_i])) lo_i = i;
  const I delta_max = qn * max_element_value(kn);
  const bool literal = variant == "literal";
  const I delta_hi = literal ? I(qn * kn[hi_i]) : delta_max, delta_lo = literal ? I(qn * kn[lo_i]) : delta_max;
  I max_abs(0);
  for (const auto& x : l) max_abs = smax(max_abs, I(abs(x)));
  const I range = max_element_value(l) - min_element_value(l);
  const I n(static_cast<long long>(L));
  std::vector<ProofStepValue> s;
  s.push_back({"cauchy-schwarz", "max_j |q^T k_j| <= ||q|| max_j ||k_j|| = Delta", StepKind::at_most, max_abs, delta_max});
  s.push_back({"upper-weight", "max_i alpha_i <= e^{(max l - min l)/T} / L", StepKind::at_most, a[hi_i],
               I(exp(range / T) / n)});
  s.push_back({"upper-range", literal ? "e^{(max l - min l)/T}/L <= e^{2 Delta_i/T}/L, i the largest weight"
                                      : "e^{(max l - min l)/T}/L <= e^{2 Delta/T}/L",
               StepKind::at_most, I(exp(range / T) / n), I(exp(I(2) * delta_hi / T) / n)});
  s.push_back({"claim-upper", "max_i alpha_i <= e^{2 Delta/T}/L", StepKind::at_most, a[hi_i],
               I(exp(I(2) * delta_hi / T) / n)});
  s.push_back({"lower-weight", "e^{-(max l - min l)/T} / L <= min_i alpha_i", StepKind::at_most,
               I(exp(-range / T) / n), a[lo_i]});
  s.push_back({"lower-range", literal ? "e^{-2 Delta_i/T}/L <= e^{-(max l - min l)/T}/L, i the smallest weight"
                                      : "e^{-2 Delta/T}/L <= e^{-(max l - min l)/T}/L",
               StepKind::at_most, I(exp(I(-2) * delta_lo / T) / n), I(exp(-range / T) / n)});
  s.push_back({"claim-lower", "e^{-2 Delta/T}/L <= min_i alpha_i", StepKind::at_most,
               I(exp(I(-2) * delta_lo / T) / n), a[lo_i]});
  return s;
}

// Upper bound on hi - lo as a double (rounded up twice).
double width_of(const Interval& x) {
  Real w;
  const Real lo = lower_end(x), hi = upper_end(x);
  mpfr_set_prec(w.backend().data(), mpfr_get_prec(hi.backend().data()));
  mpfr_sub(w.backend().data(), hi.backend().data(), lo.backend().data(), MPFR_RNDU);
  return mpfr_get_d(w.backend().data(), MPFR_RNDU);
}

Range range_text(const Interval& x) {
  auto z = [](std::string t) { return t == "-0" ? std::string("0") : t; };
  return {z(to_decimal_down(lower_end(x))), z(to_decimal_up(upper_end(x))), width_of(x)};
}

}  // namespace

const std::vector<ProofChain>& proof_chains() {
  static const std::vector<ProofChain> chains{
      {"cor3.softmax_jacobian", "spec section 2, Corollary 3: 1/(4T) as the largest diagonal entry, sqrt 2 as ||diag a - a a^T||_F",
       &cor3_chain},
      {"cor1.softmax_weights", "spec section 2, Corollary 1: Lemma 1 with F = exp(./T), |l_j| <= Delta by Cauchy-Schwarz",
       &cor1_chain},
      {"thm1.fixed", "spec section 2, Theorem 1 part 1: the 4-line derivation (split, triangle, d_1, top-set signs)",
       &thm1_fixed_chain},
  };
  return chains;
}

ProofResult replay_proof(const Instance& inst, unsigned start_bits, unsigned max_bits) {
  const std::string id = inst.statement();
  const ProofChain* chain = nullptr;
  std::string known;
  for (const auto& c : proof_chains()) {
    if (c.statement == id) chain = &c;
    known += (known.empty() ? "" : ", ") + c.statement;
  }
  if (!chain) throw InputError("statement", fmt::format("no proof replay for \"{}\" (replays exist for: {})", id, known));
  const Statement& st = find_statement(id);
  ProofResult r;
  r.statement = id;
  r.variant = st.resolve_variant(inst.variant());
  r.derivation = chain->derivation;
  const unsigned start = std::max(start_bits, 16u), cap = std::max(max_bits, start);
  // Per step: did the margin enclose 0 at every precision so far, and did it contract fast enough.
  std::vector<bool> zero_every;
  std::vector<double> last_width;
  unsigned last_bits = 0;
  for (unsigned bits = start;; bits = std::min(cap, bits * 2)) {
    PrecisionScope scope(bits);
    const std::vector<ProofStepValue> steps = chain->steps(inst, r.variant);
    if (zero_every.empty()) {
      zero_every.assign(steps.size(), true);
      last_width.assign(steps.size(), INFINITY);
    }
    r.steps.clear();
    bool all_decided = true;
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const auto& st_v = steps[k];
      const Interval m = st_v.rhs - st_v.lhs;
      const Real lo = lower_end(m), hi = upper_end(m);
      const double w = width_of(m);
      const bool has_zero = lo <= 0 && hi >= 0;
      const bool contracting = last_bits == 0 || w <= last_width[k] * std::ldexp(1.0, -static_cast<int>(last_bits / 4));
      zero_every[k] = zero_every[k] && has_zero && contracting;
      last_width[k] = w;
      ProofStepResult s;
      s.name = st_v.name;
      s.claim = st_v.claim;
      s.kind = st_v.kind;
      s.lhs = range_text(st_v.lhs);
      s.rhs = range_text(st_v.rhs);
      s.slack = range_text(m);
      const double scale = std::max(std::fabs(approx(st_v.lhs)), std::fabs(approx(st_v.rhs)));
      if (scale > 0) s.relative_slack = approx(m) / scale;
      if (st_v.kind == StepKind::identity) {
        if (lo > 0 || hi < 0) s.status = "false";
        else s.status = "undecided";
      } else {
        if (hi < 0) s.status = "false";
        else if (lo > 0) s.status = (s.relative_slack && *s.relative_slack <= std::ldexp(1.0, -20)) ? "tight" : "slack";
        else s.status = "undecided";
      }
      if (s.status == "undecided") all_decided = false;
      r.steps.push_back(std::move(s));
    }
    r.precision_bits = PrecisionScope::current_bits();
    last_bits = r.precision_bits;
    if (all_decided || bits >= cap) break;
  }
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    auto& s = r.steps[k];
    if (s.status == "undecided" && zero_every[k] && r.precision_bits > start) s.status = "exact";
    if (s.status == "false" && !r.first_false) r.first_false = k;
  }
  return r;
}

nlohmann::json to_json(const ProofResult& r) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : r.steps) {
    nlohmann::json j{{"step", s.name},
                     {"claim", s.claim},
                     {"kind", s.kind == StepKind::identity ? "identity" : "inequality"},
                     {"status", s.status},
                     {"lhs", {{"lo", s.lhs.lo}, {"hi", s.lhs.hi}}},
                     {"rhs", {{"lo", s.rhs.lo}, {"hi", s.rhs.hi}}},
                     {"slack", {{"lo", s.slack.lo}, {"hi", s.slack.hi}}}};
    if (s.relative_slack) j["relative_slack"] = *s.relative_slack;
    steps.push_back(std::move(j));
  }
  nlohmann::json out{{"statement", r.statement}, {"variant", r.variant}, {"derivation", r.derivation},
                     {"precision_bits", r.precision_bits}, {"certified", true}, {"steps", steps}};
  out["first_false_step"] = r.first_false ? nlohmann::json(r.steps[*r.first_false].name) : nlohmann::json(nullptr);
  return out;
}

std::string format_text(const ProofResult& r) {
  std::string out = fmt::format("proof replay: {} / {} ({}), intervals at {} bits\n", r.statement, r.variant,
                                r.derivation, r.precision_bits);
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    const auto& s = r.steps[k];
    std::string detail;
    if (s.status == "slack" || s.status == "tight")
      detail = fmt::format("  slack >= {:.6g} (relative {:.3g})", std::stod(s.slack.lo), s.relative_slack.value_or(0));
    if (s.status == "false")
      detail = fmt::format("  lhs - rhs >= {:.6g}", -std::stod(s.slack.hi));
    out += fmt::format("  {}. [{:<9}] {:<20} {}{}\n", k + 1, s.status, s.name, s.claim, detail);
  }
  out += r.first_false ? fmt::format("first false step: {}. {}\n", *r.first_false + 1, r.steps[*r.first_false].name)
                       : std::string("no false step\n");
  return out;
}

}  // namespace attnbound
