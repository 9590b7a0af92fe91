// `attnbound reproduce --reference`: every analysis of the paper that needs only attention logits, on the
// genuine GPT-2 124M exports (all 144 heads, every causal row t, logits l = the row's t + 1 visible scores):
//   * Corollary 1 / Lemma 1 in logits-only form: with a = max_i |l_i| (<= ||q|| max_j ||k_j|| = Delta, so the
//     bound with a is valid and tighter), (1/n) e^{-2a/T} <= alpha_i <= (1/n) e^{2a/T}, n = t + 1.
//   * Corollary 3: ||J||_2 of the softmax Jacobian J = (diag alpha - alpha alpha^T)/T against the paper's
//     min{1/(4T), sqrt 2}, the corrected 1/(2T), and max_i alpha_i / T (spec erratum E1).
//   * Algorithm 5: g(T, eps) = ||softmax((l + eps v)/T) - softmax(l/T)||_2 / eps, v a seeded random unit vector
//     per (head, row, T, eps); the token average per head, then the maximum over heads (Figure 4).
//   * Theorem 1 (thm1.fixed, tight), only on data with value vectors (captures with hook_v): per head,
//     `theorem1_rows` evenly spaced rows with n > N, through the statement registry in double; the worst row
//     certified in MPFI intervals. The reference exports have no values, so it does not run on them.
// Two data sources (ReferenceExample::source): the GPT-2 reference exports (reports/reference_data.hpp) and
// captured attention of any model (reports/attention_data.hpp, `reproduce --attention`); the same checks
// and outputs, table and figure ids prefixed "attention_" for captures so both fit in one report.
// Open choices made explicit: the logit scale ("raw": l = q.k with native T = sqrt(d_head) = 8 for GPT-2, the
// spec's convention; "scaled": l = q.k / sqrt(d_head) with native T = 1; rows are converted exactly, in
// decimal, from the scale the data holds), the T grid, the eps values, the seed. Every check runs in double
// over every row and temperature; a seeded sample of rows (always including each check's worst row) is
// certified with MPFI intervals, through the statement registry (theory/) where the statement exists.
#pragma once

#include "reports/reference_data.hpp"
#include "reports/reproduce_recheck.hpp"
#include "reports/report.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace attnbound::reports {

struct ReproduceOptions {
  std::string logit_scale = "raw";         // "raw" | "scaled"
  std::vector<std::string> temperatures;   // decimal text; empty = default_temperatures()
  std::vector<std::string> epsilons = {"0.001", "0.1", "10"};
  std::uint64_t seed = 20250823;
  std::size_t certify_rows = 24;           // random rows certified at the native T (plus each check's worst row)
  unsigned certify_bits = 128;
  std::size_t theorem1_rows = 32;          // Theorem 1 (data with values): evenly spaced rows per head
  int theorem1_top_n = 5;                  // ... its N (Algorithm 1's)
  // The independent re-check of every certified row (reports/reproduce_recheck.hpp); empty: not re-checked
  // (the rows keep the engine's word and their evidence says so). build_report sets it (the Arb checker).
  RecheckHook recheck;
};

// 1-2-5 grid from 0.001 to 100, plus the native temperature: `raw_native` (sqrt(d_head), "8" for GPT-2) on
// the raw scale, 1 on the scaled one.
std::vector<std::string> default_temperatures(const std::string& logit_scale, const std::string& raw_native = "8");

// The verdict evidence for one statement reading, gathered over the reference rows.
struct Evidence {
  std::string statement, variant, claim, tag;
  std::size_t evaluations = 0, violations = 0;  // double precision, every (row, T) [, eps]
  double worst_ratio = 0;                       // max quantity/bound (<= 1 when the bound holds)
  std::string worst_where;
  std::size_t certified = 0, certified_holds = 0, certified_violated = 0, certified_undecided = 0;
  bool worst_certified = false;                 // the worst row is among the certified ones
  std::string worst_lo, worst_hi;               // certified enclosure of the worst row's ratio
  RecheckCounts recheck;                        // the re-check of the certified rows (options.recheck)
};

struct ReferenceResult {
  std::vector<Evidence> evidence;
  std::vector<Table> tables;
  std::vector<Figure> figures;
  std::vector<ClaimRow> claims;
  std::vector<std::string> notes;
  ojson config = ojson::object();
  std::string summary;
};

ReferenceResult reproduce_reference(const std::vector<ReferenceExample>& data, const ReproduceOptions& options);

}  // namespace attnbound::reports
