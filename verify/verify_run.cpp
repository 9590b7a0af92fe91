#include "verify/verify_run.hpp"

#include "verify/instance_family.hpp"
#include "scaleout/process_group.hpp"

#include <fmt/format.h>

#include <chrono>

namespace attnbound {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// What judging one (statement, variant, instance) unit gave, in the form the row's tally needs: computed by the
// process that owns the unit, tallied by rank 0 in the fixed unit order (so the rows do not depend on who judged).
struct UnitOutcome {
  enum class Kind { judged, hypothesis_skipped, input_error, internal_error, budget_skipped, other_variant };
  Kind kind = Kind::other_variant;
  std::string error;
  Verdict verdict = Verdict::undecided;
  bool statistical = false, certified = false;
  std::vector<std::optional<double>> side_ratios;
  nlohmann::json counterexample;  // a certified violation: {"instance", "certificate", "result"}; else null
  double seconds = 0;             // wall clock of the judgement (timings only)
};

UnitOutcome judged_outcome(const CertifiedResult& r, const FamilyInstance& fi, const std::string& variant) {
  UnitOutcome o;
  o.kind = UnitOutcome::Kind::judged;
  o.verdict = r.verdict;
  o.statistical = r.method == "monte-carlo";
  o.certified = r.certified;
  for (const auto& s : r.sides) o.side_ratios.push_back(s.ratio);
  if (r.verdict == Verdict::violated && r.certified) {
    nlohmann::json inst = fi.instance;
    inst["variant"] = variant;
    std::string proof;
    for (const auto& s : r.sides)
      if (s.verdict == Verdict::violated) {
        // The certificate: the margin (bound - quantity, or quantity - bound for a lower bound) is < 0.
        proof = fmt::format("side {}: quantity >= {}, bound <= {}, so quantity {} bound (margin <= {} < 0) at {} bits",
                            s.name, s.relation == Relation::at_most ? s.quantity.lo : s.bound.hi,
                            s.relation == Relation::at_most ? s.bound.hi : s.quantity.lo,
                            s.relation == Relation::at_most ? ">" : "<", s.margin.hi, r.precision_bits);
        if (s.relation == Relation::at_least)
          proof = fmt::format("side {}: bound >= {}, quantity <= {}, so quantity < bound (margin <= {} < 0) at {} bits",
                              s.name, s.bound.lo, s.quantity.hi, s.margin.hi, r.precision_bits);
        break;
      }
    o.counterexample = {{"instance", inst}, {"certificate", proof}, {"result", to_json(r)}};
  }
  return o;
}

nlohmann::json to_wire(const UnitOutcome& o) {
  nlohmann::json ratios = nlohmann::json::array();
  for (const auto& r : o.side_ratios) ratios.push_back(r ? nlohmann::json(*r) : nlohmann::json(nullptr));
  return {{"kind", static_cast<int>(o.kind)}, {"error", o.error}, {"verdict", static_cast<int>(o.verdict)},
          {"statistical", o.statistical}, {"certified", o.certified}, {"ratios", ratios}, {"counterexample", o.counterexample},
          {"seconds", o.seconds}};
}
UnitOutcome from_wire(const nlohmann::json& j) {
  UnitOutcome o;
  o.kind = static_cast<UnitOutcome::Kind>(j["kind"].get<int>());
  o.error = j["error"];
  o.verdict = static_cast<Verdict>(j["verdict"].get<int>());
  o.statistical = j["statistical"];
  o.certified = j["certified"];
  for (const auto& r : j["ratios"]) o.side_ratios.push_back(r.is_null() ? std::nullopt : std::optional<double>(r.get<double>()));
  o.counterexample = j["counterexample"];
  o.seconds = j["seconds"];
  return o;
}

void tally(VerifyRow& row, const UnitOutcome& o, const FamilyInstance& fi, bool& complete) {
  using Kind = UnitOutcome::Kind;
  row.seconds += o.seconds;
  switch (o.kind) {
    case Kind::other_variant: return;
    case Kind::budget_skipped: ++row.budget_skipped; complete = false; return;
    case Kind::hypothesis_skipped: ++row.hypothesis_skipped; return;
    case Kind::input_error:
      ++row.input_errors;
      if (row.first_error.empty()) row.first_error = fi.label + ": " + o.error;
      return;
    case Kind::internal_error:
      ++row.internal_errors;
      if (row.first_error.empty()) row.first_error = fi.label + ": " + o.error;
      return;
    case Kind::judged: break;
  }
  ++row.instances;
  switch (o.verdict) {
    case Verdict::holds: ++(o.statistical ? row.statistically_holds : row.holds); break;
    case Verdict::violated: ++(o.statistical ? row.statistically_violated : row.violated); break;
    case Verdict::undecided: ++row.undecided; break;
    case Verdict::tight: ++row.tight; break;
  }
  if (!o.certified) ++row.uncertified;
  for (const auto& ratio : o.side_ratios)
    if (ratio && (!row.worst_ratio || *ratio > *row.worst_ratio)) {
      row.worst_ratio = ratio;
      row.worst_label = fi.label;
    }
  // Keep the shortest certified counterexample (the first among equals): the easiest to read and replay.
  if (!o.counterexample.is_null() &&
      (!row.counterexample || o.counterexample["instance"].dump().size() < (*row.counterexample)["instance"].dump().size())) {
    nlohmann::json c = o.counterexample;
    row.counterexample = nlohmann::json{{"label", fi.label}, {"instance", c["instance"]}, {"certificate", c["certificate"]},
                                        {"result", c["result"]}};
  }
}

}  // namespace

