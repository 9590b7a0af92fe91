// Corollary 3 on the reference rows (reproduce_reference.hpp): the worst ||J||_2 over every row at each T
// against the paper's bound min{1/(4T), sqrt 2} and the corrected 1/(2T), both from the statements' bound
// templates (theory/cor3_softmax_jacobian.hpp, theory/cor3_softmax_jacobian_corrected.hpp), double precision.
#pragma once

#include "reports/report.hpp"
#include "reports/reproduce_reference_sweep.hpp"

#include <array>

namespace attnbound::reports::reference {

// The two bound curves on the grid's T: {paper (dashed), corrected (dotted)}; Figure 4 draws them too.
std::array<Series, 2> cor3_bound_series(const Grid& grid);

// Figure "cor3_jacobian" (prefixed for captures): max over rows ||J||_2 and the two bound curves.
Figure cor3_figure(const Grid& grid, const Sweep& sweep);

}  // namespace attnbound::reports::reference
