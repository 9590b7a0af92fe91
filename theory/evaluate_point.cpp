#include "theory/evaluate_point.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace attnbound {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::holds: return "holds";
    case Verdict::violated: return "violated";
    case Verdict::undecided: return "undecided";
    case Verdict::tight: return "tight";
  }
  return "?";
}

namespace {
nlohmann::json point_range(const Real& v) {
  const std::string t = to_decimal(v);
  return {{"lo", t}, {"hi", t}};
}
}  // namespace

nlohmann::json evaluate_point(const Instance& inst, unsigned precision_bits, const EvalOptions& options) {
  const Statement& st = find_statement(inst.statement());
  const std::string variant = st.resolve_variant(inst.variant());
  PrecisionScope scope(precision_bits);
  const Evaluation<Real> e = st.evaluate_real(inst, variant, options);

  nlohmann::json out;
  out["statement"] = st.info.id;
  out["variant"] = variant;
  nlohmann::json sides = nlohmann::json::array();
  bool any_violated = false;
  for (const auto& side : e.sides) {
    // A NaN compares false both ways, so point_verdict would call it "holds": refuse it instead.
    if (boost::multiprecision::isnan(side.quantity) || boost::multiprecision::isnan(side.bound))
      throw std::runtime_error(fmt::format("{}: side {} evaluated to NaN at {} bits", st.info.id, side.name,
                                           PrecisionScope::current_bits()));
    const Verdict v = point_verdict(side);
    any_violated = any_violated || v == Verdict::violated;
    nlohmann::json s{{"side", side.name},
                     {"relation", side.relation == Relation::at_most ? "quantity <= bound" : "quantity >= bound"},
                     {"quantity", point_range(side.quantity)},
                     {"bound", point_range(side.bound)},
                     {"verdict", to_string(v)}};
    if (side.index) s["index"] = *side.index;
    sides.push_back(std::move(s));
  }
  // The first side is the headline (the upper side of a two-sided claim is listed first).
  out["quantity"] = sides.at(0)["quantity"];
  out["bound"] = sides.at(0)["bound"];
  out["verdict"] = any_violated ? "violated" : "holds";
  if (e.sides.size() > 1) out["sides"] = sides;
  else if (e.sides[0].index) out["index"] = *e.sides[0].index;
  out["precision_bits"] = PrecisionScope::current_bits();
  out["certified"] = false;
  out["method"] = e.method;
  if (e.confidence) out["confidence"] = *e.confidence;
  nlohmann::json details = nlohmann::json::object();
  for (const auto& [name, value] : e.details) details[name] = to_decimal(value);
  out["details"] = details;
  return out;
}

}  // namespace attnbound
