// The claims of the paper a report must answer: every statement of the spec's table and every headline number
// of its section 4, with the paper's value as text. Each has a stable id; analyses fill in measurements by id,
// and what no analysis measured is listed as "not measured" with what it needs.
#pragma once

#include "reports/report.hpp"

#include <string>
#include <vector>

namespace attnbound::reports {

struct PaperClaim {
  std::string id;
  std::string claim;
  std::string paper_value;
  std::string needs;  // how to measure it when this run did not
};

const std::vector<PaperClaim>& paper_claims();

// The multi-head coverage arithmetic of the discussion (1 - (1-p)^H with p = 0.8: 0.992 at H = 3, 0.96 at H = 2),
// checked in interval arithmetic: a certified measurement.
ClaimRow multihead_coverage_claim();

// Canonical order of paper_claims(); every measured row of a claim id (in the order given: several parts may
// measure one claim) takes the placeholder's place and receives its claim text and paper value; measured rows
// with unknown ids are appended.
std::vector<ClaimRow> merge_claims(const std::vector<ClaimRow>& measured);

}  // namespace attnbound::reports
