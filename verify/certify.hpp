// Certified evaluation of one instance: interval enclosures with precision escalation.
//
// Contract: evaluates the statement's evaluate_interval at start_bits, 2 start_bits, ... up to max_bits
// (MPFI: every quantity and bound is an enclosure of the exact value for the instance's exact decimals).
// Per side, with q = quantity and b = bound (mirrored for Relation::at_least):
//   holds      hi(q) <= lo(b)             a proof that the inequality holds for this instance
//   violated   lo(q) >  hi(b)             a proof that it fails: a certified counterexample
//   otherwise the precision is doubled; at the cap the side is
//   tight      when the margin m = b - q (q - b for at_least) enclosed 0 at EVERY precision tried and its
//              width fell by at least 2^(bits/4) at each doubling, AND at the cap q and b are finite, overlap
//              and each has relative width <= 2^-kTightRelativeWidthBits: q and b converge to a common point,
//              |q - b| <= width(m). This is evidence of equality, never certified and never a proof.
//   undecided  otherwise (the widths are reported); an uninformative enclosure (e.g. [0, inf]) is undecided.
// When a discrete choice (an order, a support) taken from midpoints could not be certified at the final
// precision (Evaluation::choices_certified), every side is undecided (Monte Carlo excepted).
// The headline verdict: violated if any side is violated, else undecided if any side is, else tight if any
// side is, else holds. "certified" is true only beside holds or violated, and false when the statement's
// method is "monte-carlo" (the interval is a confidence interval at the stated confidence): the JSON then
// says "statistically holds" / "statistically violated", never the bare words. Monte Carlo results are not
// escalated: their width is statistical and does not shrink with the precision.
// Paper reference: none (the engine is generic over the statement registry, theory/statement.hpp).
#pragma once

#include "theory/evaluate_point.hpp"
#include "theory/statement.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace attnbound {

// Relative width under which two overlapping enclosures can be called tight (see the contract above).
inline constexpr unsigned kTightRelativeWidthBits = 64;

struct CertifyOptions {
  unsigned start_bits = 64;
  unsigned max_bits = 4096;
  EvalOptions eval;
  // Printed ends are rounded outward to at most this many bits (directed rounding keeps them enclosures).
  unsigned print_bits = 256;
};

// Directed decimal ends of an enclosure at the precision it was computed.
struct Range {
  std::string lo;  // to_decimal_down: <= the exact lower end
  std::string hi;  // to_decimal_up:   >= the exact upper end
  double width = 0;  // hi - lo rounded up to a double (an upper bound on the width)
};

struct CertifiedSide {
  std::string name;
  Relation relation = Relation::at_most;
  Range quantity, bound;
  Range margin;  // b - q for at_most, q - b for at_least: > 0 holds, < 0 violated
  Verdict verdict = Verdict::undecided;
  std::optional<std::int64_t> index;
  // Violation ratio: q/b for at_most, b/q for at_least (> 1 means violated), from midpoints; nullopt when
  // the denominator's midpoint is 0. Approximate (a double), for ranking only.
  std::optional<double> ratio;
};

struct EscalationStep {
  unsigned bits = 0;
  std::vector<double> margin_widths;  // per side (underflows to the smallest double past ~1100 bits)
  std::vector<double> margin_log2_widths;  // per side: an upper bound on log2 of the width (the tight test)
  std::vector<bool> margin_has_zero;  // per side: the margin enclosure contained 0
  Verdict verdict = Verdict::undecided;
};

struct CertifiedResult {
  std::string statement, variant;
  std::vector<CertifiedSide> sides;
  Verdict verdict = Verdict::undecided;
  bool certified = true;
  bool choices_certified = true;
  std::string method;  // "interval" | "enumeration" | "monte-carlo"
  std::optional<double> confidence;
  unsigned precision_bits = 0;  // the precision of the reported enclosures
  std::vector<EscalationStep> steps;
  std::vector<std::pair<std::string, Range>> details;
  std::vector<bool> sides_narrow;  // per side at the final precision: q, b finite, overlapping and narrow
};

// Throws InputError / HypothesisError for bad input, as evaluate_point does.
CertifiedResult certify(const Instance& inst, const CertifyOptions& options = {});
CertifiedResult certify(const Statement& st, const Instance& inst, const std::string& variant,
                        const CertifyOptions& options = {});

// The JSON of theory/evaluate_point plus "certified", "method", "confidence", "widths", "escalation".
nlohmann::json to_json(const CertifiedResult& r);

// The word printed for a verdict: "statistically holds" / "statistically violated" for Monte Carlo results
// (statistical = true), the bare word otherwise (and always for undecided / tight).
std::string verdict_word(Verdict v, bool statistical);

// Upper bounds on an enclosure's width hi - lo: as a double, rounded up (it underflows to the smallest double
// past about 1100 bits), and as log2 (-inf for a point, +inf for an unbounded enclosure), for contraction tests.
double width_upper(const Interval& x);
double log2_width_upper(const Interval& x);

// Verdict of one side from enclosures (no escalation): holds / violated / undecided.
Verdict interval_verdict(const Side<Interval>& side);

}  // namespace attnbound
