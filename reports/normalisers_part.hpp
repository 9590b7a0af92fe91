// The paper's three limitations measured for every normaliser on the same logits (issue 18 item 2; spec
// section 5): softmax over a temperature grid, sparsemax, entmax-1.5, SSMax over a grid of s, SA-Softmax and
// its normalised variant, on synthetic logit rows (i.i.d. N(0, sigma^2), seeded, L from 16 to 65536) and on
// the genuine GPT-2 reference rows (the last query row of every head of every ex*.json, logits = raw/8).
//
// Contract: every measured number is computed in double with the theory/ normalisers (theory/*.hpp, instantiated for
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
//               steps); SA-Softmax normalised: not computed (NaN, shown as "n/a");
//   d~          Theorem 1's representation distance, reading (a) (theory/top_n.hpp, representation_distance),
//               with that normaliser's weights w and I_N its top_n largest |w_i| (ties by the lower index);
//   N_s/N       Algorithm 4's separated fraction with the same w and I_N, r = min over the non-selected tokens
//               (theory/separation_count.hpp);
//               both on embeddings x_i i.i.d. uniform on the unit sphere of R^dimension (Assumption 1, M = 1;
//               the logit rows carry no embeddings), seeded per token (reports/random_direction.hpp: keys
//               (source, L or file, row, i)), the same x for every normaliser. SA-Softmax and its normalised
//               variant use their signed outputs f as the weights: f does not sum to 1 and can be negative,
//               so Theorem 1's and Algorithm 4's hypotheses fail there (measured anyway, labelled).
// Guideline "avoid T < 0.1": per row, the sides of alt.low_temperature's guideline reading (theory/
// alt_low_temperature.hpp) from softmax T = 0.1 to T = 0.01 (both must be in the grid): ||J||_2 rises, d~
// does not grow, N_s/N does not grow; the verdict counts the rows where all three hold (GPT-2 rows when
// given, else the synthetic rows): agrees >= 90%, disagrees <= 10%, partly between.
// The slope is the least-squares slope of log(max_i w_i) against log L over the synthetic lengths (-1 for
// a weight that vanishes like 1/L, 0 for one that does not).
// Certified spot checks (the one certified table, "normalisers_certified_checks"): every variant of alt.sparsemax,
// alt.entmax15, alt.ssmax, alt.sa_softmax and alt.low_temperature through the registry (verify/certify, 128 bits)
// on the first GPT-2 row (exact decimals raw/8; else the first synthetic row) and on ties where a bound is
// attained, each certified verdict re-checked by PartContext::recheck_verdict when set (undecided and listed in
// "normalisers_certified_not_confirmed" when the checker does not confirm it): reports/normalisers_certified.hpp.
// Reference: spec section 5; theory/alt_*.hpp for the certified statements behind each normaliser.
#pragma once

#include "reports/build_report.hpp"
#include "reports/normaliser_row_measure.hpp"

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
  std::size_t dimension = 64;  // embeddings of d~ and N_s/N: unit sphere of R^dimension (GPT-2's d_head)
};

std::vector<NormaliserSpec> normaliser_grid(const NormalisersOptions& options);

// The tables (synthetic, slopes, gpt2), figures (one per limitation, a line per normaliser) and the claim
// rows of the paper's three guidelines with a verdict each (agrees / disagrees / partly).
PartOutcome normalisers_part(const NormalisersOptions& options, const PartContext& context = {});

}  // namespace attnbound::reports
