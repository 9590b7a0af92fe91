// One verdict row per reading (statement, variant), with every part's evidence inside it (issue 15).
//
// Contract: merge_verdicts takes the rows the parts returned (each with the id of its part) and returns
// exactly one row per (statement, variant): the registry's readings first, in registry order ("not evaluated"
// when no part evaluated one), then readings outside the registry in order of first appearance. Each merged
// row keeps every part's row in evidence_list, the union of their counterexample files, the sum of their
// certified holds, the largest worst ratio (a certified one preferred among equals), and the overall verdict
// of overall_verdict:
//   1. a certified violation in any part                      -> "violated", certified
//   2. else a Monte Carlo violation                            -> "statistically violated"
//   3. else an uncertified violation (double precision)        -> "violated in double precision (not certified)"
//   4. else instances certified to hold in some part           -> "holds", certified (on certified_holds instances;
//                                                                 undecided or tight instances stay in the evidence)
//   5. else "statistically holds", else "tight", else "undecided", else "not refuted", else "not evaluated".
// Monte Carlo and double-precision evidence never make a certified word, and "holds" is never the overall word
// of a reading with a violation of any kind in its evidence.
#pragma once

#include "reports/report.hpp"

#include <string>
#include <utility>
#include <vector>

namespace attnbound::reports {

struct PartVerdict {
  std::string part;
  VerdictRow row;
};

// (word, certified) for a reading's evidence by the rule above.
std::pair<std::string, bool> overall_verdict(const std::vector<PartEvidence>& evidence);

std::vector<VerdictRow> merge_verdicts(const std::vector<PartVerdict>& rows);

}  // namespace attnbound::reports
