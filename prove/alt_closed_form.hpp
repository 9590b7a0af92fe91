// Closed-form answers of `attnbound prove` for alternatives whose sup ratio is known exactly (issue 18 item 1 for
// prove): no boxes, the argument is stated in the output and the certificate, and the value at one point of the
// domain is evaluated by the engine (verify/certify.hpp) so sup_ratio.lo is certified.
//
// Domain (prove/alt_prove.hpp): l_1 = 0 = max l, l_2..l_L in [lo, hi], hi <= 0. The point P = (0, hi, ..., hi).
//   alt.sparsemax (K = support of p = sparsemax(l); on K, J = I - 1 1^T/|K|, zero elsewhere: symmetric, J^2 = J, an
//   orthogonal projection of rank |K| - 1, so ||J||_2 = [|K| >= 2] and ||J||_F^2 = |K| - 1; theory/alt_sparsemax.hpp).
//   K_max, the largest support over the domain: L when hi > -1 (at P, tau = ((L - 1) hi - 1)/L and hi - tau =
//   (hi + 1)/L > 0, so every index is in K), 1 when hi <= -1 (every l_i <= -1 = l_1 - 1: a gap >= 1 gives |K| = 1,
//   theory/alt_sparsemax.hpp vanishing). So, exactly, with the sup attained at P:
//     spectral       sup ||J||_2 / 1           = [K_max >= 2]               (1 at any two-way tie, L >= 2)
//     frobenius      sup ||J||_F / sqrt(L - 1) = sqrt((K_max - 1)/(L - 1))  (1 at all-equal logits)
//     softmax_bound  sup ||J||_2 / (1/2)       = 2 [K_max >= 2]             (> 1: refuted at P, ||J||_2 = 1 > 1/2)
//   alt.ssmax max_weight: J = (c/T) A(u), A = diag p - p p^T, p = softmax(u), u = c l / T, c = s log L > 0; A >= 0
//   (v^T A v = sum p v^2 - (sum p v)^2 >= 0, Jensen) and diag p - A = p p^T >= 0, so ||A||_2 = lambda_max(A) <=
//   lambda_max(diag p) = max p: the ratio ||J||_2 / (c max p / T) <= 1 everywhere (the corrected Corollary 3's
//   max_weight form at the scaled logits u). Equality at all-equal logits (A = (I - 1 1^T/L)/L, ||A||_2 = 1/L =
//   max p), so sup = 1 when hi = 0; otherwise sup <= 1 and sup_ratio.lo is the engine's value at P.
//   alt.entmax15 spectral / max_weight: p = g^2, g = [l/2 - tau]_+, J = diag(g) - g g^T/S, S = sum g; x^T J x =
//   (1/(2S)) sum g_i g_j (x_i - x_j)^2 >= 0 and diag(g) - J = g g^T/S >= 0, so ||J||_2 <= max g = sqrt(max p) <= 1
//   (theory/alt_entmax15.hpp). max_weight: ratio <= 1, equality at all-equal logits (||J||_2 = 1/sqrt L = sqrt(max
//   p)), so the sup is 1 when hi = 0. spectral: ratio <= 1 (an upper end; the supremum over all L, not attained, and
//   smaller per L: prove does not bound it per L); lo at P2 = (0, hi, lo, ..., lo), a two-way tie when hi = 0.
// Status: refuted when the closed-form sup exceeds 1 (the statement is false; the counterexample is P with the
// engine's certificate of a violation), else proved when sup_ratio.hi <= target, else incomplete (the target is
// below the certified sup; a note says so).
// sup_ratio.lo: sparsemax, the closed-form value at P (an integer or 1), after the engine certified the support size
// at P (choices_certified and detail support_size = K_max exactly); ssmax and entmax15, the engine's certified lower
// end at P (P2 for entmax15 spectral).
#pragma once

#include "prove/alt_prove.hpp"
#include "verify/certify.hpp"

#include <string>

namespace attnbound::prove {

AltProveOutput prove_closed_form(const AltDomain& d, const ProveOptions& o);

// The instance at (0, hi, ..., hi) of the domain (alt.ssmax: with its temperature and ssmax_scale; alt.entmax15
// spectral: (0, hi, lo, ..., lo)).
nlohmann::json alt_corner_instance(const AltDomain& d);

// A certified lower end of the ratio q / b of a one-sided interval result (q >= lo(q) >= 0 < b <= hi(b), so q / b >=
// lo(q) / hi(b)), as the shortest decimal of the double below round_down(lo(q) / hi(b)): that decimal lies in the
// rounding interval of that double, below the next double up, so it is <= the exact lower end. "" when the sides
// are not a single interval enclosure with lo(q) >= 0 and hi(b) > 0.
std::string engine_ratio_lower(const CertifiedResult& r);

}  // namespace attnbound::prove
