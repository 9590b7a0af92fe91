#include "counterexamples/certify.hpp"

#include "theory/errors.hpp"
#include "verify/certify.hpp"

#include <cmath>
#include <exception>

namespace attnbound::search {
namespace {

double side_ratio(Relation relation, double q, double b) {
  const double num = relation == Relation::at_most ? q : b;
  const double den = relation == Relation::at_most ? b : q;
  if (std::isnan(num) || std::isnan(den)) return std::nan("");
  if (den > 0) return num / den;
  // Degenerate denominator: the side is violated iff num > den.
  return num > den ? std::numeric_limits<double>::infinity() : 0.0;
}

}  // namespace

PointRatio point_ratio(const Statement& st, const nlohmann::json& instance, const std::string& variant,
                       const std::string& side, const EvalOptions& options) {
  PointRatio r;
  try {
    const Instance inst = Instance::from_json(instance);
    const Evaluation<double> e = st.evaluate_double(inst, variant, options);
    for (std::size_t i = 0; i < e.sides.size(); ++i) {
      const auto& s = e.sides[i];
      const double v = side_ratio(s.relation, s.quantity, s.bound);
      r.side_ratios.push_back(v);
      if (!side.empty() && s.name != side) continue;
      if (!r.valid || v > r.ratio) {
        r.ratio = v;
        r.side = i;
        r.valid = !std::isnan(v);
      }
    }
    if (!r.valid) r.error = "no side selected or the ratio is NaN";
  } catch (const std::exception& ex) {
    r.valid = false;
    r.error = ex.what();
  }
  return r;
}

bool Certificate::violated() const {
  for (const auto& s : sides)
    if (s.violated) return true;
  return false;
}

bool Certificate::statistically_violated() const {
  for (const auto& s : sides)
    if (s.statistical_violation) return true;
  return false;
}

const CandidateSide* Certificate::headline(const std::string& side) const {
  const CandidateSide* best = nullptr;
  for (const auto& s : sides) {
    if (!side.empty() && s.name != side) continue;
    const bool broken = s.violated || s.statistical_violation;
    const bool best_broken = best && (best->violated || best->statistical_violation);
    if (!best || s.ratio_mid > best->ratio_mid || (broken && !best_broken)) best = &s;
  }
  return best;
}

Certificate certify_candidate(const Statement& st, const nlohmann::json& instance, const std::string& variant,
                              unsigned precision_bits, const EvalOptions& options) {
  Certificate c;
  try {
    const Instance inst = Instance::from_json(instance);
    PrecisionScope scope(precision_bits);
    c.precision_bits = PrecisionScope::current_bits();
    const Evaluation<Interval> e = st.evaluate_interval(inst, variant, options);
    c.choices_certified = e.choices_certified;
    c.method = e.method;
    if (!c.certified()) {
      c.confidence = e.confidence.value_or(options.confidence);
      c.monte_carlo_seed = options.seed;
      c.monte_carlo_samples = options.monte_carlo_samples;
    }
    for (const auto& s : e.sides) {
      CandidateSide out;
      out.name = s.name;
      out.relation = s.relation;
      const Real qlo = lower_end(s.quantity), qhi = upper_end(s.quantity);
      const Real blo = lower_end(s.bound), bhi = upper_end(s.bound);
      out.quantity_lo = to_decimal_down(qlo);
      out.quantity_hi = to_decimal_up(qhi);
      out.bound_lo = to_decimal_down(blo);
      out.bound_hi = to_decimal_up(bhi);
      // The interval quotient encloses every num/den with num, den in their enclosures (MPFI division
      // is outward-rounded; a denominator enclosure containing 0 gives an unbounded enclosure).
      const Interval ratio = s.relation == Relation::at_most ? Interval(s.quantity / s.bound)
                                                             : Interval(s.bound / s.quantity);
      out.ratio_lo = to_decimal_down(lower_end(ratio));
      out.ratio_hi = to_decimal_up(upper_end(ratio));
      out.ratio_mid = static_cast<double>(boost::multiprecision::median(ratio));
      const Verdict verdict = interval_verdict(s);
      const bool broken = verdict == Verdict::violated, kept = verdict == Verdict::holds;
      // A Monte Carlo quantity is a confidence interval, not an enclosure: its verdicts are statistical.
      out.violated = broken && e.choices_certified && c.certified();
      out.holds = kept && e.choices_certified && c.certified();
      out.statistical_violation = broken && e.choices_certified && !c.certified();
      out.statistically_holds = kept && e.choices_certified && !c.certified();
      c.sides.push_back(std::move(out));
    }
    c.valid = true;
  } catch (const std::exception& ex) {
    c.valid = false;
    c.error = ex.what();
  }
  return c;
}

Certificate confirm_statistical(const Statement& st, const nlohmann::json& instance, const std::string& variant,
                                unsigned precision_bits) {
  EvalOptions options;
  options.seed = kConfirmationSeed;
  return certify_candidate(st, instance, variant, precision_bits, options);
}

EvalOptions options_of(const nlohmann::json& recorded) {
  EvalOptions options;
  if (recorded.contains("monte_carlo")) {
    const auto& mc = recorded.at("monte_carlo");
    options.seed = mc.at("seed").get<std::uint64_t>();
    options.monte_carlo_samples = mc.at("samples").get<std::uint64_t>();
    options.confidence = mc.at("confidence").get<double>();
  }
  return options;
}

nlohmann::json to_json(const Certificate& c) {
  nlohmann::json sides = nlohmann::json::array();
  for (const auto& s : c.sides)
    sides.push_back({{"side", s.name},
                     {"relation", s.relation == Relation::at_most ? "quantity <= bound" : "quantity >= bound"},
                     {"quantity", {{"lo", s.quantity_lo}, {"hi", s.quantity_hi}}},
                     {"bound", {{"lo", s.bound_lo}, {"hi", s.bound_hi}}},
                     {"ratio", {{"lo", s.ratio_lo}, {"hi", s.ratio_hi}}},
                     {"verdict", s.violated                ? "violated"
                                 : s.holds                 ? "holds"
                                 : s.statistical_violation ? "statistically violated"
                                 : s.statistically_holds   ? "statistically holds"
                                                           : "undecided"}});
  if (!c.certified())
    return {{"certified", false},
            {"method", "Monte Carlo estimate in double (not certified): the quantity is a normal-approximation "
                       "confidence interval; the bound is an MPFI enclosure"},
            {"monte_carlo", {{"seed", c.monte_carlo_seed}, {"samples", c.monte_carlo_samples}, {"confidence", c.confidence}}},
            {"precision_bits", c.precision_bits},
            {"choices_certified", c.choices_certified},
            {"verdict", c.statistically_violated() ? "statistically violated" : "not violated"},
            {"sides", sides}};
  return {{"certified", true},
          {"method", c.method == "exact-enumeration"      ? "exact sign enumeration, enclosed in MPFI at a fixed precision"
                     : c.method == "interval-integration" ? "certified interval integration over the angles (MPFI ends)"
                                                          : "MPFI interval evaluation at a fixed precision"},
          {"precision_bits", c.precision_bits},
          {"choices_certified", c.choices_certified},
          {"verdict", c.violated() ? "violated" : "not violated"},
          {"sides", sides}};
}

}  // namespace attnbound::search
