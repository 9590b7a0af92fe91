#include "reports/build_report.hpp"

#include "reports/merge_verdicts.hpp"
#include "reports/normalisers_part.hpp"
#include "reports/paper_claims.hpp"
#include "reports/prove_part.hpp"
#include "reports/qk_part.hpp"
#include "theory/statement.hpp"
#include "check/check_run.hpp"
#include "verify/certificate.hpp"
#include "verify/certify.hpp"
#include "verify/proof_replay.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <chrono>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <set>

namespace attnbound::reports {
namespace {

std::string counts(const Evidence& e, const std::string& rows) {
  return fmt::format("{} double-precision evaluations on {} rows, {} violated (worst at {}); {} "
                     "certified in intervals: {} hold, {} violated, {} undecided",
                     e.evaluations, rows, e.violations, e.worst_where, e.certified, e.certified_holds,
                     e.certified_violated, e.certified_undecided);
}

// The part made of a reproduce_reference result: one verdict row per check, its tables, figures, claims.
void add_reproduction(PartOutcome& out, ReferenceResult r, const std::vector<ReferenceExample>& data,
                      const ReproduceOptions& options, const std::string& rows, const std::string& extension) {
  out.section.status = "ran";
  out.section.detail = r.summary;
  std::vector<std::string> names;
  for (const auto& ex : data) names.push_back(ex.name + extension);
  r.config["files"] = names;
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
    v.evidence = counts(e, rows);
    v.worst_ratio = e.worst_certified ? Number::enclosure(e.worst_lo, e.worst_hi, options.certify_bits)
                                      : Number::point(e.worst_ratio);
    out.verdicts.push_back(std::move(v));
  }
  out.claims = r.claims;
  out.tables = r.tables;
  out.figures = r.figures;
  out.notes = r.notes;
}

}  // namespace

double PartContext::remaining_seconds() const {
  if (deadline == Clock::time_point::max()) return std::numeric_limits<double>::infinity();
  return std::max(0.0, std::chrono::duration<double>(deadline - Clock::now()).count());
}

std::vector<Clock::time_point> part_deadlines(const std::vector<double>& shares, double budget_seconds,
                                              Clock::time_point start) {
  double total = 0;
  for (double s : shares) total += std::max(0.0, s);
  std::vector<Clock::time_point> out;
  double cumulative = 0;
  for (double s : shares) {
    cumulative += std::max(0.0, s);
    const double at = total > 0 ? budget_seconds * cumulative / total : budget_seconds;
    out.push_back(start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(at)));
  }
  return out;
}

std::vector<std::string> find_reference_files(const std::filesystem::path& shared_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  // gpt2-reference (ex0..ex3) and gpt2-reference-more (ex4..ex7, one of them a single token): sorted by name.
  for (const char* folder : {"gpt2-reference", "gpt2-reference-more"}) {
    const fs::path dir = shared_dir / "data" / folder;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("ex", 0) == 0 && e.path().extension() == ".json") out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return fs::path(a).filename() < fs::path(b).filename();
  });
  return out;
}

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

