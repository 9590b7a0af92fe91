// Algorithm 5 on the reference rows (reproduce_reference.hpp): g(T, eps) averaged over each head's tokens,
// then the maximum over heads (Figure 4), beside the exact ||J||_2 likewise (the eps -> 0 limit of the worst
// direction) and the Corollary 3 bound curves; and the headline claims about the gradient's 1/T behaviour.
// Double precision (the sums of reproduce_reference_sweep.hpp), not certified.
#pragma once

#include "reports/report.hpp"
#include "reports/reproduce_reference_sweep.hpp"

#include <vector>

namespace attnbound::reports::reference {

struct Alg5Curves {
  std::vector<std::vector<double>> G;  // [ti][ei]: max over heads of the token-averaged g (0 when no rows)
  std::vector<std::string> G_arg;      // [ti * |E| + ei]: the argmax head "layer.head" (first on ties)
  std::vector<double> Jbar;            // [ti]: max over heads of the token-averaged ||J||_2
};

Alg5Curves alg5_curves(const Grid& grid, const Sweep& sweep);

// Table "alg5_gradient": one row per (T, eps).
Table alg5_table(const Grid& grid, const Sweep& sweep, const Alg5Curves& curves);
// Figure "fig4_gradient": G(T, eps) per eps, Jbar(T), the paper's and the corrected bound curves.
Figure fig4_figure(const Grid& grid, const Alg5Curves& curves);
// Claims headline.gradient_1_over_T (log-log slope over T <= 0.1 within 0.2 of -1), headline.gradient_drop
// (G(0.1)/G(1) in [30, 300]) and headline.near_limit (max over T < 0.1 of G/(1/(4T)) >= 1/2), at the first eps.
std::vector<ClaimRow> alg5_claims(const Grid& grid, const Alg5Curves& curves);

}  // namespace attnbound::reports::reference
