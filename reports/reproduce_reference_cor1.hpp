// Corollary 1 in logits-only form on the reference rows (reproduce_reference_checks.hpp, kCor1Upper/Lower):
// per head and file, the row closest to the bound at the native T, log(n max alpha) against 2a/T and
// log(n min alpha) against -2a/T, with the bound y = x (double precision).
#pragma once

#include "reports/report.hpp"
#include "reports/reproduce_reference_sweep.hpp"

#include <optional>

namespace attnbound::reports::reference {

// Figure "cor1_weights" (prefixed for captures); nullopt when the native T is not on the grid.
std::optional<Figure> cor1_figure(const Grid& grid, const Sweep& sweep);

}  // namespace attnbound::reports::reference