PartOutcome corpus_part(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  PartOutcome out;
  out.section = {"corpus", "Counterexample corpus", "", ""};
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) {
    out.section.status = "unavailable";
    out.section.detail = "no counterexample corpus folder (counterexamples/corpus)";
    return out;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Table t{"corpus", "Counterexample corpus", "Files of counterexamples/corpus, copied beside this report.", {}, {}};
  t.columns = {{"file", "", Column::Kind::text}, {"kind", "", Column::Kind::text},
               {"statement", "", Column::Kind::text}, {"variant", "", Column::Kind::text},
               {"ratio", "quantity/bound", Column::Kind::text}};
  // (statement, variant) -> files; rows of the verdict table are matched to these by the builder.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> by_statement;
  std::size_t bad = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const std::exception&) {
      ++bad;
      continue;
    }
    if (!j.is_object()) {
      ++bad;
      continue;
    }
    auto str = [&](const nlohmann::json& o, const char* k) {
      return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
    };
    std::string statement = str(j, "statement"), variant = str(j, "variant");
    if (statement.empty() && j.contains("instance") && j["instance"].is_object()) {
      statement = str(j["instance"], "statement");
      variant = str(j["instance"], "variant");
    }
    const std::string kind = j.contains("kind") ? str(j, "kind") : "instance";
    const std::string rel = "counterexamples/" + f.filename().string();
    out.attachments.push_back({f, rel});
    t.rows.push_back({rel, kind, statement, variant, j.contains("ratio") && j["ratio"].is_string() ? str(j, "ratio") : std::string("")});
    if (kind == "counterexample") by_statement[{statement, variant}].push_back(rel);
  }
  for (const auto& [key, paths] : by_statement) {
    VerdictRow v;
    v.statement = key.first;
    v.variant = key.second;
    v.verdict = "violated";
    v.certified = true;  // corpus counterexamples are certified violations (counterexamples/corpus.hpp contract)
    v.evidence = fmt::format("{} certified counterexample(s) in the corpus", paths.size());
    v.counterexamples = paths;
    out.verdicts.push_back(std::move(v));
  }
  out.section.status = "ran";
  out.section.detail = fmt::format("{} file(s), {} counterexample(s){}", files.size(),
                                   out.verdicts.size(), bad ? fmt::format(", {} unreadable", bad) : "");
  if (!t.rows.empty()) out.tables.push_back(std::move(t));
  return out;
}

