#include "reports/merge_verdicts.hpp"

#include "theory/statement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace attnbound::reports {
namespace {

bool any_of(const std::vector<PartEvidence>& ev, bool (*pred)(const PartEvidence&)) {
  return std::any_of(ev.begin(), ev.end(), pred);
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::string summary_of(const VerdictRow& merged) {
  std::string parts;
  for (const auto& e : merged.evidence_list) parts += (parts.empty() ? "" : ", ") + e.part + " " + e.verdict;
  if (merged.verdict == "holds")
    return fmt::format("certified to hold on {} instance(s); evidence: {}", merged.certified_holds, parts);
  return "evidence: " + parts;
}

}  // namespace

std::pair<std::string, bool> overall_verdict(const std::vector<PartEvidence>& ev) {
  if (any_of(ev, [](const PartEvidence& e) { return e.certified && e.verdict == "violated"; })) return {"violated", true};
  if (any_of(ev, [](const PartEvidence& e) { return e.verdict == "statistically violated"; }))
    return {"statistically violated", false};
  if (any_of(ev, [](const PartEvidence& e) { return starts_with(e.verdict, "violated"); }))
    return {"violated in double precision (not certified)", false};
  if (any_of(ev, [](const PartEvidence& e) { return e.certified_holds > 0 || (e.certified && e.verdict == "holds"); }))
    return {"holds", true};
  for (const char* word : {"statistically holds", "tight", "undecided"})
    for (const auto& e : ev)
      if (e.verdict == word) return {word, false};
  if (!ev.empty()) return {"not refuted", false};
  return {"not evaluated", false};
}

std::vector<VerdictRow> merge_verdicts(const std::vector<PartVerdict>& rows) {
  // Readings in output order: the registry's, then the others as they first appear.
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, VerdictRow> merged;
  for (const auto& st : all_statements())
    for (const auto& var : st.info.variants) {
      order.push_back({st.info.id, var.name});
      VerdictRow v;
      v.statement = st.info.id;
      v.variant = var.name;
      v.claim = var.claim;
      v.tag = var.status;
      merged[order.back()] = v;
    }
  for (const auto& [part, row] : rows) {
    const std::pair<std::string, std::string> key{row.statement, row.variant};
    auto it = merged.find(key);
    if (it == merged.end()) {
      order.push_back(key);
      VerdictRow v;
      v.statement = row.statement;
      v.variant = row.variant;
      v.claim = row.claim;
      v.tag = row.tag;
      it = merged.emplace(key, v).first;
    }
    VerdictRow& m = it->second;
    if (m.claim.empty()) m.claim = row.claim;
    if (m.tag.empty()) m.tag = row.tag;
    m.evidence_list.push_back({part, row.verdict, row.certified, row.evidence, row.worst_ratio, row.certified_holds});
    m.certified_holds += row.certified_holds;
    for (const auto& c : row.counterexamples)
      if (std::find(m.counterexamples.begin(), m.counterexamples.end(), c) == m.counterexamples.end())
        m.counterexamples.push_back(c);
    if (row.worst_ratio) {
      const double a = row.worst_ratio->approx();
      const bool better = !m.worst_ratio || a > m.worst_ratio->approx() ||
                          (a == m.worst_ratio->approx() && row.worst_ratio->certified && !m.worst_ratio->certified);
      if (better) m.worst_ratio = row.worst_ratio;
    }
  }
  std::vector<VerdictRow> out;
  for (const auto& key : order) {
    VerdictRow v = merged.at(key);
    std::tie(v.verdict, v.certified) = overall_verdict(v.evidence_list);
    v.evidence = v.evidence_list.empty() ? "no part of this run evaluated it" : summary_of(v);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace attnbound::reports
