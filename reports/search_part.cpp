#include "reports/search_part.hpp"

#include "counterexamples/corpus.hpp"
#include "counterexamples/search.hpp"
#include "counterexamples/shrink.hpp"
#include "theory/statement.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace attnbound::reports {

std::uint64_t evaluations_for(const std::string& statement, std::uint64_t max_evaluations) {
  // Theorem 2's quantity E[N_s]/N is a Monte Carlo estimate (thousands of sphere draws per evaluation): a
  // tenth of the evaluations keeps its searches inside their time share, so the evaluation limit binds.
  return statement.rfind("thm2.", 0) == 0 ? std::max<std::uint64_t>(1, max_evaluations / 10) : max_evaluations;
}

namespace {

// The word for one search: a certified violation is "violated". A Monte Carlo candidate was selected among
// many, so its word comes from a confirmation on fresh samples (search::confirm_statistical): its confidence
// interval beyond the bound is "statistically violated", within it "statistically holds", else "undecided".
// A certified search that found no violation proves nothing: "not refuted" (never "holds", a proof's word).
std::string search_verdict(const search::SearchResult& r, const std::string& statement, const std::string& variant,
                           const std::string& side) {
  if (r.violation) return "violated";
  const search::Found* candidate = r.statistical_violation ? &*r.statistical_violation : r.best ? &*r.best : nullptr;
  if (candidate && !candidate->certificate.certified()) {
    const search::Certificate fresh = search::confirm_statistical(find_statement(statement), candidate->instance, variant);
    const search::CandidateSide* s = fresh.headline(side);
    if (s && s->statistical_violation) return "statistically violated";
    if (s && s->statistically_holds && !r.statistical_violation) return "statistically holds";
    return "undecided";
  }
  return "not refuted";
}

}  // namespace

