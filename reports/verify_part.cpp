#include "reports/verify_part.hpp"

#include "verify/verify_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace attnbound::reports {
namespace {

// verify's counts as a verdict: a certified violation wins, then a statistical (Monte Carlo) one, then an
// undecided instance, then a tight one; "holds" needs every instance certified to hold, and a row with
// Monte Carlo holds says "statistically holds" (Monte Carlo never makes a certified word).
std::string verdict_of(const VerifyRow& r) {
  if (r.violated > 0) return "violated";
  if (r.statistically_violated > 0) return "statistically violated";
  if (r.instances == 0) return "not evaluated";
  if (r.undecided > 0) return "undecided";
  if (r.tight > 0) return "tight";
  if (r.statistically_holds > 0) return "statistically holds";
  return "holds";
}

}  // namespace

PartOutcome verify_part(const VerifyPartOptions& o, const PartContext& ctx) {
  PartOutcome out;
  out.section = {"verify", "Certified verification over the seeded instance family (attnbound verify)", "", ""};
  VerifyOptions vo;
  vo.seed = o.seed;
  vo.instances = o.instances;
  vo.statements = o.statements;
  vo.corpus_dir = o.corpus_dir;
  vo.budget_seconds = std::min(ctx.remaining_seconds(), 1e9);
  vo.on_certified = ctx.recheck;  // every certified verdict counted below is re-checked (check/)
  auto last = Clock::now();
  vo.progress = [&](std::size_t done, std::size_t total, const std::string& label) {
    if (Clock::now() - last < std::chrono::seconds(5) && done != total) return;
    last = Clock::now();
    ctx.progress(fmt::format("{}/{} instances ({})", done, total, label));
  };
  const VerifyReport rep = run_verify(vo);

  // The configuration without the budget (a wall-clock quantity, so not part of the deterministic report).
  nlohmann::json cfg = rep.configuration;
  cfg.erase("budget_seconds");
  out.config = ojson::parse(cfg.dump());

  Table t{"verify", "Certified verification (attnbound verify)",
          "Per statement and variant: instances of the seeded family (plus corpus replays) judged by certify() "
          "with MPFI precision escalation; worst ratio = max quantity/bound over instances and sides from "
          "interval midpoints (approximate, 53 b).",
          {}, {}};
  t.columns = {{"statement", "", Column::Kind::text},   {"variant", "", Column::Kind::text},
               {"instances", "", Column::Kind::exact},  {"holds", "", Column::Kind::exact},
               {"violated", "", Column::Kind::exact},   {"undecided", "", Column::Kind::exact},
               {"tight", "", Column::Kind::exact},
               {"stat. holds", "Monte Carlo, not certified", Column::Kind::exact},
               {"stat. violated", "Monte Carlo, not certified", Column::Kind::exact},
               {"skipped", "hypothesis + input + internal + budget", Column::Kind::exact},
               {"worst ratio", "quantity/bound", Column::Kind::point}, {"worst at", "", Column::Kind::text}};
  std::size_t violated_rows = 0, skipped_budget = 0, instances = 0;
  for (const auto& r : rep.rows) {
    const std::size_t skipped = r.hypothesis_skipped + r.input_errors + r.internal_errors + r.budget_skipped;
    skipped_budget += r.budget_skipped;
    instances += r.instances;
    const bool finite_worst = r.worst_ratio && std::isfinite(*r.worst_ratio);
    t.rows.push_back({r.statement, r.variant, static_cast<long long>(r.instances), static_cast<long long>(r.holds),
                      static_cast<long long>(r.violated), static_cast<long long>(r.undecided),
                      static_cast<long long>(r.tight), static_cast<long long>(r.statistically_holds),
                      static_cast<long long>(r.statistically_violated),
                      static_cast<long long>(skipped), finite_worst ? Cell(*r.worst_ratio) : Cell(std::string("")),
                      r.worst_label});
    VerdictRow v;
    v.statement = r.statement;
    v.variant = r.variant;
    v.tag = r.status;
    v.verdict = verdict_of(r);
    // A violation is certified by its counterexample's enclosure; a hold only when every verdict was.
    v.certified_holds = r.holds;
    v.certified = v.verdict == "violated" ? r.counterexample.has_value()
                                          : (v.verdict == "holds" && r.uncertified == 0);
    v.evidence = fmt::format("{} family instance(s): {} hold, {} violated (certified), {} undecided, {} tight, "
                             "{} statistically hold, {} statistically violated (Monte Carlo, not certified), {} skipped",
                             r.instances, r.holds, r.violated, r.undecided, r.tight, r.statistically_holds,
                             r.statistically_violated, skipped);
    if (!r.first_error.empty()) v.evidence += "; first error: " + r.first_error;
    if (finite_worst) v.worst_ratio = Number::point(*r.worst_ratio);
    if (r.counterexample) {
      ++violated_rows;
      const std::string rel = "counterexamples/verify/" + r.statement + "." + r.variant + ".json";
      nlohmann::json entry = *r.counterexample;
      entry["kind"] = "counterexample";
      entry["statement"] = r.statement;
      entry["variant"] = r.variant;
      entry["source"] = "attnbound verify, seed " + std::to_string(o.seed);
      out.generated.push_back({rel, entry.dump(2) + "\n"});
      v.counterexamples.push_back(rel);
    }
    out.verdicts.push_back(std::move(v));
  }
  out.tables.push_back(std::move(t));
  // verify's own JSON beside the report (without its timings: the file is deterministic like report.json).
  nlohmann::json vj = to_json(rep);
  vj.erase("timings");
  if (vj.contains("configuration")) vj["configuration"].erase("budget_seconds");
  out.generated.push_back({"verify.json", vj.dump(2) + "\n"});
  ctx.progress("verification table:\n" + format_table(rep));
  for (const auto& e : rep.corpus_errors) out.notes.push_back("verify: corpus file not replayed: " + e);
  out.section.status = "ran";
  out.section.detail = fmt::format("{} statement variants, {} judged instances (seed {}, {} per statement), {} "
                                   "with a certified counterexample",
                                   rep.rows.size(), instances, o.seed, o.instances, violated_rows);
  if (!rep.complete)
    out.section.detail += fmt::format("; cut by the time budget: {} instance(s) skipped (not reproducible byte for "
                                      "byte; raise --budget)", skipped_budget);
  return out;
}

}  // namespace attnbound::reports
