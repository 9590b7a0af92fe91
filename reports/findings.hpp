// What a reader sees first (issue 15): the findings table and the settings as a table, shared by report.md
// and report.html.
//
// finding_rows: one row per reading that some part evaluated, cells as text: reading, claim, overall verdict
// in words ("violated (certified)", "holds on N instances (certified)", "statistically violated (Monte Carlo,
// not certified)", ...), the smallest certified counterexample inline (instance, and the violated side's two
// enclosures rounded for reading), the worst quantity/bound found (with its precision and whether certified),
// and the proof replay's first false step on that counterexample.
// settings_rows: the report's config flattened to (dotted key, compact value) pairs, in the config's order.
#pragma once

#include "reports/report.hpp"

#include <string>
#include <utility>
#include <vector>

namespace attnbound::reports {

std::string verdict_in_words(const VerdictRow& v);

inline const std::vector<std::string>& finding_headings() {
  static const std::vector<std::string> h{"reading", "claim", "verdict", "smallest certified counterexample",
                                          "worst quantity/bound", "first false proof step"};
  return h;
}
std::vector<std::vector<std::string>> finding_rows(const Report& r);

std::vector<std::pair<std::string, std::string>> settings_rows(const ojson& config);

}  // namespace attnbound::reports
