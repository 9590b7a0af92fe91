// Re-verification of `attnbound prove` certificates for the alternatives (prove/alt_prove.hpp, issue 18), in Arb.
//
// Contract: check_prove_alt_certificate confirms only when
//   * the header is well formed: statement alt.sparsemax (variant spectral | frobenius | softmax_bound, method
//     closed-form), alt.entmax15 (spectral | max_weight, closed-form) or alt.ssmax (max_weight: closed-form; spectral:
//     reduction), 2 <= length <= 12, logits lo < hi <= 0
//     (decimals), alt.ssmax temperature T > 0 and ssmax_scale s > 0, target_ratio > 0, status proved | refuted |
//     incomplete;
//   * the point (the certificate's instance P at which sup_ratio.lo is claimed) is of the same statement, variant
//     (and T, s), has l_1 = 0 exactly and every other logit in [lo, hi] (so it is a point of the domain), and the
//     checker's own sides at P (check/statement_sides.hpp, escalating from options.start_bits to options.max_bits)
//     give a ratio ball (q/b; frobenius sparsemax: sqrt(q/b), its side being |K| - 1 <= L - 1) certainly >= lo;
//   * closed-form: sup_ratio.hi equals the checker's own closed-form sup, derived here again: alt.sparsemax K_max =
//     L when hi > -1 (at P, hi - tau = (hi + 1)/L > 0), else 1 (a top gap >= 1 forces |K| = 1); spectral [K_max >= 2],
//     frobenius sqrt((K_max - 1)/(L - 1)) (0 or 1), softmax_bound 2 [K_max >= 2]; alt.ssmax max_weight 1 (diag p -
//     p p^T <= diag p in the semidefinite order); alt.entmax15 spectral and max_weight 1 (0 <= J <= diag(sqrt p)); the status is refuted iff that sup exceeds 1, and then the
//     counterexample's ordinary certificate (same statement and variant, verdict violated, instance = P) is confirmed
//     by check_certificate; else proved iff sup <= target;
//   * reduction (alt.ssmax spectral): k = s log L / T enclosed in Arb (log L = log1p(L - 1)), the reduced certificate
//     ("reduced") is a corrected Corollary 3 spectral certificate of the same length, target and status whose logits
//     [lo', hi'] certainly contain the image: lo' <= k lo and k hi <= hi' for every point of k's ball (so u = k l
//     maps the domain into the reduced domain, prove/alt_ssmax_reduction.hpp); sup_ratio.hi equals the reduced one;
//     the reduced certificate is confirmed by check_prove_certificate (its own tree replay in Arb).
// Outcome: confirmed / rejected (why); malformed input throws InputError.
#pragma once

#include "check/check_prove.hpp"

#include <nlohmann/json.hpp>

namespace attnbound::check {

// A prove certificate of an alternative (format attnbound-prove-certificate, statement alt.*).
bool is_prove_alt_certificate(const nlohmann::json& j);
ProveCheckOutcome check_prove_alt_certificate(const nlohmann::json& j, const CheckOptions& options = {});

}  // namespace attnbound::check
