// Engine vs reference for one instance: see check.hpp.
#include "soundness/check.hpp"

#include "soundness/exact_reference.hpp"
#include "soundness/reference.hpp"
#include "theory/errors.hpp"

#include <mpfr.h>

#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <optional>

namespace attnbound::soundness {
namespace {

// A printed end read back with directed rounding, so the parsed enclosure contains the printed one.
Real parse_end(const std::string& text, unsigned bits, mpfr_rnd_t rnd) {
  Real r;
  mpfr_set_prec(r.backend().data(), static_cast<mpfr_prec_t>(bits));
  if (mpfr_set_str(r.backend().data(), text.c_str(), 10, rnd) != 0) mpfr_set_nan(r.backend().data());
  return r;
}

std::string short_text(const Real& x) {
  if (boost::multiprecision::isnan(x)) return "nan";
  if (boost::multiprecision::isinf(x)) return x > 0 ? "inf" : "-inf";
  char* raw = nullptr;
  mpfr_asprintf(&raw, "%.40Rg", x.backend().data());
  std::string out = raw ? raw : "?";
  mpfr_free_str(raw);
  return out;
}

bool finite(const Real& x) { return !boost::multiprecision::isnan(x) && !boost::multiprecision::isinf(x); }

struct RefScalar {
  Real value, tolerance;
  bool available = false;
  std::string why;
};

RefScalar judge(const Real& r4, const Real& r2, unsigned final_bits) {
  RefScalar s;
  s.value = r4;
  if (!finite(r4) || !finite(r2)) {
    s.why = "non-finite";
    return s;
  }
  // An exact 0 at both precisions may be a true 0 or a value absorbed (l + eps v == l) the same way twice:
  // not judged.
  if (r4 == 0 && r2 == 0) {
    s.why = "exactly 0 at 2x and 4x bits (true 0 or absorbed): not judged";
    return s;
  }
  const Real diff = abs(r4 - r2);
  if (!(r4 == r2) && diff > ldexp(abs(r4), -static_cast<int>(final_bits))) {
    s.why = "not converged between 2x and 4x bits";
    return s;
  }
  s.tolerance = diff + ldexp(abs(r4), -2 * static_cast<int>(final_bits));
  s.available = true;
  return s;
}

bool misses(const RefScalar& r, const Range& range, unsigned bits) {
  const Real lo = parse_end(range.lo, bits, MPFR_RNDD), hi = parse_end(range.hi, bits, MPFR_RNDU);
  if (boost::multiprecision::isnan(lo) || boost::multiprecision::isnan(hi)) return true;
  return r.value < lo - r.tolerance || r.value > hi + r.tolerance;
}

bool is_infinite_text(const std::string& t) { return t.find("inf") != std::string::npos || t.find("nan") != std::string::npos; }

// log(x) of a printed end; -inf for 0 (x >= 0 here).
Real log_of_end(const Real& x) { return x > 0 ? Real(log(x)) : Real(-std::numeric_limits<double>::infinity()); }

// Corollary 3 with two logits whose weights are below every exponent range: compare in logs (the values
// themselves may not be representable). True when this path applied (sc filled in).
bool check_two_logit_logs(const Instance& inst, const std::string& variant, const CertifiedSide& es, bool certified,
                          bool exact_equality, unsigned final_bits, unsigned parse_bits, SideCheck& sc) {
  const std::string id = inst.statement();
  if (id != "cor3.softmax_jacobian" && id != "cor3.softmax_jacobian.corrected") return false;
  std::optional<Cor3Logs> l4, l2;
  {
    PrecisionScope p4(4 * final_bits);
    l4 = cor3_two_logit_logs(id, variant, inst.decimal_vector("logits"), inst.decimal("temperature"));
  }
  {
    PrecisionScope p2(2 * final_bits);
    l2 = cor3_two_logit_logs(id, variant, inst.decimal_vector("logits"), inst.decimal("temperature"));
  }
  if (!l4 || !l2) return false;
  const RefScalar q = judge(l4->log_quantity, l2->log_quantity, final_bits);
  const RefScalar b = judge(l4->log_bound, l2->log_bound, final_bits);
  if (!q.available || !b.available) return false;
  auto misses_log = [&](const RefScalar& r, const Range& range) {
    const Real lo = parse_end(range.lo, parse_bits, MPFR_RNDD), hi = parse_end(range.hi, parse_bits, MPFR_RNDU);
    if (boost::multiprecision::isnan(lo) || boost::multiprecision::isnan(hi) || !(hi > 0)) return true;  // the value is > 0
    if (lo > 0 && r.value < log_of_end(lo) - r.tolerance) return true;
    return finite(hi) && r.value > log_of_end(hi) + r.tolerance;
  };
  sc.reference_available = true;
  sc.quantity_checked = true;
  sc.reference_quantity = "exp(" + short_text(q.value) + ")";
  sc.reference_bound = "exp(" + short_text(b.value) + ")";
  sc.quantity_miss = misses_log(q, es.quantity);
  sc.bound_miss = misses_log(b, es.bound);
  const Real tol = q.tolerance + b.tolerance;
  bool contradicted = false;
  if (es.verdict == Verdict::holds && q.value > b.value + tol) contradicted = true;
  if (es.verdict == Verdict::violated && (exact_equality || q.value < b.value - tol)) contradicted = true;
  if (contradicted && certified) sc.wrong_verdict = true;
  return true;
}

}  // namespace

nlohmann::json InstanceCheck::to_json() const {
  nlohmann::json j{{"status", status},
                   {"wrong_enclosures", wrong_enclosures},
                   {"wrong_certified_verdict", wrong_certified_verdict},
                   {"certified_beside_other", certified_beside_other},
                   {"bad_tight", bad_tight},
                   {"wrong_uncertified_verdict", wrong_uncertified_verdict},
                   {"sides_unavailable", sides_unavailable},
                   {"engine_seconds", engine_seconds},
                   {"reference_seconds", reference_seconds}};
  if (!message.empty()) j["message"] = message;
  if (!reference_method.empty()) j["reference_method"] = reference_method;
  nlohmann::json sj = nlohmann::json::array();
  for (const auto& s : sides) {
    nlohmann::json x{{"side", s.name}, {"verdict", s.verdict}, {"reference_available", s.reference_available}};
    if (s.index_differs) x["index_differs"] = true;
    if (!s.unavailable_reason.empty()) x["unavailable_reason"] = s.unavailable_reason;
    if (s.reference_available) {
      x["reference_quantity"] = s.reference_quantity;
      x["reference_bound"] = s.reference_bound;
      x["quantity_miss"] = s.quantity_miss;
      x["bound_miss"] = s.bound_miss;
      x["margin_miss"] = s.margin_miss;
      x["wrong_verdict"] = s.wrong_verdict;
      if (s.verdict_inconclusive) x["verdict_inconclusive"] = true;
    }
    sj.push_back(std::move(x));
  }
  j["sides"] = std::move(sj);
  if (!engine.is_null()) j["engine"] = engine;
  return j;
}

InstanceCheck check_instance(const Instance& inst, bool exact_equality, const CheckOptions& options) {
  InstanceCheck out;
  CertifiedResult result;
  std::string variant;
  try {
    const Statement& st = find_statement(inst.statement());
    variant = st.resolve_variant(inst.variant());
    const auto start = std::chrono::steady_clock::now();
    result = certify(st, inst, variant, options.certify);
    out.engine_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } catch (const InputError& e) {  // HypothesisError derives from InputError
    out.status = "rejected";
    out.message = e.what();
    return out;
  } catch (const std::exception& e) {
    out.status = "engine_error";
    out.message = e.what();
    return out;
  }
  out.status = "checked";
  out.engine = to_json(result);
  const bool monte_carlo = result.method == "monte-carlo";
  const bool decided = result.verdict == Verdict::holds || result.verdict == Verdict::violated;
  out.certified_beside_other = result.certified && (!decided || monte_carlo);

  // Tight must come with finite, overlapping enclosures.
  for (const auto& s : result.sides) {
    if (s.verdict != Verdict::tight) continue;
    const bool infinite = is_infinite_text(s.quantity.lo) || is_infinite_text(s.quantity.hi) ||
                          is_infinite_text(s.bound.lo) || is_infinite_text(s.bound.hi);
    bool overlap = true;
    if (!infinite) {
      PrecisionScope scope(64);
      ExtendedExponentRange range;
      const unsigned bits = 4 * result.precision_bits + 64;
      overlap = !(parse_end(s.quantity.hi, bits, MPFR_RNDU) < parse_end(s.bound.lo, bits, MPFR_RNDD) ||
                  parse_end(s.bound.hi, bits, MPFR_RNDU) < parse_end(s.quantity.lo, bits, MPFR_RNDD));
    }
    if (infinite || !overlap) out.bad_tight = true;
  }

  const unsigned final_bits = result.precision_bits;
  ExtendedExponentRange range;
  const auto reference_start = std::chrono::steady_clock::now();
  const ReferencePoint r4 = reference_at(inst, variant, 4 * final_bits, options.certify.eval);
  const ReferencePoint r2 = reference_at(inst, variant, 2 * final_bits, options.certify.eval);
  out.reference_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - reference_start).count();
  out.reference_method = r4.method;
  PrecisionScope scope(4 * final_bits + 64);
  const unsigned parse_bits = 4 * final_bits + 64;
  for (std::size_t i = 0; i < result.sides.size(); ++i) {
    const CertifiedSide& es = result.sides[i];
    SideCheck sc;
    sc.name = es.name;
    sc.verdict = to_string(es.verdict);
    auto unavailable = [&](const std::string& why) {
      sc.unavailable_reason = why;
      ++out.sides_unavailable;
      out.sides.push_back(sc);
    };
    if (!r4.error.empty() || !r2.error.empty()) { unavailable("reference threw: " + (r4.error.empty() ? r2.error : r4.error)); continue; }
    if (!r4.clean || !r2.clean) {
      if (!monte_carlo && check_two_logit_logs(inst, variant, es, result.certified, exact_equality, final_bits, parse_bits, sc)) {
        out.reference_method = "two-logit-log";
        if (sc.quantity_miss || sc.bound_miss) ++out.wrong_enclosures;
        if (sc.wrong_verdict) out.wrong_certified_verdict = true;
        out.sides.push_back(sc);
        continue;
      }
      unavailable("MPFR flag raised (underflow/overflow/NaN) in the reference");
      continue;
    }
    if (r4.sides.size() != result.sides.size() || r2.sides.size() != result.sides.size() || r4.sides[i].name != es.name) {
      unavailable("reference sides differ from the engine's");
      continue;
    }
    const RefScalar q = judge(r4.sides[i].quantity, r2.sides[i].quantity, final_bits);
    const RefScalar b = judge(r4.sides[i].bound, r2.sides[i].bound, final_bits);
    if (!b.available || (!monte_carlo && !q.available)) {
      unavailable(!b.available ? "bound: " + b.why : "quantity: " + q.why);
      continue;
    }
    sc.reference_available = true;
    sc.reference_bound = short_text(b.value);
    sc.index_differs = es.index && r4.sides[i].index && *es.index != *r4.sides[i].index;
    // Corollary 1: the reference at the engine's own index, so its enclosures are compared after all.
    RefScalar q_at = q, b_at = b;
    if (sc.index_differs && inst.statement() == "cor1.softmax_weights" && *es.index >= 0) {
      std::optional<Cor1Values> v4, v2;
      {
        PrecisionScope p4(4 * final_bits);
        v4 = cor1_at_index(inst.decimal_vector("query"), inst.decimal_matrix("keys"), inst.decimal("temperature"), variant,
                           es.name, static_cast<std::size_t>(*es.index));
      }
      {
        PrecisionScope p2(2 * final_bits);
        v2 = cor1_at_index(inst.decimal_vector("query"), inst.decimal_matrix("keys"), inst.decimal("temperature"), variant,
                           es.name, static_cast<std::size_t>(*es.index));
      }
      if (v4 && v2) {
        q_at = judge(v4->quantity, v2->quantity, final_bits);
        b_at = judge(v4->bound, v2->bound, final_bits);
        if (q_at.available && b_at.available) sc.index_differs = false;
      }
    }
    if (!sc.index_differs) sc.bound_miss = misses(b_at, es.bound, parse_bits);
    if (!monte_carlo) {
      sc.reference_quantity = short_text(q.value);
      sc.quantity_checked = !sc.index_differs;
      RefScalar m;
      m.value = es.relation == Relation::at_most ? Real(b.value - q.value) : Real(q.value - b.value);
      m.tolerance = q.tolerance + b.tolerance;
      m.available = true;
      if (!sc.index_differs) {
        RefScalar m_at;
        m_at.value = es.relation == Relation::at_most ? Real(b_at.value - q_at.value) : Real(q_at.value - b_at.value);
        m_at.tolerance = q_at.tolerance + b_at.tolerance;
        sc.quantity_miss = misses(q_at, es.quantity, parse_bits);
        sc.margin_miss = misses(m_at, es.margin, parse_bits);
      }
      const bool says_holds = es.verdict == Verdict::holds, says_violated = es.verdict == Verdict::violated;
      bool contradicted = false;
      if (says_holds && m.value < -m.tolerance) contradicted = true;
      if (says_violated && (exact_equality || m.value > m.tolerance)) contradicted = true;
      // A violated side at another index than the reference's worst one: the worst margin being >= -tol does
      // not contradict it unless it is > tol (then no index can be violated).
      if ((says_holds || says_violated) && !contradicted && !exact_equality && abs(m.value) <= m.tolerance)
        sc.verdict_inconclusive = true;
      if (contradicted && result.certified) sc.wrong_verdict = true;
      if (contradicted && !result.certified) out.wrong_uncertified_verdict = true;
    }
    if (sc.quantity_miss || sc.bound_miss || sc.margin_miss) ++out.wrong_enclosures;
    if (sc.wrong_verdict) out.wrong_certified_verdict = true;
    out.sides.push_back(sc);
  }
  return out;
}

}  // namespace attnbound::soundness
