#include "reports/errata_part.hpp"

#include "theory/statement.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>

namespace attnbound::reports {

PartOutcome errata_part(const PartContext& ctx) {
  PartOutcome out;
  out.section = {"errata", "Spec errata instances (E1: two-way tie)", "", ""};
  const std::vector<std::string> temps = {"1", "0.1", "0.01"};
  std::size_t n = 0;
  Table t{"errata_e1", "Erratum E1: Corollary 3 at a two-way tie l = (0, 0)",
          "Certified MPFI evaluation (128 bits) through the statement registry.", {}, {}};
  t.columns = {{"statement", "", Column::Kind::text}, {"variant", "", Column::Kind::text},
               {"T", "", Column::Kind::text}, {"quantity", "", Column::Kind::enclosure, 128, true},
               {"bound", "", Column::Kind::enclosure, 128, true}, {"verdict", "", Column::Kind::text}};
  // Both statements are registered and every variant takes (logits, temperature): find_statement and the
  // evaluation throw only on a broken registry, which fails the part (build_report lists it as "failed").
  for (const std::string id : {"cor3.softmax_jacobian", "cor3.softmax_jacobian.corrected"}) {
    const Statement& st = find_statement(id);
    for (const auto& var : st.info.variants) {
      std::size_t violated = 0, held = 0, evaluated = 0;
      Number worst;
      double worst_mid = -1;
      for (const auto& T : temps) {
        PrecisionScope scope(128);
        const nlohmann::json j = {{"statement", id}, {"variant", var.name}, {"logits", {"0", "0"}}, {"temperature", T}};
        const Evaluation<Interval> e = st.evaluate_interval(Instance::from_json(j), var.name, EvalOptions{});
        const auto& s = e.sides.at(0);
        const Interval ratio = s.quantity / s.bound;
        // verify/certify's single-side rule; a word resting on an uncertified discrete choice is not said.
        const std::string verdict = e.choices_certified ? to_string(interval_verdict(s)) : "undecided";
        if (verdict == "violated") ++violated;
        if (verdict == "holds") ++held;
        ++evaluated;
        if (ctx.recheck && (verdict == "violated" || verdict == "holds")) {
          // The same evaluation through the engine at the same fixed precision, for the independent re-check.
          const Instance inst = Instance::from_json(j);
          CertifyOptions fixed;
          fixed.start_bits = fixed.max_bits = 128;
          ctx.recheck(inst, certify(st, inst, var.name, fixed), "errata " + id + "/" + var.name + " T = " + T);
        }
        const double mid = approx(ratio);
        if (mid > worst_mid)
          worst_mid = mid, worst = Number::enclosure(to_decimal_down(lower_end(ratio)), to_decimal_up(upper_end(ratio)), 128);
        t.rows.push_back({id, var.name, T, std::make_pair(to_decimal_down(lower_end(s.quantity)), to_decimal_up(upper_end(s.quantity))),
                          std::make_pair(to_decimal_down(lower_end(s.bound)), to_decimal_up(upper_end(s.bound))), verdict});
        ++n;
      }
      // Equality at the tie (a tight corrected bound) leaves the enclosures overlapping: "undecided".
      const std::string verdict = violated ? "violated" : held == evaluated ? "holds" : "undecided";
      VerdictRow v{id, var.name, var.claim, var.status, verdict, verdict == "violated" || verdict == "holds",
                   fmt::format("spec E1 tie instance l = (0, 0) at T in {{1, 0.1, 0.01}}: {} violated, {} hold, {} "
                               "undecided (128 bits)", violated, held, evaluated - violated - held),
                   worst, {}, held, {}, std::nullopt};
      out.verdicts.push_back(std::move(v));
    }
  }
  out.section.status = "ran";
  out.section.detail = fmt::format("{} certified evaluations", n);
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace attnbound::reports
