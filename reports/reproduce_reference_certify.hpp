// The certified sample of `reproduce --reference`: each check's worst row (from the double pass,
// reproduce_reference_sweep.hpp) and `certify_rows` seeded random rows at the native T, re-evaluated in MPFI
// intervals at `certify_bits` from the exact decimal scores (the analysis scale's exact decimal text).
// Corollary 3's checks go through the statement registry (evaluate_interval of the registered variant, the
// project's own evaluator); the others through evaluate_check<Interval> (theory's formulas). A registry that
// refuses a row is an error naming the check and the row, never a silent switch to another formula.
// Verdict of each row: verify/certify's single-side rule interval_verdict (holds when hi(q) <= lo(b) for
// at most, violated when lo(q) > hi(b); undecided when the enclosures overlap).
#pragma once

#include "reports/report.hpp"
#include "reports/reproduce_reference_sweep.hpp"

#include <string>
#include <vector>

namespace attnbound::reports::reference {

struct CertifiedRow {
  Check check;
  RowKey key;
  std::string q_lo, q_hi, b_lo, b_hi, verdict;  // decimal ends rounded outward; "holds" | "violated" | "undecided"
};

// The sampled keys: each check's worst key first, then certify_rows random native-T rows (rows r >= 1 of
// every head), check k % kChecks for the k-th, drawn with mt19937_64 seeded by splitmix64(seed ^ 0x5eed).
std::vector<std::pair<Check, RowKey>> certified_keys(const std::vector<ReferenceExample>& data, const Grid& grid,
                                                    const Sweep& sweep, const ReproduceOptions& options);

// (quantity, bound) of check c at key k in intervals at the current precision (see above for the evaluator);
// InputError "reference" naming the check and the row when the registry refuses the row.
std::pair<Interval, Interval> certified_pair(Check c, const std::vector<ReferenceExample>& data, const Grid& grid,
                                             const RowKey& k, const ReproduceOptions& options);

// Certifies the sampled keys; adds the counts to sweep.evidence and each check's worst-row enclosure of
// its ratio (when the worst key is certified).
std::vector<CertifiedRow> certify_sample(const std::vector<ReferenceExample>& data, const Grid& grid, Sweep& sweep,
                                         const ReproduceOptions& options);

// Table "certified_sample" ("attention_certified_sample" for captures): one row per certified key.
Table certified_sample_table(const std::vector<ReferenceExample>& data, const Grid& grid,
                             const std::vector<CertifiedRow>& rows, const ReproduceOptions& options);

}  // namespace attnbound::reports::reference