PartOutcome search_part(const SearchPartOptions& o, const PartContext& ctx) {
  PartOutcome out;
  out.section = {"search", "Budgeted adversarial search (attnbound search --all)", "", ""};
  std::vector<std::pair<std::string, std::string>> work;
  for (const auto& id : search::covered_statements())
    for (const auto& v : find_statement(id).info.variants) work.push_back({id, v.name});

  Table t{"search", "Adversarial search: largest certified quantity/bound per statement and variant",
          fmt::format("Strategy all (random, hill climbing, Nelder-Mead, gradient), seed {}, at most {} evaluations "
                      "per variant (a tenth for the Monte Carlo thm2.*); ratios are certified MPFI enclosures at {} "
                      "bits (> 1: a certified violation).",
                      o.seed, o.max_evaluations, search::kCertifyBits),
          {}, {}};
  t.columns = {{"statement", "", Column::Kind::text},
               {"variant", "", Column::Kind::text},
               {"result", "", Column::Kind::text},
               {"best ratio", "quantity/bound", Column::Kind::enclosure, search::kCertifyBits, true},
               {"L", "tokens", Column::Kind::exact},
               {"found by", "", Column::Kind::text},
               {"evaluations", "", Column::Kind::exact},
               {"stopped by", "", Column::Kind::text},
               {"file", "", Column::Kind::text}};
  std::size_t violations = 0, cut = 0;
  for (std::size_t k = 0; k < work.size(); ++k) {
    const auto& [id, variant] = work[k];
    if (ctx.expired()) {
      ++cut;
      t.rows.push_back({id, variant, std::string("skipped: time budget spent"),
                        std::make_pair(std::string("-"), std::string("-")), 0LL, std::string(""), 0LL,
                        std::string("seconds"), std::string("")});
      continue;
    }
    search::SearchConfig cfg;
    cfg.statement = id;
    cfg.variant = variant;
    cfg.seed = o.seed;
    cfg.max_evaluations = evaluations_for(id, o.max_evaluations);
    cfg.budget_seconds = std::max(0.05, ctx.remaining_seconds() / static_cast<double>(work.size() - k));
    ctx.progress(fmt::format("{}/{}: {}/{} ({:.1f} s at most)", k + 1, work.size(), id, variant, cfg.budget_seconds));
    const search::SearchResult r = search::run_search(cfg);
    if (r.stopped_by == "seconds") ++cut;
    if (!r.best) {
      t.rows.push_back({id, variant, std::string("no valid instance found"),
                        std::make_pair(std::string("-"), std::string("-")), 0LL, std::string(""),
                        static_cast<long long>(r.evaluations), r.stopped_by, std::string("")});
      continue;
    }
    const search::InstanceSpace& space = *search::find_instance_space(id);
    const search::Found& found = r.violation ? *r.violation : *r.best;
    std::optional<search::ShrinkResult> shrunk;
    if (r.violation)
      shrunk = search::shrink_violation(find_statement(id), space, variant, found.instance, cfg.precision_bits,
                                        o.shrink_attempts);
    nlohmann::json entry = search::make_corpus_entry(cfg, r, found, space, shrunk, 0);
    if (r.violation && ctx.recheck) {
      // The certified violation printed below, through the engine, for the independent re-check (check/).
      nlohmann::json shown = shrunk ? shrunk->instance : found.instance;
      shown["statement"] = id;
      shown["variant"] = variant;
      const Instance inst = Instance::from_json(shown);
      ctx.recheck(inst, certify(find_statement(id), inst, variant), "search " + id + "/" + variant);
    }
    // Wall-clock fields out: the file is then a function of the seed (when the evaluation limit binds).
    entry.erase("timing");
    if (entry.contains("search")) entry["search"].erase("budget_seconds");
    const std::string kind = r.violation ? "counterexample" : "witness";
    const std::string rel = "counterexamples/search/" + id + "." + variant + "." + kind + ".json";
    out.generated.push_back({rel, entry.dump(2) + "\n"});
    // The headline side's certified ratio enclosure (of the shrunk instance for a counterexample).
    const search::Certificate& cert = shrunk ? shrunk->certificate : found.certificate;
    std::string lo = "-", hi = "-";
    if (const search::CandidateSide* side = cert.headline(cfg.side)) lo = side->ratio_lo, hi = side->ratio_hi;
    const long long length = entry.contains("size") ? entry["size"].value("length", 0LL) : 0LL;
    t.rows.push_back({id, variant, r.violation ? std::string("certified violation (shrunk)")
                                               : std::string("no violation: tightness witness"),
                      std::make_pair(lo, hi), length, found.strategy, static_cast<long long>(r.evaluations),
                      r.stopped_by, rel});
    VerdictRow v;
    v.statement = id;
    v.variant = variant;
    v.verdict = search_verdict(r, id, variant, cfg.side);
    v.certified = r.violation.has_value();  // no violation found is evidence, not a proof
    v.evidence = r.violation
                     ? fmt::format("certified violation found by {} after {} evaluations, shrunk to L = {}", found.strategy,
                                   found.evaluation, length)
                     : fmt::format("no certified violation in {} evaluations (seed {}); best {} ratio {} (enclosure "
                                   "in the worst-ratio column; instance in {})",
                                   r.evaluations, o.seed,
                                   cert.certified() ? "certified" : "Monte Carlo (not certified)",
                                   format_g(std::strtod(lo.c_str(), nullptr), 8), rel);
    if (lo != "-") {
      v.worst_ratio = Number::enclosure(lo, hi, cfg.precision_bits);
      // A Monte Carlo quantity's "enclosure" is a confidence interval, not a proof.
      v.worst_ratio->certified = cert.certified();
    }
    // Only counterexamples are linked from the verdict; a witness is listed in the search table.
    if (r.violation) v.counterexamples.push_back(rel), ++violations;
    out.verdicts.push_back(std::move(v));
  }
  out.tables.push_back(std::move(t));
  out.config = {{"seed", o.seed},
                {"strategy", "all"},
                {"max_evaluations_per_variant", o.max_evaluations},
                {"shrink_attempts", o.shrink_attempts},
                {"precision_bits", search::kCertifyBits},
                {"uncovered_statements", search::uncovered_statements()}};
  out.section.status = "ran";
  out.section.detail = fmt::format("{} statement variants searched, {} certified violations (seed {}, {} evaluations "
                                   "each)", work.size(), violations, o.seed, o.max_evaluations);
  if (cut)
    out.section.detail += fmt::format("; {} search(es) cut by the time budget (not reproducible byte for byte; raise "
                                      "--budget)", cut);
  return out;
}

}  // namespace attnbound::reports
