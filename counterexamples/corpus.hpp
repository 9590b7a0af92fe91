// The corpus: counterexamples/corpus/<statement>.<variant>.<n>.json, one certified finding per file.
//
// {"kind": "counterexample" | "statistical_counterexample" | "witness",
//  "statement", "variant", "side",
//  "instance": {...},                         the instance, exact decimal strings (replay with attnbound eval)
//  "ratio": "decimal",                        the midpoint of the certified ratio enclosure, rounded to double
//                                             (quantity/bound; bound/quantity for at_least sides)
//  "double_ratio": "decimal",                 the same ratio from the double evaluation (what the search climbed)
//  "certificate": {...},                      to_json(Certificate): enclosures of quantity, bound and ratio
//                                             ("certified": false for Monte Carlo statements, with the seed,
//                                             sample count and confidence of the estimate)
//  "confirmation": {...},                     statistical_counterexample only: the same instance re-estimated
//                                             on fresh samples (kConfirmationSeed), never used in the search
//  "search": {"seed", "strategy", "found_by", "found_at_evaluation", "evaluations", "max_evaluations",
//             "budget_seconds", "stopped_by", "gradient": "analytic" | "central differences"},
//  "shrink": {"steps", "attempts", "from": {"length", "dim"}} (counterexamples only),
//  "size": {"length", "dim"},
//  "timing": {"search_seconds", "shrink_seconds"}}   wall-clock, the only machine-dependent fields
// A counterexample must stay a certified violation; a statistical_counterexample must stay a statistical
// violation under both its recorded seeds; a witness must keep its ratio enclosure (for a Monte Carlo
// statement: the same confidence interval, recomputed from its recorded seed).
// Kinds: a certified violation is a "counterexample"; a Monte Carlo statement is never certified, so its
// violation is a "statistical_counterexample" only when the shrunk instance is also a statistical
// violation on fresh samples (else the best candidate is kept as a witness, ranked by its estimate).
#pragma once

#include "counterexamples/search.hpp"
#include "counterexamples/shrink.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace attnbound::search {

// The corpus entry of a search: a counterexample (the shrunk violation, when `shrunk` is given) or a
// witness (the best certified candidate). `found` is the candidate as the search found it.
nlohmann::json make_corpus_entry(const SearchConfig& config, const SearchResult& result, const Found& found,
                                 const InstanceSpace& space, const std::optional<ShrinkResult>& shrunk,
                                 double shrink_seconds, const std::optional<Certificate>& confirmation = std::nullopt);

struct SearchRecord {
  nlohmann::json entry;  // the corpus entry (make_corpus_entry)
  std::string result;    // "certified violation" | "statistical violation (...)" | "no violation: tightness witness"
};
// What a finished search records: a certified violation, shrunk; else, for a Monte Carlo statement, a
// statistical violation, shrunk and confirmed on fresh samples; else the best candidate as a witness.
// `result.best` must be set.
SearchRecord record_search(const SearchConfig& config, const SearchResult& result);

// Writes `entry` as <dir>/<statement>.<variant>.<n>.json with the smallest free n, unless an entry of the
// same kind with the same instance is already there (then that path is returned and nothing is written).
std::filesystem::path write_corpus_entry(const std::filesystem::path& dir, const nlohmann::json& entry);

// Every *.json entry of the corpus folder, sorted by file name, with its path.
std::vector<std::pair<std::filesystem::path, nlohmann::json>> load_corpus(const std::filesystem::path& dir);

struct ReplayOutcome {
  bool ok = false;
  std::string message;  // why not, or what was checked
};
// Re-certifies the entry at its recorded precision: a counterexample must be a certified violation; a
// witness's recomputed ratio enclosure must contain the recorded ratio's enclosure midpoint and overlap
// the recorded enclosure (the same number, recomputed).
ReplayOutcome replay_corpus_entry(const nlohmann::json& entry);

// Per statement and variant: the best ratio found in the corpus, the kind, the instance size, the strategy
// and the time. JSON: {"entries": [...]} ; text: one aligned line per statement and variant.
nlohmann::json tightness_summary(const std::filesystem::path& dir);
std::string tightness_summary_text(const nlohmann::json& summary);

}  // namespace attnbound::search
