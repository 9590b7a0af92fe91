#include "verify/certify.hpp"

#include "theory/arith.hpp"

#include <mpfr.h>

#include <cmath>
#include <limits>

namespace attnbound {
namespace {

// x rounded to `bits` in direction rnd (MPFR_RNDD / MPFR_RNDU): a directed rounding keeps an enclosure.
Real round_to(const Real& x, unsigned bits, mpfr_rnd_t rnd) {
  Real r;
  mpfr_set_prec(r.backend().data(), static_cast<mpfr_prec_t>(std::max(bits, 2u)));
  mpfr_set(r.backend().data(), x.backend().data(), rnd);
  return r;
}

// MPFR prints a negative zero as "-0"; as a decimal end it is just 0.
std::string unsigned_zero(std::string t) { return t == "-0" ? "0" : t; }

Range range_of(const Interval& x, unsigned print_bits) {
  const Real lo = lower_end(x), hi = upper_end(x);
  const unsigned bits = std::min(print_bits, precision_bits_of(x));
  return {unsigned_zero(to_decimal_down(round_to(lo, bits, MPFR_RNDD))),
          unsigned_zero(to_decimal_up(round_to(hi, bits, MPFR_RNDU))),
          width_upper(x)};
}

std::string method_name(const std::string& evaluation_method) {
  if (evaluation_method == "monte-carlo") return "monte-carlo";
  if (evaluation_method == "enumeration") return "enumeration";
  if (evaluation_method == "exact-enumeration" || evaluation_method == "interval-integration") return evaluation_method;
  return "interval";
}

Verdict combine(const std::vector<Verdict>& v) {
  for (Verdict x : v) if (x == Verdict::violated) return Verdict::violated;
  for (Verdict x : v) if (x == Verdict::undecided) return Verdict::undecided;
  for (Verdict x : v) if (x == Verdict::tight) return Verdict::tight;
  return Verdict::holds;
}

// Tight needs the enclosures themselves to say something: q and b finite, overlapping, and each of relative
// width at most 2^-kTightRelativeWidthBits (hi - lo <= 2^-64 min(|lo|, |hi|), so neither contains 0 unless
// it is exactly 0). An enclosure like [0, inf] (an underflow or overflow) is uninformative: undecided.
bool narrow(const Interval& x) {
  const Real lo = lower_end(x), hi = upper_end(x);
  if (!isfinite(lo) || !isfinite(hi)) return false;
  if (lo == 0 && hi == 0) return true;
  const Real scale = std::min(abs(lo), abs(hi));
  return (lo > 0 || hi < 0) && hi - lo <= ldexp(scale, -static_cast<int>(kTightRelativeWidthBits));
}
bool narrow_and_overlapping(const Side<Interval>& s) {
  return narrow(s.quantity) && narrow(s.bound) && lower_end(s.quantity) <= upper_end(s.bound) &&
         lower_end(s.bound) <= upper_end(s.quantity);
}

// Margin: b - q for an upper bound, q - b for a lower bound (exact in interval arithmetic: an enclosure).
Interval margin_of(const Side<Interval>& s) {
  return s.relation == Relation::at_most ? Interval(s.bound - s.quantity) : Interval(s.quantity - s.bound);
}

}  // namespace

namespace {
// hi - lo rounded up, at the upper end's precision (an upper bound on the width).
Real width_rounded_up(const Interval& x) {
  const Real lo = lower_end(x), hi = upper_end(x);
  Real w;
  mpfr_set_prec(w.backend().data(), mpfr_get_prec(hi.backend().data()));
  mpfr_sub(w.backend().data(), hi.backend().data(), lo.backend().data(), MPFR_RNDU);
  return w;
}
}  // namespace

double width_upper(const Interval& x) { return mpfr_get_d(width_rounded_up(x).backend().data(), MPFR_RNDU); }

// The width rounded up is d 2^e with d in [1/2, 1) rounded up, so log2(width) <= e + log2(d_up).
double log2_width_upper(const Interval& x) {
  const Real w = width_rounded_up(x);
  if (mpfr_zero_p(w.backend().data())) return -std::numeric_limits<double>::infinity();
  if (!mpfr_number_p(w.backend().data())) return std::numeric_limits<double>::infinity();
  long e = 0;
  const double d = mpfr_get_d_2exp(&e, w.backend().data(), MPFR_RNDU);
  return static_cast<double>(e) + std::log2(d);
}

Verdict interval_verdict(const Side<Interval>& side) {
  const Interval& q = side.quantity;
  const Interval& b = side.bound;
  if (side.relation == Relation::at_most) {
    if (upper_end(q) <= lower_end(b)) return Verdict::holds;
    if (lower_end(q) > upper_end(b)) return Verdict::violated;
  } else {
    if (lower_end(q) >= upper_end(b)) return Verdict::holds;
    if (upper_end(q) < lower_end(b)) return Verdict::violated;
  }
  return Verdict::undecided;
}

CertifiedResult certify(const Instance& inst, const CertifyOptions& options) {
  const Statement& st = find_statement(inst.statement());
  return certify(st, inst, st.resolve_variant(inst.variant()), options);
}

CertifiedResult certify(const Statement& st, const Instance& inst, const std::string& variant,
                        const CertifyOptions& options) {
  const unsigned start = std::max(options.start_bits, 16u);
  const unsigned cap = std::max(options.max_bits, start);
  CertifiedResult r;
  r.statement = st.info.id;
  r.variant = variant;
  for (unsigned bits = start;; bits = std::min(cap, bits * 2)) {
    PrecisionScope scope(bits);
    const Evaluation<Interval> e = st.evaluate_interval(inst, variant, options.eval);
    if (e.sides.empty()) throw std::logic_error(st.info.id + ": evaluation returned no sides");
    EscalationStep step;
    step.bits = PrecisionScope::current_bits();
    std::vector<Verdict> verdicts;
    r.sides.clear();
    for (const auto& side : e.sides) {
      const Interval m = margin_of(side);
      step.margin_widths.push_back(width_upper(m));
      step.margin_log2_widths.push_back(log2_width_upper(m));
      step.margin_has_zero.push_back(lower_end(m) <= 0 && upper_end(m) >= 0);
      verdicts.push_back(interval_verdict(side));
      CertifiedSide cs;
      cs.name = side.name;
      cs.relation = side.relation;
      cs.quantity = range_of(side.quantity, options.print_bits);
      cs.bound = range_of(side.bound, options.print_bits);
      cs.margin = range_of(m, options.print_bits);
      cs.verdict = verdicts.back();
      cs.index = side.index;
      const double qm = approx(side.quantity), bm = approx(side.bound);
      const double num = side.relation == Relation::at_most ? qm : bm;
      const double den = side.relation == Relation::at_most ? bm : qm;
      if (den != 0 && std::isfinite(num / den)) cs.ratio = num / den;
      r.sides.push_back(std::move(cs));
    }
    step.verdict = combine(verdicts);
    r.sides_narrow.clear();
    for (const auto& side : e.sides) r.sides_narrow.push_back(narrow_and_overlapping(side));
    r.steps.push_back(step);
    r.precision_bits = step.bits;
    r.method = method_name(e.method);
    r.confidence = e.confidence;
    r.choices_certified = e.choices_certified;
    r.details.clear();
    for (const auto& [name, value] : e.details) r.details.push_back({name, range_of(value, options.print_bits)});
    const bool decided = step.verdict == Verdict::violated || step.verdict == Verdict::holds;
    if ((decided && e.choices_certified) || r.method == "monte-carlo" || bits >= cap) break;
  }
  // Tight: the margin enclosed 0 at every precision and contracted at least 2^(bits/4) per doubling, and at
  // the final precision both enclosures are finite, overlap and are narrow (narrow_and_overlapping).
  for (std::size_t i = 0; i < r.sides.size(); ++i) {
    if (r.sides[i].verdict != Verdict::undecided) continue;
    bool tight = r.steps.size() >= 2 && r.method != "monte-carlo" && r.sides_narrow[i];
    for (std::size_t k = 0; tight && k < r.steps.size(); ++k) {
      tight = r.steps[k].margin_has_zero[i];
      if (tight && k > 0) {  // in log2: the widths fall below double's range from about 1100 bits on
        const double need = static_cast<double>(r.steps[k - 1].bits / 4);
        tight = r.steps[k].margin_log2_widths[i] <= r.steps[k - 1].margin_log2_widths[i] - need;
      }
    }
    if (tight) r.sides[i].verdict = Verdict::tight;
  }
  // A discrete choice taken from midpoints that could not be certified makes every word of that
  // evaluation conditional on the choice: outside Monte Carlo (which proves nothing anyway) it says undecided.
  if (!r.choices_certified && r.method != "monte-carlo")
    for (auto& s : r.sides) s.verdict = Verdict::undecided;
  std::vector<Verdict> final_verdicts;
  for (const auto& s : r.sides) final_verdicts.push_back(s.verdict);
  r.verdict = combine(final_verdicts);
  // "certified": true is a proof, so it stands only beside holds or violated.
  const bool decided = r.verdict == Verdict::holds || r.verdict == Verdict::violated;
  r.certified = decided && r.choices_certified && r.method != "monte-carlo";
  return r;
}

std::string verdict_word(Verdict v, bool statistical) {
  if (statistical && (v == Verdict::holds || v == Verdict::violated)) return std::string("statistically ") + to_string(v);
  return to_string(v);
}

namespace {
nlohmann::json range_json(const Range& x) { return {{"lo", x.lo}, {"hi", x.hi}}; }
}  // namespace

nlohmann::json to_json(const CertifiedResult& r) {
  const bool statistical = r.method == "monte-carlo";
  nlohmann::json out;
  out["statement"] = r.statement;
  out["variant"] = r.variant;
  nlohmann::json sides = nlohmann::json::array();
  for (const auto& s : r.sides) {
    nlohmann::json j{{"side", s.name},
                     {"relation", s.relation == Relation::at_most ? "quantity <= bound" : "quantity >= bound"},
                     {"quantity", range_json(s.quantity)},
                     {"bound", range_json(s.bound)},
                     {"margin", range_json(s.margin)},
                     {"verdict", verdict_word(s.verdict, statistical)},
                     {"widths", {{"quantity", s.quantity.width}, {"bound", s.bound.width}, {"margin", s.margin.width}}}};
    if (s.index) j["index"] = *s.index;
    if (s.ratio) j["ratio"] = *s.ratio;
    sides.push_back(std::move(j));
  }
  out["quantity"] = sides.at(0)["quantity"];
  out["bound"] = sides.at(0)["bound"];
  out["verdict"] = verdict_word(r.verdict, statistical);
  if (r.sides.size() > 1) out["sides"] = sides;
  else {
    if (r.sides[0].index) out["index"] = *r.sides[0].index;
    out["margin"] = sides[0]["margin"];
    if (r.sides[0].ratio) out["ratio"] = *r.sides[0].ratio;
  }
  out["widths"] = sides.at(0)["widths"];
  out["precision_bits"] = r.precision_bits;
  out["certified"] = r.certified;
  out["choices_certified"] = r.choices_certified;
  out["method"] = r.method;
  if (r.confidence) out["confidence"] = *r.confidence;
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : r.steps)
    steps.push_back({{"bits", s.bits}, {"verdict", verdict_word(s.verdict, statistical)}, {"margin_widths", s.margin_widths}});
  out["escalation"] = steps;
  nlohmann::json details = nlohmann::json::object();
  for (const auto& [name, value] : r.details) details[name] = range_json(value);
  out["details"] = details;
  return out;
}

}  // namespace attnbound