VerifyReport run_verify(const VerifyOptions& options) {
  const auto start = Clock::now();
  VerifyReport report;
  std::vector<const Statement*> chosen;
  if (options.statements.empty())
    for (const auto& s : all_statements()) chosen.push_back(&s);
  else
    for (const auto& id : options.statements) chosen.push_back(&find_statement(id));

  // Build every instance list first, so the progress total is known and the order is fixed.
  struct Work {
    const Statement* st;
    std::vector<FamilyInstance> family;
  };
  std::vector<Work> work;
  std::size_t total = 0;
  for (const Statement* st : chosen) {
    Work w{st, instance_family(st->info, options.seed, options.instances)};
    if (!options.corpus_dir.empty()) {
      auto corpus = corpus_instances(options.corpus_dir, st->info.id, &report.corpus_errors);
      w.family.insert(w.family.end(), corpus.begin(), corpus.end());
    }
    total += w.family.size() * st->info.variants.size();
    work.push_back(std::move(w));
  }

  nlohmann::json statements = nlohmann::json::array();
  for (const Statement* st : chosen) statements.push_back(st->info.id);
  report.configuration = {{"seed", options.seed},
                          {"statements", statements},
                          {"instances_per_statement", options.instances},
                          {"start_bits", options.certify.start_bits},
                          {"max_bits", options.certify.max_bits},
                          {"budget_seconds", options.budget_seconds},
                          {"monte_carlo_samples", options.certify.eval.monte_carlo_samples},
                          {"max_enumeration", options.certify.eval.max_enumeration},
                          {"confidence", options.certify.eval.confidence},
                          {"corpus", options.corpus_dir}};

  // Units (statement, variant, instance) in a fixed order; under mpirun unit u is judged by rank u mod K, and
  // rank 0 tallies every outcome in unit order, so the rows are the same for every process count.
  const scaleout::ProcessGroup& group = scaleout::ProcessGroup::world();
  const auto K = static_cast<std::size_t>(group.size()), me = static_cast<std::size_t>(group.rank());
  std::vector<nlohmann::json> outcomes;  // this process's units, in order
  std::size_t done = 0, unit = 0;
  for (std::size_t k = 0; k < work.size(); ++k) {
    const Statement& st = *work[k].st;
    // Statement k may run until its share of the budget (unused time of earlier ones carries over).
    const double deadline = options.budget_seconds * static_cast<double>(k + 1) / static_cast<double>(work.size());
    for (const auto& v : st.info.variants) {
      for (const auto& fi : work[k].family) {
        if (unit++ % K != me) continue;
        const auto unit_start = Clock::now();
        UnitOutcome o;
        const std::string variant = fi.instance.contains("variant") ? fi.instance["variant"].get<std::string>() : v.name;
        if (variant != v.name) {  // a corpus instance for another variant
          o.kind = UnitOutcome::Kind::other_variant;
        } else if (since(start) > deadline) {
          o.kind = UnitOutcome::Kind::budget_skipped;
        } else {
          try {
            nlohmann::json judged = fi.instance;  // names the variant it is judged under (its certificate does)
            judged["variant"] = v.name;
            const Instance inst = Instance::from_json(judged);
            const CertifiedResult result = certify(st, inst, v.name, options.certify);
            o = judged_outcome(result, fi, v.name);
            if (options.on_certified && result.certified)
              options.on_certified(inst, result, "verify " + st.info.id + "/" + v.name + " " + fi.label);
          } catch (const HypothesisError& e) {
            o.kind = UnitOutcome::Kind::hypothesis_skipped;
          } catch (const InputError& e) {
            o.kind = UnitOutcome::Kind::input_error;
            o.error = e.what();
          } catch (const std::exception& e) {
            o.kind = UnitOutcome::Kind::internal_error;
            o.error = e.what();
          }
        }
        o.seconds = since(unit_start);
        outcomes.push_back(to_wire(o));
        done += K;
        if (options.progress) options.progress(std::min(done, total), total, st.info.id + "/" + v.name);
      }
    }
  }
  const std::vector<std::string> gathered = group.gather_to_root(nlohmann::json(outcomes).dump());
  if (!group.is_root()) {
    report.seconds = since(start);
    return report;  // rank 0 reports
  }
  std::vector<nlohmann::json> per_rank;
  for (const auto& text : gathered) per_rank.push_back(nlohmann::json::parse(text));
  std::vector<std::size_t> next(per_rank.size(), 0);
  unit = 0;
  for (std::size_t k = 0; k < work.size(); ++k) {
    const Statement& st = *work[k].st;
    for (const auto& v : st.info.variants) {
      VerifyRow row;
      row.statement = st.info.id;
      row.variant = v.name;
      row.status = v.status;
      for (const auto& fi : work[k].family) {
        const std::size_t owner = unit++ % K;
        tally(row, from_wire(per_rank.at(owner).at(next[owner]++)), fi, report.complete);
      }
      report.rows.push_back(std::move(row));
    }
  }
  report.seconds = since(start);
  return report;
}

