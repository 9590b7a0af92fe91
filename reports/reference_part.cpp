#include "reports/reference_part.hpp"

#include <fmt/format.h>

namespace attnbound::reports {
namespace {

std::string counts(const Evidence& e, const std::string& rows, bool hooked) {
  return fmt::format("{} double-precision evaluations on {} rows, {} violated (worst at {}); {} "
                     "certified in intervals: {} hold, {} violated, {} undecided; {}",
                     e.evaluations, rows, e.violations, e.worst_where, e.certified, e.certified_holds,
                     e.certified_violated, e.certified_undecided,
                     recheck_evidence(e.recheck, e.certified_holds + e.certified_violated, hooked));
}

// The part made of a reproduce_reference result: one verdict row per check, its tables, figures, claims.
void add_reproduction(PartOutcome& out, ReferenceResult r, const std::vector<ReferenceExample>& data,
                      const ReproduceOptions& options, const std::string& rows, const std::string& extension) {
  out.section.status = "ran";
  out.section.detail = r.summary;
  std::vector<std::string> names;
  for (const auto& ex : data) names.push_back(ex.name + extension);
  r.config["files"] = names;
  // The re-check of every certified row (reports/reproduce_recheck.hpp): counts, and the rows it did not confirm.
  RecheckCounts rechecked;
  for (const auto& e : r.evidence) rechecked.merge(e.recheck);
  if (options.recheck) r.config["independent_check"] = rechecked.to_json();
  out.config = r.config;
  for (const auto& e : r.evidence) {
    VerdictRow v;
    v.statement = e.statement;
    v.variant = e.variant;
    v.claim = e.claim;
    v.tag = e.tag;
    // Certified: a violation some interval evaluation confirms, or a hold whose worst row was certified.
    v.certified_holds = e.certified_holds;
    v.certified = e.violations > 0 ? e.certified_violated > 0 : (e.worst_certified && e.certified_violated == 0 &&
                                                                  e.certified_undecided == 0);
    // The words of a proof only beside a proof: double-precision findings say what they are.
    if (e.violations > 0) v.verdict = v.certified ? "violated" : "violated in double precision (not certified)";
    else v.verdict = v.certified ? "holds" : "not refuted";
    v.evidence = counts(e, rows, static_cast<bool>(options.recheck));
    v.worst_ratio = e.worst_certified ? Number::enclosure(e.worst_lo, e.worst_hi, options.certify_bits)
                                      : Number::point(e.worst_ratio);
    out.verdicts.push_back(std::move(v));
  }
  out.claims = r.claims;
  out.tables = r.tables;
  if (auto t = recheck_table(rechecked, extension.empty() ? "attention_recheck_rejections" : "reference_recheck_rejections"))
    out.tables.push_back(std::move(*t));
  out.figures = r.figures;
  out.notes = r.notes;
}

}  // namespace

PartOutcome reference_part(const std::vector<std::string>& files, const ReproduceOptions& options,
                           const std::function<void(const std::string&)>& progress) {
  PartOutcome out;
  out.section = {"reproduce_reference", "Reproduction on GPT-2 reference logits (Cor. 1, Cor. 3, Alg. 5)", "", ""};
  if (files.empty()) {
    out.section.status = "unavailable";
    out.section.detail = "no GPT-2 reference exports (../shared/data/gpt2-reference/ex*.json); pass them with "
                         "attnbound reproduce --reference FILE...";
    return out;
  }
  std::vector<ReferenceExample> data;
  for (const auto& f : files) {
    if (progress) progress("reading " + f);
    data.push_back(load_reference(f));
  }
  if (progress) progress("analysing " + std::to_string(data.size()) + " reference file(s)");
  add_reproduction(out, reproduce_reference(data, options), data, options, "GPT-2 reference", ".json");
  return out;
}

PartOutcome attention_part(const std::vector<ReferenceExample>& data, const ReproduceOptions& options,
                           const std::function<void(const std::string&)>& progress) {
  PartOutcome out;
  out.section = {"reproduce_attention", "Reproduction on captured attention (Cor. 1, Cor. 3, Alg. 5, Thm. 1 with values)",
                 "", ""};
  if (data.empty()) {
    out.section.status = "unavailable";
    out.section.detail = "no captured attention: pass --attention FILE (scripts/capture_attention.py writes one)";
    return out;
  }
  if (progress) progress("analysing " + std::to_string(data.size()) + " capture file(s)");
  add_reproduction(out, reproduce_reference(data, options), data, options, "captured attention", "");
  return out;
}

}  // namespace attnbound::reports
