// The adversarial search: maximise ratio = quantity/bound (bound/quantity for at_least sides) over a
// statement's instance space (instance_space.hpp) with several strategies, climbing in double and
// counting a candidate only after certify_candidate() (certify.hpp) has evaluated it in intervals.
//
// Strategies: "random" (independent samples), "hill" (a (1+1) evolution strategy with the 1/5 success
// rule, from the best of 10 samples), "nelder-mead" (on the continuous coordinates, parameterization.hpp),
// "gradient" (ascent on log ratio with backtracking, through the space's analytic gradient when it has one,
// else central differences), and "all" (the four in turn, restart after restart).
// Determinism: every choice comes from one std::mt19937_64 seeded by `seed`, so the sequence of candidates
// depends only on the seed and on how many evaluations are allowed; only `budget_seconds`, when it binds
// before `max_evaluations`, makes the result depend on the machine (SearchResult::stopped_by says which).
#pragma once

#include "counterexamples/certify.hpp"
#include "counterexamples/instance_space.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace attnbound::search {

struct SearchConfig {
  std::string statement;
  std::string variant;  // resolved (non-empty)
  std::string side;     // "" = the largest ratio over all sides
  std::string strategy = "all";
  std::uint64_t seed = 1;
  double budget_seconds = 30;
  std::uint64_t max_evaluations = 20000;
  SpaceLimits limits{64, 8};
  unsigned precision_bits = kCertifyBits;
  bool stop_on_violation = true;
};

struct Found {
  nlohmann::json instance;
  double ratio = 0;  // double evaluation (what the optimiser saw)
  std::string strategy;
  std::uint64_t evaluation = 0;  // the evaluation count at which it was found
  Certificate certificate;
};

struct SearchResult {
  std::optional<Found> best;       // the certified candidate of largest ratio (a violation if one was found)
  std::optional<Found> violation;  // the first certified violation
  // Monte Carlo statements (never certified): the first candidate whose confidence interval lies beyond
  // the bound. The search does not stop on it; confirm it on fresh samples (confirm_statistical) before
  // reporting it, since it was selected among many.
  std::optional<Found> statistical_violation;
  std::uint64_t evaluations = 0;
  std::uint64_t certifications = 0;
  double seconds = 0;              // wall-clock time (a documented timing field)
  std::string stopped_by;          // "evaluations" | "seconds" | "violation"
  bool analytic_gradient = false;
};

struct ProgressInfo {
  std::uint64_t evaluations, max_evaluations;
  double seconds, budget_seconds;
  double best_ratio;
  std::string best_strategy;
};
using ProgressFn = std::function<void(const ProgressInfo&)>;

const std::vector<std::string>& strategy_names();  // random, hill, nelder-mead, gradient, all

// Throws InputError for an unknown statement, variant, side or strategy, or a statement with no space.
SearchResult run_search(const SearchConfig& config, const ProgressFn& progress = {});

}  // namespace attnbound::search
