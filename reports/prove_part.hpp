// "Proved over domains" (issue 14 item 4): `attnbound prove` on the Corollary 3 targets, as a report part.
//
// Targets (fixed, so the part is deterministic): the paper's Corollary 3 in every norm at L = 2 (refuted), and
// the corrected Corollary 3 in every norm for L = 2..max_length over scaled logits z in [-40, 0] after the shift,
// with target ratio 1.000001 (the bound is attained at a two-way tie, so no enclosure closes a target of
// exactly 1; prove/branch_and_bound.hpp). No box cap and no time limit bind on these targets (the largest,
// L = 6, takes well under a second), so every number in report.json is reproducible; seconds go to timings.
// Each run's certificate is written beside the report (certificates/prove/<statement>.<variant>.L<n>.json) and
// re-checked by the Arb checker (check/check_prove.hpp); the outcome is a column of the table and counts in
// the independent re-check (PartContext::recheck_certificate).
// Output: a table (one row per target: status, certified sup ratio [lo, hi], boxes, checker), evidence rows per
// reading (paper: "violated", certified, from the shrunk counterexample; corrected: "not refuted", with the
// certified enclosure of the sup over the domain as the reading's ratio, so the findings show the tightness
// [lo, hi]), and the figure "tightness_intervals": per corrected reading, the search's best certified ratio
// (from the corpus's tightness summary) and prove's proven sup upper end, with 1 marked.
#pragma once

#include "reports/build_report.hpp"

#include <filesystem>

namespace attnbound::reports {

inline constexpr const char* kProveTargetRatio = "1.000001";

PartOutcome prove_part(const PartContext& context, const std::filesystem::path& corpus_dir, int max_length = 6);

}  // namespace attnbound::reports
