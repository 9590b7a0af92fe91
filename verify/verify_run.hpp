// The engine of `attnbound verify`: every statement and variant of the registry over the seeded instance
// family (verify/instance_family.hpp) and the counterexample corpus, each instance judged by certify().
//
// Contract: the deterministic part of the report (counts, worst ratios, counterexamples) is a function of
// (seed, statements, instances per statement, precision range, corpus files) alone, provided the time
// budget is not exhausted; when it is, the remaining instances are counted as "budget_skipped" and the
// report says complete = false. Timings are kept apart (VerifyRow::seconds, the "timings" JSON field) and
// are not deterministic.
// Under mpirun (scaleout/process_group.hpp) the units (statement, variant, instance), in their fixed order, are
// dealt round-robin to the K processes; each judges its own and rank 0 tallies every outcome in unit order, so
// the rows (and verify --json) are the same for every K as long as the budget does not bind. Ranks other than 0
// return a report without rows. on_certified runs on the process that judged the instance.
#pragma once

#include "verify/certify.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace attnbound {

struct VerifyOptions {
  // verify runs hundreds of instances: smaller enumeration / Monte Carlo sizes than eval's EvalOptions
  // defaults (1e6 subsets, 20000 draws), and an escalation cap of 1024 bits.
  VerifyOptions() {
    certify.max_bits = 1024;
    certify.eval.max_enumeration = 5000;
    certify.eval.monte_carlo_samples = 2000;
  }
  std::uint64_t seed = 20250823;
  std::vector<std::string> statements;  // empty: all of the registry
  std::size_t instances = 24;           // family instances per statement (each run under every variant)
  double budget_seconds = 270;          // wall-clock budget for the whole run
  CertifyOptions certify;               // precision range and evaluation options
  std::string corpus_dir;               // "" or a folder of *.json counterexample instances
  // Called after every instance: (instances done, instances in all, "statement/variant").
  std::function<void(std::size_t, std::size_t, const std::string&)> progress;
  // Called with every certified result (holds or violated, "certified": true) and the instance it is about,
  // e.g. for the independent re-check (check/); label = "verify <statement>/<variant> <family label>".
  // It must not throw (an exception would be counted as that instance's error).
  std::function<void(const Instance&, const CertifiedResult&, const std::string& label)> on_certified;
};

struct VerifyRow {
  std::string statement, variant, status;
  std::size_t instances = 0;  // judged instances (hypothesis-rejected and budget-skipped ones excluded)
  std::size_t holds = 0, violated = 0, undecided = 0, tight = 0;  // certified holds / violated only
  std::size_t statistically_holds = 0, statistically_violated = 0;  // Monte Carlo: never counted as holds/violated
  std::size_t uncertified = 0;       // verdicts with certified = false (Monte Carlo, tight, undecided)
  std::size_t hypothesis_skipped = 0;  // HypothesisError from a generated instance
  std::size_t input_errors = 0;        // other InputError (a field the family cannot fill)
  std::size_t internal_errors = 0;     // any other exception (reported, never fatal)
  std::size_t budget_skipped = 0;
  std::string first_error;
  std::optional<double> worst_ratio;  // max over instances and sides of CertifiedSide::ratio
  std::string worst_label;
  std::optional<nlohmann::json> counterexample;  // the first certified violation: instance and result
  double seconds = 0;  // not deterministic
};

struct VerifyReport {
  nlohmann::json configuration;
  std::vector<VerifyRow> rows;
  std::vector<std::string> corpus_errors;
  bool complete = true;
  double seconds = 0;  // not deterministic
};

VerifyReport run_verify(const VerifyOptions& options);

// {"configuration", "complete", "rows": [...], "corpus_errors"} (deterministic) and "timings"
// (seconds per row and in all: NOT deterministic).
nlohmann::json to_json(const VerifyReport& report);
// The human-readable table.
std::string format_table(const VerifyReport& report);

}  // namespace attnbound
