// Tightness of the checks on the reference rows (reproduce_reference_checks.hpp): the max quantity/bound
// ratio (ratio_of: > 1 exactly when violated, 1 when attained) against the prefix length n at the native T
// and against T, from the double-precision pass (reproduce_reference_sweep.hpp), first eps for Algorithm 5.
#pragma once

#include "reports/report.hpp"
#include "reports/reproduce_reference_sweep.hpp"

namespace attnbound::reports::reference {

// Table "tightness_vs_length": one row per n, one column per check.
Table tightness_table(const Grid& grid, const Sweep& sweep);
// Figure "tightness_vs_length": Corollary 1 upper and the three Corollary 3 checks against n.
Figure tightness_length_figure(const Grid& grid, const Sweep& sweep);
// Figure "tightness_vs_T": Corollary 1 upper and Corollary 3 (paper, corrected) against T.
Figure tightness_t_figure(const Grid& grid, const Sweep& sweep);

}  // namespace attnbound::reports::reference
