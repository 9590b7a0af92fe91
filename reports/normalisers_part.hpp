// The paper's three limitations measured for every normaliser on the same logits (issue 18 item 2; spec
// section 5): softmax over a temperature grid, sparsemax, entmax-1.5, SSMax over a grid of s, SA-Softmax and
// its normalised variant, on synthetic logit rows (i.i.d. N(0, sigma^2), seeded, L from 16 to 65536) and on
// the genuine GPT-2 reference rows (the last query row of every head of every ex*.json, logits = raw/8).
//
// Contract: every number is computed in double with the theory/ normalisers (theory/*.hpp, instantiated for
// double): floating-point measurements, never certified (Column/Series certified = false, 53 bits). Per row:
//   max weight  L * max_i w_i (vanishing: softmax's Lemma 1 gives L max alpha <= C2 bounded, i.e. max alpha
//               ~ 1/L; a normaliser that does not vanish has L max w growing like L); for SA-Softmax w = |f|
//               (not a probability: its "mass" is sum of |f_i|, reported as such);
//   top mass    the sum of the top_n largest w_i (the active set's share);
//   support     the fraction of w_i that are nonzero in double (softmax's zeros are underflow, not sparsity);
//   ||J||_2     softmax / SSMax: the secular equation (theory/jacobian_norms.hpp); sparsemax: 1 when the
//               support has >= 2 elements, else 0 (proven, theory/alt_sparsemax.hpp); entmax-1.5: S
//               lambda_max(diag q - q q^T), q = sqrt(p)/S (theory/alt_entmax15.hpp); SA-Softmax: power
//               iteration on J^T J with the O(L) products J v = p v + z (p v - p (p.v)) (a lower estimate, 200
//               steps); SA-Softmax normalised: not computed (NaN, shown as "n/a").
// The slope is the least-squares slope of log(max_i w_i) against log L over the synthetic lengths (-1 for
// a weight that vanishes like 1/L, 0 for one that does not).
// Reference: spec section 5; theory/alt_*.hpp for the certified statements behind each normaliser.
#pragma once

#include "reports/build_report.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace attnbound::reports {

struct NormalisersOptions {
  std::vector<std::size_t> lengths{16, 64, 256, 1024, 4096, 16384, 65536};
  std::size_t rows = 4;  // synthetic rows per length
  std::uint64_t seed = 20250823;
  double sigma = 1;       // synthetic logits ~ N(0, sigma^2)
  std::size_t top_n = 5;
  std::vector<double> temperatures{0.01, 0.1, 1};  // softmax
  std::vector<double> ssmax_scales{0.5, 1, 2};     // SSMax s (T = 1)
  std::vector<std::string> reference_files;        // GPT-2 reference exports; empty: no GPT-2 table
};

struct NormaliserSpec {
  std::string family;  // softmax | sparsemax | entmax15 | ssmax | sa_softmax | sa_softmax_normalised
  double parameter = 0;  // T (softmax), s (ssmax); 0 otherwise
  std::string label() const;  // e.g. "softmax T=0.1", "ssmax s=1", "sparsemax"
};

struct RowMeasure {
  double max_weight = 0;        // max_i w_i (not yet times L)
  double top_mass = 0;
  double support_fraction = 0;
  double jacobian_norm = 0;     // NaN when not computed
};

std::vector<NormaliserSpec> normaliser_grid(const NormalisersOptions& options);
// One normaliser on one row of logits (L >= 1; std::invalid_argument when empty), double, uncertified.
RowMeasure measure_row(const NormaliserSpec& spec, const std::vector<double>& logits, std::size_t top_n);
// Least-squares slope of log y against log x (x, y > 0; NaN with fewer than two points).
double log_log_slope(const std::vector<std::pair<double, double>>& points);

// The tables (synthetic, slopes, gpt2), figures (one per limitation, a line per normaliser) and the claim
// rows of the paper's three guidelines with a verdict each (agrees / disagrees / partly).
PartOutcome normalisers_part(const NormalisersOptions& options, const PartContext& context = {});

}  // namespace attnbound::reports
