// attnbound search: adversarial counterexample search and tightness measurement (counterexamples/README.md).
//   attnbound search --statement ID [--variant V] [--budget SECONDS] [--max-evals N] [--seed N] [--strategy S]
//   attnbound search --all [...]        every statement with an instance space, every variant
//   attnbound search --summary [--corpus DIR] [--summary-json FILE]
// Prints one JSON object on standard output; a progress bar with the best ratio on standard error.
#include "app/commands.hpp"
#include "scaleout/process_group.hpp"
#include "counterexamples/corpus.hpp"
#include "counterexamples/search.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

namespace attnbound::cli {
namespace {

struct SearchOptions {
  std::string statement, variant, side, strategy = "all", corpus = "counterexamples/corpus", summary_json;
  double budget = 30;
  std::uint64_t max_evals = 20000, seed = 1;
  std::int64_t max_length = 64, max_dim = 8;
  unsigned precision = search::kCertifyBits;
  bool all = false, summary = false, no_write = false, quiet = false;
};

void print_progress(const search::ProgressInfo& p, const std::string& label) {
  const double frac = std::min(1.0, std::max(static_cast<double>(p.evaluations) / static_cast<double>(p.max_evaluations),
                                             p.seconds / p.budget_seconds));
  const int width = 30, filled = static_cast<int>(frac * width);
  const std::string bar = std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '.');
  fmt::print(stderr, "\r{} [{}] {:3.0f}% evals {}/{} {:.1f}s best ratio {:.12g}{}   ", label, bar, 100 * frac,
             p.evaluations, p.max_evaluations, p.seconds, p.best_ratio,
             p.best_strategy.empty() ? "" : " (" + p.best_strategy + ")");
  if (!::isatty(2)) fmt::print(stderr, "\n");
  std::fflush(stderr);
}

nlohmann::json search_one(const SearchOptions& o, const std::string& id, const std::string& variant) {
  search::SearchConfig cfg;
  cfg.statement = id;
  cfg.variant = variant;
  cfg.side = o.side;
  cfg.strategy = o.strategy;
  cfg.seed = o.seed;
  cfg.budget_seconds = o.budget;
  cfg.max_evaluations = o.max_evals;
  cfg.limits = {o.max_length, o.max_dim};
  cfg.precision_bits = o.precision;
  const std::string label = id + "/" + variant;
  search::ProgressFn progress;
  if (!o.quiet) progress = [&label](const search::ProgressInfo& p) { print_progress(p, label); };
  const search::SearchResult r = search::run_search(cfg, progress);
  if (!o.quiet) fmt::print(stderr, "\n");

  nlohmann::json out{{"statement", id}, {"variant", variant}, {"strategy", o.strategy}, {"seed", o.seed},
                     {"evaluations", r.evaluations}, {"certifications", r.certifications},
                     {"stopped_by", r.stopped_by}, {"seconds", r.seconds}};
  if (!r.best) {
    out["result"] = "no valid instance found";
    return out;
  }
  const search::SearchRecord rec = search::record_search(cfg, r);
  out["result"] = rec.result;
  out["entry"] = rec.entry;
  if (!o.no_write) out["file"] = search::write_corpus_entry(o.corpus, rec.entry).string();
  return out;
}

}  // namespace

Command register_search(CLI::App& app) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* sub = app.add_subcommand("search", "Adversarial counterexample search: maximise quantity/bound, "
                                               "certify, shrink, and record in the corpus");
  sub->add_option("--statement", o->statement, "Statement id");
  sub->add_option("--variant", o->variant, "Variant (default: the statement's default)");
  sub->add_option("--side", o->side, "Side to maximise (default: the largest ratio over all sides)");
  sub->add_option("--strategy", o->strategy, "random | hill | nelder-mead | gradient | all (default all)");
  sub->add_option("--budget", o->budget, "Wall-clock budget in seconds per search (default 30)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--max-evals", o->max_evals, "Evaluation budget per search (default 20000); the result is "
                                               "deterministic for a seed when this binds first");
  sub->add_option("--seed", o->seed, "Seed (default 1)");
  sub->add_option("--max-length", o->max_length, "Largest L sampled (default 64)")->check(CLI::Range(1, 4096));
  sub->add_option("--max-dim", o->max_dim, "Largest d sampled (default 8)")->check(CLI::Range(1, 1024));
  sub->add_option("--precision", o->precision, "Certification precision in bits (default 256)")
      ->check(CLI::Range(53u, 1u << 16));
  sub->add_option("--corpus", o->corpus, "Corpus folder (default counterexamples/corpus)");
  sub->add_flag("--no-write", o->no_write, "Do not write to the corpus");
  sub->add_flag("--all", o->all, "Search every statement that has an instance space, every variant");
  sub->add_flag("--summary", o->summary, "Print the tightness summary of the corpus and exit");
  sub->add_option("--summary-json", o->summary_json, "With --summary: also write the summary JSON to this file");
  sub->add_flag("--quiet", o->quiet, "No progress bar");
  return {sub, [o] {
            if (o->summary) {
              const nlohmann::json s = search::tightness_summary(o->corpus);
              std::cout << search::tightness_summary_text(s);
              if (!o->summary_json.empty()) {
                std::ofstream f(o->summary_json);
                f << s.dump(2) << "\n";
                if (!f) throw InputError("summary-json", "cannot write " + o->summary_json);
              }
              return kExitOk;
            }
            if (o->all) {
              // Pieces (statement, variant) in a fixed order, each searched with the given seed on its own, so a
              // piece's result does not depend on the others. Under mpirun piece i runs on rank i mod K; rank 0
              // gathers the results in piece order and alone writes the corpus (scaleout/process_group.hpp).
              const scaleout::ProcessGroup& group = scaleout::ProcessGroup::world();
              std::vector<std::pair<std::string, std::string>> pieces;
              for (const auto& id : search::covered_statements())
                for (const auto& v : find_statement(id).info.variants) pieces.emplace_back(id, v.name);
              SearchOptions local = *o;
              local.no_write = true;
              local.quiet = o->quiet || group.size() > 1;
              nlohmann::json mine = nlohmann::json::array();
              for (std::size_t i = static_cast<std::size_t>(group.rank()); i < pieces.size(); i += static_cast<std::size_t>(group.size()))
                mine.push_back(search_one(local, pieces[i].first, pieces[i].second));
              const std::vector<std::string> gathered = group.gather_to_root(mine.dump());
              if (!group.is_root()) return kExitOk;
              std::vector<nlohmann::json> per_rank;
              for (const auto& text : gathered) per_rank.push_back(nlohmann::json::parse(text));
              nlohmann::json results = nlohmann::json::array();
              for (std::size_t i = 0; i < pieces.size(); ++i) {
                nlohmann::json r = per_rank.at(i % per_rank.size()).at(i / per_rank.size());
                if (!o->no_write && r.contains("entry")) r["file"] = search::write_corpus_entry(o->corpus, r["entry"]).string();
                results.push_back(std::move(r));
              }
              nlohmann::json uncovered = search::uncovered_statements();
              std::cout << nlohmann::json{{"results", results}, {"uncovered_statements", uncovered}}.dump(2)
                        << std::endl;
              return kExitOk;
            }
            if (o->statement.empty()) throw InputError("statement", "--statement ID is required (or --all, --summary)");
            const Statement& st = find_statement(o->statement);
            const std::string variant = st.resolve_variant(o->variant);
            std::cout << search_one(*o, st.info.id, variant).dump(2) << std::endl;
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
