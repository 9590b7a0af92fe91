// The soundness campaign: generate instances (generator.hpp), check each (check.hpp), tally.
//
// Domain: a seed and a range [first, first + count) of instance indices; instance i of seed s is the same
// whatever the range, so a campaign can be split over processes and any instance replayed alone.
// Guarantee: every instance is counted exactly once as rejected, engine_error or checked; among the checked,
// every side either has an available reference or is counted as unavailable. Failing instances (any class
// of check.hpp) are written, when a directory is given, as <class>.<statement>.<variant>.s<seed>.i<index>.json
// (the instance alone: `attnbound eval --instance FILE` replays it) with the check beside it (.check.json).
#pragma once

#include "soundness/check.hpp"
#include "soundness/generator.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

namespace attnbound::soundness {

struct CampaignOptions {
  std::uint64_t seed = 20251206;
  std::uint64_t first = 0;
  std::uint64_t count = 1000;
  std::string failures_dir;    // empty: write nothing
  std::size_t examples_per_class = 5;
  // Non-empty: check only the instances of this family / statement id (the others are generated and skipped,
  // not counted), to aim a run at one boundary.
  std::string only_family, only_statement;
  CheckOptions check;
};

struct Tally {
  std::uint64_t instances = 0, checked = 0, rejected = 0, engine_errors = 0;
  std::uint64_t instances_fully_referenced = 0;  // checked, every side's reference available
  std::uint64_t sides = 0, sides_unavailable = 0;
  std::uint64_t wrong_enclosures = 0;            // instances with a side whose enclosure misses the reference
  std::uint64_t wrong_certified_verdicts = 0;
  std::uint64_t certified_beside_other = 0;
  std::uint64_t bad_tight = 0;
  std::uint64_t wrong_uncertified_verdicts = 0;  // informational
  std::uint64_t verdicts_inconclusive = 0;       // informational
  std::uint64_t index_differs = 0;               // informational: sides compared by verdict only
  double seconds = 0;                            // engine + reference time of these instances
  void add(const InstanceCheck& c);
  void merge(const Tally& other);
  nlohmann::json to_json() const;
};

struct CampaignSummary {
  std::uint64_t seed = 0, first = 0, count = 0;
  std::vector<unsigned> precisions;
  Tally total;
  std::map<std::string, Tally> by_statement;  // "statement/variant"
  std::map<std::string, Tally> by_family;
  std::map<std::string, std::vector<nlohmann::json>> examples;  // class -> first failing instances
  std::vector<nlohmann::json> slowest;  // the 10 slowest instances: seconds, index, statement, family
  double seconds = 0;
  nlohmann::json to_json() const;
};

// The failure classes of an instance check ("wrong_enclosure", "wrong_certified_verdict",
// "certified_beside_other", "bad_tight", plus informational "wrong_uncertified_verdict").
std::vector<std::string> failure_classes(const InstanceCheck& c);

CampaignSummary run_campaign(const CampaignOptions& options, std::ostream* progress = nullptr);

}  // namespace attnbound::soundness
