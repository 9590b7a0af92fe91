// The certified sample of `reproduce --reference`: each check's worst row (from the double pass,
// reproduce_reference_sweep.hpp) and `certify_rows` seeded random rows at the native T, each a registry
// statement's verdict: verify/certify.hpp `certify` at `certify_bits` (fixed, no escalation) of the exact
// decimal scores (the analysis scale's exact decimal text), its certificate handed to options.recheck
// (reports/reproduce_recheck.hpp: a rejection makes the row undecided and is listed). The registry instances:
//   kCor1Upper/Lower   cor1.softmax_weights max_key with q = (1) and k_j = (l_j): then q.k_j = l_j and
//                      Delta = ||q|| max_j ||k_j|| = max_j |l_j| = a, so its sides "upper" / "lower" are exactly
//                      the logits-only form (alpha_i against (1/n) e^{+-2a/T}; same ratio as the log form).
//   kCor3*             cor3.softmax_jacobian spectral, cor3.softmax_jacobian.corrected spectral / max_weight.
//   kAlg5Paper         alg5.fd_gradient cor3_bound, direction = v's entries as 17-significant-digit decimals
//                      (the certified instance is that decimal vector; the statement normalises it).
//   kAlg5Corrected     g <= min{1/(2T), sqrt(2)/eps} holds iff both alg5.fd_gradient lipschitz (g <= 1/(2T))
//                      and simplex_diameter (g <= sqrt(2)/eps) hold, and is violated iff one is: two registry
//                      verdicts, each certified and re-checked; the bound printed is the minimum of the two
//                      enclosures (min is monotone, so the ends' minima enclose it).
// A registry that refuses a row is an error naming the check and the row, never a switch to another formula.
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
  std::string ratio_lo, ratio_hi;  // enclosure of the tightness ratio (q/b at most, b/q at least)
  bool not_confirmed = false;      // the re-check did not confirm one of its certificates (reproduce_recheck.hpp)
};

// The sampled keys: each check's worst key first, then certify_rows random native-T rows (rows r >= 1 of
// every head), check k % kChecks for the k-th, drawn with mt19937_64 seeded by splitmix64(seed ^ 0x5eed).
std::vector<std::pair<Check, RowKey>> certified_keys(const std::vector<ReferenceExample>& data, const Grid& grid,
                                                    const Sweep& sweep, const ReproduceOptions& options);

// One certified row: check c at key k through the registry (see above), re-checked by options.recheck when
// set (counted in `counts`). InputError "reference" naming the check and the row when the registry refuses it.
CertifiedRow certify_row(Check c, const std::vector<ReferenceExample>& data, const Grid& grid, const RowKey& k,
                         const ReproduceOptions& options, RecheckCounts& counts);

// Certifies the sampled keys; adds the counts (and the re-check's, Evidence::recheck) to sweep.evidence and
// each check's worst-row enclosure of its ratio (when the worst key is certified).
std::vector<CertifiedRow> certify_sample(const std::vector<ReferenceExample>& data, const Grid& grid, Sweep& sweep,
                                         const ReproduceOptions& options);

// Table "certified_sample" ("attention_certified_sample" for captures): one row per certified key.
Table certified_sample_table(const std::vector<ReferenceExample>& data, const Grid& grid,
                             const std::vector<CertifiedRow>& rows, const ReproduceOptions& options);

}  // namespace attnbound::reports::reference