nlohmann::json to_json(const VerifyReport& report) {
  nlohmann::json rows = nlohmann::json::array(), timings = nlohmann::json::array();
  for (const auto& r : report.rows) {
    nlohmann::json j{{"statement", r.statement}, {"variant", r.variant}, {"status", r.status},
                     {"instances", r.instances}, {"holds", r.holds}, {"violated", r.violated},
                     {"undecided", r.undecided}, {"tight", r.tight},
                     {"statistically_holds", r.statistically_holds}, {"statistically_violated", r.statistically_violated},
                     {"uncertified", r.uncertified},
                     {"hypothesis_skipped", r.hypothesis_skipped}, {"input_errors", r.input_errors},
                     {"internal_errors", r.internal_errors}, {"budget_skipped", r.budget_skipped}};
    j["worst_ratio"] = r.worst_ratio ? nlohmann::json(*r.worst_ratio) : nlohmann::json(nullptr);
    j["worst_instance"] = r.worst_label;
    if (!r.first_error.empty()) j["first_error"] = r.first_error;
    if (r.counterexample) j["counterexample"] = *r.counterexample;
    rows.push_back(std::move(j));
    timings.push_back({{"statement", r.statement}, {"variant", r.variant}, {"seconds", r.seconds}});
  }
  return {{"configuration", report.configuration},
          {"complete", report.complete},
          {"rows", rows},
          {"corpus_errors", report.corpus_errors},
          {"timings", {{"note", "wall-clock seconds: not deterministic"}, {"total_seconds", report.seconds}, {"rows", timings}}}};
}

std::string format_table(const VerifyReport& report) {
  std::string out = fmt::format("{:<32} {:<16} {:>5} {:>6} {:>8} {:>9} {:>6} {:>6} {:>12} {:>8}\n", "statement",
                                "variant", "inst", "holds", "violated", "undecided", "tight", "skip", "worst q/b",
                                "time s");
  for (const auto& r : report.rows) {
    const std::string worst = r.worst_ratio ? fmt::format("{:.6g}", *r.worst_ratio) : "-";
    out += fmt::format("{:<32} {:<16} {:>5} {:>6} {:>8} {:>9} {:>6} {:>6} {:>12} {:>8.2f}\n", r.statement, r.variant,
                       r.instances, r.holds, r.violated, r.undecided, r.tight,
                       r.hypothesis_skipped + r.input_errors + r.internal_errors + r.budget_skipped, worst, r.seconds);
  }
  // Notes under the table: uncertified verdicts, errors, budget cuts, and certified counterexamples.
  for (const auto& r : report.rows) {
    const std::string name = r.statement + "/" + r.variant;
    if (r.statistically_holds || r.statistically_violated)
      out += fmt::format("  note {}: Monte Carlo (not certified): {} statistically hold, {} statistically violated\n",
                         name, r.statistically_holds, r.statistically_violated);
    if (r.hypothesis_skipped) out += fmt::format("  note {}: {} generated instance(s) outside the hypotheses\n", name, r.hypothesis_skipped);
    if (r.input_errors || r.internal_errors)
      out += fmt::format("  note {}: {} input / {} internal error(s); first: {}\n", name, r.input_errors, r.internal_errors, r.first_error);
    if (r.budget_skipped) out += fmt::format("  note {}: {} instance(s) skipped, time budget exhausted\n", name, r.budget_skipped);
    if (r.counterexample) {
      const std::string inst = (*r.counterexample)["instance"].dump();
      out += fmt::format("  certified counterexample {} ({}):\n    {}\n    instance: {}\n", name,
                         (*r.counterexample)["label"].get<std::string>(),
                         (*r.counterexample)["certificate"].get<std::string>(),
                         inst.size() <= 400 ? inst : "(long; see --json)");
    }
  }
  for (const auto& e : report.corpus_errors) out += fmt::format("  corpus error: {}\n", e);
  if (!report.complete) out += "  INCOMPLETE: the time budget ran out; raise --budget or lower --instances\n";
  return out;
}

}  // namespace attnbound
