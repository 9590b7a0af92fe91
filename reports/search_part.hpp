// A budgeted adversarial search as a report part (counterexamples/search.hpp): every statement that has an
// instance space, every variant, strategy "all", a fixed number of evaluations each. A certified violation is
// shrunk (counterexamples/shrink.hpp) and written beside the report as counterexamples/search/<statement>.
// <variant>.json (the corpus entry format of counterexamples/corpus.hpp, without its wall-clock fields);
// otherwise the best certified candidate is the tightness witness of the verdict row.
// Time: the part's deadline is split evenly over the variants still to search (unused time carries over);
// each search stops at its evaluation limit (deterministic) or at its share of the time (reported).
#pragma once

#include "reports/build_report.hpp"

#include <cstdint>
#include <string>

namespace attnbound::reports {

struct SearchPartOptions {
  std::uint64_t seed = 20250823;
  std::uint64_t max_evaluations = 2000;  // per (statement, variant)
  int shrink_attempts = 400;
};

// The evaluation limit of one statement's searches: max_evaluations, a tenth of it for Theorem 2 (Monte Carlo).
std::uint64_t evaluations_for(const std::string& statement, std::uint64_t max_evaluations);

PartOutcome search_part(const SearchPartOptions& options, const PartContext& context);

}  // namespace attnbound::reports
