#include "reports/prove_part.hpp"

#include "check/check_prove.hpp"
#include "counterexamples/corpus.hpp"
#include "prove/branch_and_bound.hpp"
#include "theory/instance.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <map>

namespace attnbound::reports {

namespace {

struct Target {
  std::string statement, variant;
  int length;
  std::string target;
};

std::vector<Target> targets(int max_length) {
  std::vector<Target> t;
  const std::vector<std::string> norms{"spectral", "frobenius", "per_weight"};
  for (const auto& v : norms) t.push_back({"cor3.softmax_jacobian", v, 2, "1"});
  for (const auto& v : norms)
    for (int L = 2; L <= max_length; ++L) t.push_back({"cor3.softmax_jacobian.corrected", v, L, kProveTargetRatio});
  return t;
}

// The search's best certified ratio for a reading, from the corpus's tightness summary (nullopt when absent).
std::optional<double> search_best_ratio(const nlohmann::json& summary, const std::string& statement, const std::string& variant) {
  for (const auto& e : summary.value("entries", nlohmann::json::array()))
    if (e.value("statement", "") == statement && e.value("variant", "") == variant && e.contains("ratio")) {
      const auto& r = e["ratio"];
      return r.is_string() ? std::stod(r.get<std::string>()) : r.get<double>();
    }
  return std::nullopt;
}

}  // namespace

PartOutcome prove_part(const PartContext& ctx, const std::filesystem::path& corpus_dir, int max_length) {
  PartOutcome out;
  out.section = {"prove", "Proved over domains (attnbound prove: interval branch-and-bound)", "ran", ""};
  Table table{"proved_over_domains",
              "Proved over domains: sup of ||J|| / bound over every input of the domain",
              fmt::format("Corollary 3 family; domain: scaled logits z = l/T with max z = 0 and the others in [-40, 0] "
                          "(shift, scaling and permutation reductions); target {} for the corrected forms (attained "
                          "bound: 1 exactly at a two-way tie). sup lo: the engine's certified lower end at the best point "
                          "(MPFI); sup hi: the largest certified upper end over the leaves (double intervals, outward "
                          "rounding). checker: the certificate re-checked in Arb (attnbound check).", kProveTargetRatio),
              {{"statement", "", Column::Kind::text},
               {"variant", "", Column::Kind::text},
               {"L", "", Column::Kind::exact},
               {"target", "", Column::Kind::text},
               {"status", "", Column::Kind::text},
               {"sup ratio", "", Column::Kind::enclosure, 53, true},
               {"boxes", "", Column::Kind::exact},
               {"pruned", "", Column::Kind::exact},
               {"checker", "", Column::Kind::text},
               {"counterexample", "", Column::Kind::text}},
              {}};
  struct Best {
    std::string lo, hi;
    int length = 0;
  };
  std::map<std::string, Best> proven;  // corrected variant -> the largest L's enclosure
  std::size_t proved = 0, refuted = 0, incomplete = 0, confirmed = 0;
  for (const Target& t : targets(max_length)) {
    if (ctx.progress) ctx.progress(fmt::format("{} {} L = {}", t.statement, t.variant, t.length));
    const prove::ProveDomain d = prove::make_domain(t.statement, t.variant, t.length, nullptr);
    prove::ProveOptions o;
    o.target_ratio = t.target;
    o.budget_seconds = 1e9;  // the targets finish in well under a second each; no clock may bind (determinism)
    const prove::ProveResult r = prove::prove(d, o);
    const nlohmann::json cert = prove::make_prove_certificate(r, d, o);
    const std::string file = fmt::format("certificates/prove/{}.{}.L{}.json", t.statement, t.variant, t.length);
    out.generated.push_back({file, cert.dump() + "\n"});
    // The report's re-check when there is one (it counts in the independent re-check section), else the checker.
    const std::string why = ctx.recheck_certificate ? ctx.recheck_certificate(cert, file) : [&] {
      const check::ProveCheckOutcome c = check::check_prove_certificate(parse_json_exact(cert.dump()));
      return c.outcome.kind == check::CheckOutcome::Kind::confirmed ? std::string() : "rejected: " + c.outcome.why;
    }();
    const bool ok = why.empty();
    confirmed += ok;
    (r.status == "proved" ? proved : r.status == "refuted" ? refuted : incomplete) += 1;
    const std::string hi = std::isfinite(r.sup_hi) ? prove::double_text(r.sup_hi) : "inf";
    const std::string counterexample = r.counterexample.is_null() ? "" : r.counterexample["instance"].dump();
    table.rows.push_back({t.statement, t.variant, static_cast<long long>(t.length), t.target, r.status,
                          std::make_pair(r.sup_lo.empty() ? std::string("0") : r.sup_lo, hi),
                          static_cast<long long>(r.boxes), static_cast<long long>(r.pruned),
                          ok ? std::string("confirmed") : why, counterexample});
    if (d.corrected() && r.status == "proved" && !r.sup_lo.empty()) proven[t.variant] = {r.sup_lo, hi, t.length};
    if (!d.corrected() && r.status == "refuted") {
      VerdictRow v;
      v.statement = t.statement;
      v.variant = t.variant;
      v.verdict = "violated";
      v.certified = true;
      v.evidence = fmt::format("prove: refuted over z in [-40, 0]^{} (T = 1); shrunk counterexample {}, certified ratio >= {}",
                               t.length - 1, counterexample, r.sup_lo);
      out.verdicts.push_back(v);
    }
  }
  out.tables.push_back(table);
  const nlohmann::json summary = search::tightness_summary(corpus_dir);
  Figure fig{"tightness_intervals", "Certified tightness of the corrected Corollary 3: [best ratio found, proven sup]",
             "x: 1 spectral, 2 frobenius, 3 per_weight. Lower mark: the search's best certified ratio (corpus); upper "
             "mark: prove's certified upper end of the sup over the domain (largest L proved); the line is the bound "
             "(ratio 1).",
             "reading", "ratio", false, false, {}};
  Series found{"best ratio found (search: midpoint of a certified enclosure)", "points", {}, 53, true};
  Series sup{"proven sup upper end (prove, certified)", "points", {}, 53, true};
  Series one{"bound (ratio 1)", "dashed", {{0.5, 1}, {3.5, 1}}, 53, true};
  const std::vector<std::string> norms{"spectral", "frobenius", "per_weight"};
  for (std::size_t i = 0; i < norms.size(); ++i) {
    const auto it = proven.find(norms[i]);
    if (it == proven.end()) continue;
    VerdictRow v;
    v.statement = "cor3.softmax_jacobian.corrected";
    v.variant = norms[i];
    v.verdict = "not refuted";
    v.certified = false;
    v.evidence = fmt::format("prove: sup ratio over z in [-40, 0]^(L-1), L <= {}, in [{}, {}] (certified; the bound is "
                             "attained at a two-way tie)", it->second.length, it->second.lo, it->second.hi);
    v.worst_ratio = Number::enclosure(it->second.lo, it->second.hi, 53);
    out.verdicts.push_back(v);
    sup.points.push_back({static_cast<double>(i + 1), std::stod(it->second.hi)});
    if (const auto best = search_best_ratio(summary, "cor3.softmax_jacobian.corrected", norms[i]))
      found.points.push_back({static_cast<double>(i + 1), *best});
  }
  fig.series = {found, sup, one};
  out.figures.push_back(fig);
  out.section.detail = fmt::format("{} targets: {} proved, {} refuted, {} incomplete; {} of {} certificates confirmed by "
                                   "the Arb checker (certificates/prove/)", table.rows.size(), proved, refuted, incomplete,
                                   confirmed, table.rows.size());
  out.config["prove"] = {{"targets", "cor3.softmax_jacobian (3 norms, L = 2), cor3.softmax_jacobian.corrected (3 norms, "
                                     "L = 2.." + std::to_string(max_length) + ")"},
                         {"domain", "z in [-40, 0] after the shift"},
                         {"target_ratio", kProveTargetRatio}};
  return out;
}

}  // namespace attnbound::reports
