#include "reports/findings.hpp"

#include <fmt/format.h>

namespace attnbound::reports {
namespace {

void flatten(const std::string& prefix, const ojson& j, std::vector<std::pair<std::string, std::string>>& out) {
  if (j.is_object() && !j.empty()) {
    for (auto it = j.begin(); it != j.end(); ++it) flatten(prefix.empty() ? it.key() : prefix + "." + it.key(), it.value(), out);
    return;
  }
  out.push_back({prefix, j.is_string() ? j.get<std::string>() : j.dump()});
}

}  // namespace

std::string verdict_in_words(const VerdictRow& v) {
  if (v.verdict == "violated" && v.certified) return "violated (certified)";
  if (v.verdict == "holds" && v.certified) return fmt::format("holds on {} instance(s) (certified)", v.certified_holds);
  if (v.verdict.rfind("statistically", 0) == 0) return v.verdict + " (Monte Carlo, not certified)";
  if (v.verdict == "tight") return "tight: equality attained (evidence, not certified)";
  return v.verdict;
}

std::vector<std::vector<std::string>> finding_rows(const Report& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.verdicts) {
    if (v.evidence_list.empty()) continue;
    std::string cx;
    if (const auto& c = v.smallest_counterexample) {
      // The reading is in the first column: the instance without its statement and variant.
      ojson inst = ojson::parse(c->instance);
      inst.erase("statement");
      inst.erase("variant");
      cx = fmt::format("{}: {} quantity {} vs bound {} ({} b)", inst.dump(), c->side, c->quantity, c->bound,
                       c->precision_bits);
    }
    rows.push_back({v.statement + " / " + v.variant, v.claim, verdict_in_words(v), cx,
                    v.worst_ratio ? format_short(*v.worst_ratio) : "",
                    v.smallest_counterexample ? v.smallest_counterexample->first_false_step : ""});
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> settings_rows(const ojson& config) {
  std::vector<std::pair<std::string, std::string>> out;
  flatten("", config, out);
  return out;
}

}  // namespace attnbound::reports
