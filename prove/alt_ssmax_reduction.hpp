// alt.ssmax spectral by reduction onto the corrected Corollary 3 (issue 18, prove/alt_prove.hpp).
//
// Reduction. SSMax(l) = softmax(u), u = c l / T, c = s log L (theory/ssmax.hpp), and J = (c/T) A(u), A = diag p -
// p p^T. With s > 0 (c > 0) the ratio ||J||_2 / (c/(2T)) = 2 ||A(u)||_2 is exactly the corrected Corollary 3 spectral
// ratio at the logits u with T = 1 (prove/cor3_ratio_enclosure.hpp). The domain l_1 = 0 = max l, l_i in [lo, hi]
// maps to u_1 = 0 = max u (c / T > 0 keeps the order) and u_i = (c/T) l_i in [(c/T) lo, (c/T) hi] (l_i <= 0 and
// multiplication by c/T > 0 is increasing), which the mapped domain [lo', hi'] contains:
//   lo' = floor(2^20 round_down(lo(k lo))) / 2^20 <= lo(k lo) <= (c/T) lo,
//   hi' = min{0, ceil(2^20 round_up(hi(k hi))) / 2^20} >= (c/T) hi   ((c/T) hi <= 0),
// with k an MPFR interval (256 bits) enclosing c/T = s log L / T; the 2^-20 grid makes lo' and hi' exact short
// decimals (the domain reader takes exact doubles only). So sup over the domain of the SSMax ratio <= sup over the
// mapped domain of the corrected Corollary 3 ratio, which prove/branch_and_bound.hpp bounds; "proved" transfers.
// lo' < -700: InputError (the corrected Corollary 3 domain needs lo' >= -700).
// sup_ratio.lo: the engine's certified ratio at a point of the original domain: the branch-and-bound's best point u*
// mapped back, l_i = u*_i T / c in double, clamped to [lo, hi] (the clamped ends written as the domain's own texts;
// an interior double's shortest decimal lies strictly between its neighbours, so inside [lo, hi]); the corner (0, hi,
// ..., hi) when no box was left unclosed.
#pragma once

#include "prove/alt_prove.hpp"

namespace attnbound::prove {

struct SsmaxMapping {
  std::string lo_text, hi_text;  // the mapped domain [lo', hi'], exact decimals of doubles on the 2^-20 grid
  double lo = 0, hi = 0;
  std::string scale_lo, scale_hi;  // decimal ends (outward) of c / T = s log L / T
  double scale_estimate = 1;       // c / T in double (to map points back; uncertified)
};

// The mapped domain (see the header); InputError when lo' < -700.
SsmaxMapping map_ssmax_domain(const AltDomain& d);

AltProveOutput prove_ssmax_by_reduction(const AltDomain& d, const ProveOptions& o);

}  // namespace attnbound::prove