namespace {

// The deterministic counts of a re-check (no seconds, no file lists).
nlohmann::json check_counts(const check::RunSummary& s) {
  return {{"checked", s.checked},     {"confirmed", s.confirmed},         {"rejected", s.rejected},
          {"unsupported", s.unsupported}, {"not_certified", s.not_certified}, {"checker", "attnbound check (Arb)"},
          {"unsupported_list", s.unsupported_list}};
}

Section independent_check_report_section(const check::RunSummary& s) {
  const nlohmann::json j = check::independent_check_section(s);
  return {"independent_check", "Independent re-check of every certified verdict (attnbound check: Arb)",
          s.ok() ? "ran" : "failed",
          j.value("summary", std::string()) +
              " (every certified verdict of verify, search, the errata instances, the qk part and the corpus; certified rows of "
              "the GPT-2 reproductions are not re-checked yet)"};
}

Table rejections_table(const check::RunSummary& s) {
  Table t{"independent_check_rejections", "Certified verdicts the independent checker rejected",
          "Each is a certified verdict of this report that Arb could not confirm: treat it as wrong.", {}, {}};
  t.columns = {{"what", "", Column::Kind::text}, {"statement", "", Column::Kind::text},
               {"variant", "", Column::Kind::text}, {"why", "", Column::Kind::text}};
  for (const auto& x : s.rejections)
    t.rows.push_back({x.value("file", std::string()), x.value("statement", std::string()),
                      x.value("variant", std::string()), x.value("why", std::string())});
  return t;
}

// A decimal end shortened to `digits` significant digits for reading (not an enclosure: the exact ends are
// in the counterexample's file): "1.745301375...e-1085736205" -> "1.74530e-1085736205".
std::string shortened(const std::string& text, std::size_t digits) {
  const std::size_t e = text.find_first_of("eE");
  std::string mantissa = text.substr(0, e), exponent = e == std::string::npos ? "" : text.substr(e);
  std::size_t seen = 0, cut = mantissa.size();
  for (std::size_t i = 0; i < mantissa.size(); ++i)
    if (std::isdigit(static_cast<unsigned char>(mantissa[i])) && (seen > 0 || mantissa[i] != '0') && ++seen > digits) {
      cut = i;
      break;
    }
  mantissa.resize(cut);
  if (!mantissa.empty() && mantissa.back() == '.') mantissa.pop_back();
  return mantissa + exponent;
}

// The smallest (shortest instance text) of a reading's counterexample files whose instance the engine
// certifies violated now, with the violated side's enclosures and the proof replay's first false step.
std::optional<CounterexampleFinding> smallest_counterexample(const VerdictRow& v, const BuiltReport& b) {
  std::optional<CounterexampleFinding> best;
  std::size_t best_size = 0;
  for (const auto& rel : v.counterexamples) {
    std::string text;
    for (const auto& [path, content] : b.generated)
      if (path == rel) text = content;
    for (const auto& [src, path] : b.attachments)
      if (path == rel && text.empty()) {
        std::ifstream in(src, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
    try {
      const nlohmann::json j = nlohmann::json::parse(text);
      nlohmann::json inst_json = j.contains("instance") && j["instance"].is_object() ? j["instance"] : j;
      inst_json["statement"] = v.statement;
      inst_json["variant"] = v.variant;
      const std::string compact = inst_json.dump();
      if (best && compact.size() >= best_size) continue;
      const Instance inst = Instance::from_json(inst_json);
      const CertifiedResult res = certify(inst);
      if (!(res.certified && res.verdict == Verdict::violated)) continue;
      CounterexampleFinding f;
      f.file = rel;
      f.instance = compact;
      f.precision_bits = res.precision_bits;
      for (const auto& side : res.sides)
        if (side.verdict == Verdict::violated) {
          f.side = side.name;
          f.quantity = "[" + shortened(side.quantity.lo, 6) + ", " + shortened(side.quantity.hi, 6) + "]";
          f.bound = "[" + shortened(side.bound.lo, 6) + ", " + shortened(side.bound.hi, 6) + "]";
          break;
        }
      try {
        const ProofResult proof = replay_proof(inst);
        if (proof.first_false) f.first_false_step = proof.steps[*proof.first_false].name;
      } catch (const InputError&) {
        // no replayable derivation for this statement: the column stays empty
      }
      best = f;
      best_size = compact.size();
    } catch (const std::exception&) {
      continue;  // an unreadable file or an instance the engine refuses is no finding
    }
  }
  return best;
}

// Every reading's worst quantity/bound on one figure (log scale), 1 marked; certified and not certified
// (Monte Carlo, double precision) ratios are separate series. Readings without a positive finite ratio are
// left out (the caption says which readings the x positions are).
std::optional<Figure> tightness_figure(const std::vector<VerdictRow>& verdicts) {
  Figure f{"tightness", "Tightness of every reading: worst quantity/bound found",
           "", "reading (numbered in the caption)", "worst quantity/bound", false, true, {}};
  Series certified{"certified enclosure (midpoint)", "points", {}, 53, true};
  Series statistical{"not certified (Monte Carlo or double precision)", "points", {}, 53, false};
  std::string names;
  double k = 0;
  for (const auto& v : verdicts) {
    if (!v.worst_ratio) continue;
    const double ratio = v.worst_ratio->approx();
    if (!(ratio > 0) || !std::isfinite(ratio)) continue;
    k += 1;
    (v.worst_ratio->certified ? certified : statistical).points.push_back({k, ratio});
    names += fmt::format("{}{} = {}/{}", names.empty() ? "" : "; ", k, v.statement, v.variant);
  }
  if (k == 0) return std::nullopt;
  f.caption = "Above 1 the reading is violated (certified only in the first series). " + names + ".";
  Series one{"ratio 1 (the bound)", "dashed", {{0.5, 1.0}, {k + 0.5, 1.0}}, 53, false};
  for (auto* series : {&certified, &statistical, &one})
    if (!series->points.empty()) f.series.push_back(*series);
  return f;
}

}  // namespace

PartOutcome errata_part(const PartContext& ctx) {
  // The spec's own instances for erratum E1: a two-way tie, where ||J||_2 = ||J||_F = 1/(2T).
  PartOutcome out;
  out.section = {"errata", "Spec errata instances (E1: two-way tie)", "", ""};
  const std::vector<std::string> temps = {"1", "0.1", "0.01"};
  std::size_t n = 0;
  Table t{"errata_e1", "Erratum E1: Corollary 3 at a two-way tie l = (0, 0)",
          "Certified MPFI evaluation (128 bits) through the statement registry.", {}, {}};
  t.columns = {{"statement", "", Column::Kind::text}, {"variant", "", Column::Kind::text},
               {"T", "", Column::Kind::text}, {"quantity", "", Column::Kind::enclosure, 128, true},
               {"bound", "", Column::Kind::enclosure, 128, true}, {"verdict", "", Column::Kind::text}};
  for (const std::string id : {"cor3.softmax_jacobian", "cor3.softmax_jacobian.corrected"}) {
    const Statement* st = nullptr;
    try {
      st = &find_statement(id);
    } catch (const InputError&) {
      continue;
    }
    for (const auto& var : st->info.variants) {
      std::size_t violated = 0, held = 0, evaluated = 0;
      Number worst;
      double worst_mid = -1;
      for (const auto& T : temps) {
        PrecisionScope scope(128);
        nlohmann::json j = {{"statement", id}, {"variant", var.name}, {"logits", {"0", "0"}}, {"temperature", T}};
        Evaluation<Interval> e;
        try {
          e = st->evaluate_interval(Instance::from_json(j), var.name, EvalOptions{});
        } catch (const InputError&) {
          continue;  // the variant needs other inputs
        }
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
          ctx.recheck(inst, certify(*st, inst, var.name, fixed), "errata " + id + "/" + var.name + " T = " + T);
        }
        const double mid = approx(ratio);
        if (mid > worst_mid)
          worst_mid = mid, worst = Number::enclosure(to_decimal_down(lower_end(ratio)), to_decimal_up(upper_end(ratio)), 128);
        t.rows.push_back({id, var.name, T, std::make_pair(to_decimal_down(lower_end(s.quantity)), to_decimal_up(upper_end(s.quantity))),
                          std::make_pair(to_decimal_down(lower_end(s.bound)), to_decimal_up(upper_end(s.bound))), verdict});
        ++n;
      }
      if (evaluated == 0) continue;
      // Equality at the tie (a tight corrected bound) leaves the enclosures overlapping: "undecided".
      const std::string verdict = violated ? "violated" : held == evaluated ? "holds" : "undecided";
      VerdictRow v{id, var.name, var.claim, var.status, verdict, verdict == "violated" || verdict == "holds",
                   fmt::format("spec E1 tie instance l = (0, 0) at T in {{1, 0.1, 0.01}}: {} violated, {} hold, {} "
                               "undecided (128 bits)", violated, held, evaluated - violated - held),
                   worst, {}, held, {}, std::nullopt};
      out.verdicts.push_back(std::move(v));
    }
  }
  out.section.status = n ? "ran" : "unavailable";
  out.section.detail = n ? fmt::format("{} certified evaluations", n) : "Corollary 3 is not in the registry";
  if (n) out.tables.push_back(std::move(t));
  return out;
}

BuiltReport build_report(const ReportOptions& opt, const std::vector<Part>& extra) {
  BuiltReport b;
  Report& r = b.report;
  r.title = "attnbound report: Limitations of Normalization in Attention Mechanism (arXiv 2508.17821)";
  r.version = opt.version;
  r.config["seed"] = opt.seed;
  r.config["budget_seconds"] = opt.budget_seconds;

  std::vector<Part> parts = extra;
  parts.push_back({"errata", "Spec errata instances", [](const PartContext& ctx) { return errata_part(ctx); }, 0});
  parts.push_back({"corpus", "Counterexample corpus", [&](const PartContext&) { return corpus_part(opt.corpus_dir); }, 0});
  if (opt.prove_max_length >= 2)
    parts.push_back({"prove", "Proved over domains", [&](const PartContext& ctx) { return prove_part(ctx, opt.corpus_dir, opt.prove_max_length); }, 0});
  if (!opt.qk_file.empty())
    parts.push_back({"qk", "Corollary 1 on genuine GPT-2 queries and keys",
                     [&](const PartContext& ctx) { return qk_part(opt.qk_file, ctx); }, 0.05});
  parts.push_back({"reproduce_reference", "Reproduction on GPT-2 reference logits",
                   [&](const PartContext& ctx) {
                     if (ctx.expired() && !opt.reference_files.empty()) {
                       PartOutcome o;
                       o.section = {"reproduce_reference", "Reproduction on GPT-2 reference logits (Cor. 1, Cor. 3, Alg. 5)",
                                    "skipped", "the time budget was spent before this part started (raise --budget)"};
                       return o;
                     }
                     return reference_part(opt.reference_files, opt.reproduce, ctx.progress);
                   },
                   opt.reference_share});
  // Issue 18: every normaliser against the three limitations, at a fixed small work size (L <= 4096, 2 rows
  // per length, the reference rows; well under a second) so the main job stays fast; `attnbound normalisers`
  // runs the full grid (L up to 65536).
  if (opt.alternatives)
    parts.push_back({"alternatives", "Alternatives: every normaliser against the three limitations",
                     [&](const PartContext& ctx) {
                       NormalisersOptions no;
                       no.lengths = {16, 64, 256, 1024, 4096};
                       no.rows = 2;
                       no.seed = opt.seed;
                       no.reference_files = opt.reference_files;
                       PartOutcome o = normalisers_part(no, ctx);
                       o.section.id = "alternatives";
                       o.section.title = "Alternatives: every normaliser against the three limitations";
                       o.notes.push_back("Alternatives: the verdicts per guideline rest on double-precision measurements "
                                         "(not certified) and on the certified statements alt.sparsemax, alt.entmax15, "
                                         "alt.ssmax, alt.sa_softmax (verify, search and the corpus cover them).");
                       return o;
                     },
                     0});
  if (!opt.attention.empty())
    parts.push_back({"reproduce_attention", "Reproduction on captured attention",
                     [&](const PartContext& ctx) {
                       ReproduceOptions ro = opt.reproduce;
                       ro.logit_scale = opt.attention_logit_scale;
                       return attention_part(opt.attention, ro, ctx.progress);
                     },
                     opt.attention_share});

  std::vector<double> shares;
  ojson budget_split = ojson::object();
  for (const auto& p : parts) shares.push_back(p.share);
  double share_total = 0;
  for (double s : shares) share_total += std::max(0.0, s);
  for (const auto& p : parts)
    if (p.share > 0) budget_split[p.id] = p.share / share_total;
  r.config["budget_split"] = budget_split;
  if (!opt.skip.empty()) r.config["skipped_parts"] = opt.skip;
  const auto start = Clock::now();
  const auto deadlines = part_deadlines(shares, opt.budget_seconds, start);
  const auto quiet = [](const std::string&) {};
  // Every certified verdict a part prints is re-checked by check/ (Arb): independent_check_section.
  check::RunSummary rechecked;
  std::size_t certificates = 0;
  const auto recheck = [&](const Instance& inst, const CertifiedResult& res, const std::string& label) {
    try {
      if (!certificate_applies(res)) return;
      // The certificate goes beside the report too, so a reader can re-check it: attnbound check certificates/.
      // certificates/<part>/NNNNN-<statement>.<variant>.json, the part being the label's first word.
      // One certificate serves both (its spectral witness is a high-precision bisection: made once).
      const std::string part = label.substr(0, label.find(' '));
      const nlohmann::json certificate = make_certificate(inst, res);
      b.generated.push_back({fmt::format("certificates/{}/{:05}-{}.{}.json", part, certificates++, res.statement, res.variant),
                             certificate.dump(2) + "\n"});
      check::check_certificate_json(certificate, label, check::CheckOptions{}, rechecked);
    } catch (const std::exception& e) {  // a certificate the checker cannot read is a rejection, never a pass
      ++rechecked.checked;
      ++rechecked.rejected;
      rechecked.rejections.push_back({{"file", label}, {"statement", res.statement}, {"variant", res.variant},
                                      {"why", std::string("unreadable certificate: ") + e.what()}});
    }
  };

  const auto recheck_certificate = [&](const nlohmann::json& certificate, const std::string& label) -> std::string {
    check::RunSummary one;
    try {
      check::check_certificate_json(parse_json_exact(certificate.dump()), label, check::CheckOptions{}, one);
    } catch (const std::exception& e) {  // unreadable: a rejection, never a pass
      ++one.checked;
      ++one.rejected;
      one.rejections.push_back({{"file", label}, {"statement", certificate.value("statement", "")},
                                {"variant", certificate.value("variant", "")},
                                {"why", std::string("unreadable certificate: ") + e.what()}});
    }
    rechecked.merge(one);
    if (one.rejected == 0 && one.confirmed == one.checked) return "";
    return one.rejections.empty() ? std::string("not confirmed") : one.rejections.back().value("why", std::string("rejected"));
  };

  std::vector<ClaimRow> measured;
  std::vector<PartVerdict> verdicts;
  for (std::size_t pi = 0; pi < parts.size(); ++pi) {
    const Part& p = parts[pi];
    if (opt.progress) opt.progress("[" + p.id + "] starting");
    const auto t0 = std::chrono::steady_clock::now();
    PartContext ctx;
    ctx.deadline = opt.budget_seconds > 0 ? deadlines[pi] : Clock::time_point::max();
    ctx.recheck = recheck;
    ctx.recheck_certificate = recheck_certificate;
    ctx.progress = opt.progress ? std::function<void(const std::string&)>(
                                      [&opt, &p](const std::string& s) { opt.progress("[" + p.id + "] " + s); })
                                : std::function<void(const std::string&)>(quiet);
    PartOutcome o;
    try {
      if (std::find(opt.skip.begin(), opt.skip.end(), p.id) != opt.skip.end())
        o.section = {p.id, p.title, "skipped", "skipped on request (--skip " + p.id + ")"};
      else
        o = p.run(ctx);
    } catch (const std::exception& e) {
      o = PartOutcome{};
      o.section = {p.id, p.title, "failed", e.what()};
    }

    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    b.timings.seconds.push_back({p.id, s});
    if (opt.progress) opt.progress(fmt::format("[{}] {}: {}", p.id, o.section.status, o.section.detail));
    r.sections.push_back(o.section);
    if (!o.config.empty()) r.config[p.id] = o.config;
    for (auto& v : o.verdicts) verdicts.push_back({p.id, std::move(v)});
    measured.insert(measured.end(), o.claims.begin(), o.claims.end());
    r.tables.insert(r.tables.end(), o.tables.begin(), o.tables.end());
    r.figures.insert(r.figures.end(), o.figures.begin(), o.figures.end());
    r.notes.insert(r.notes.end(), o.notes.begin(), o.notes.end());
    b.attachments.insert(b.attachments.end(), o.attachments.begin(), o.attachments.end());
    b.generated.insert(b.generated.end(), o.generated.begin(), o.generated.end());
  }
  // The corpus's certified records are re-certified by the engine and re-checked the same way.
  namespace fs = std::filesystem;
  if (!opt.corpus_dir.empty() && std::find(opt.skip.begin(), opt.skip.end(), "corpus") == opt.skip.end()) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(opt.corpus_dir, ec))
      for (const auto& e : fs::directory_iterator(opt.corpus_dir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      check::RunSummary one;
      try {
        one = check::check_paths({f.string()});
      } catch (const InputError&) {
        continue;  // unreadable: the corpus part counts it and prints no verdict from it
      }
      // Files named as the report's corpus copies name them, never by this machine's path.
      for (auto* list : {&one.rejections, &one.unsupported_list})
        for (auto& x : *list) x["file"] = "counterexamples/" + f.filename().string();
      rechecked.merge(one);
    }
  }
  const auto recheck_start = Clock::now();
  r.sections.push_back(independent_check_report_section(rechecked));
  if (!rechecked.rejections.empty()) r.tables.push_back(rejections_table(rechecked));
  r.config["independent_check"] = ojson::parse(check_counts(rechecked).dump());
  b.timings.seconds.push_back({"independent_check_summary",
                               std::chrono::duration<double>(Clock::now() - recheck_start).count()});

  measured.push_back(multihead_coverage_claim());
  r.claims = merge_claims(measured);

  // One row per reading with every part's evidence (merge_verdicts.hpp), then its smallest certified
  // counterexample, re-certified here, and the tightness figure.
  r.verdicts = merge_verdicts(verdicts);
  for (auto& v : r.verdicts)
    if (v.verdict == "violated" && v.certified) v.smallest_counterexample = smallest_counterexample(v, b);
  if (auto f = tightness_figure(r.verdicts)) r.figures.push_back(std::move(*f));

  r.notes.push_back("One verdict per reading, from the evidence of every part (reports/README.md): a certified violation "
                    "anywhere wins; \"holds\" (certified) means every instance that a part certified holds, on the "
                    "instances counted, not for all inputs; Monte Carlo and double precision never make a certified word.");
  return b;
}

}  // namespace attnbound::reports
