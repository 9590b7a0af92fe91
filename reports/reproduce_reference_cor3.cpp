#include "reports/reproduce_reference_cor3.hpp"

#include "theory/cor3_softmax_jacobian.hpp"
#include "theory/cor3_softmax_jacobian_corrected.hpp"

#include <fmt/format.h>

namespace attnbound::reports::reference {

std::array<Series, 2> cor3_bound_series(const Grid& grid) {
  Series paper{"min{1/(4T), sqrt 2} (paper)", "dashed", {}}, corrected{"1/(2T) (corrected)", "dotted", {}};
  for (double T : grid.T) {
    paper.points.push_back({T, cor3_softmax_jacobian::bound(T)});
    corrected.points.push_back({T, cor3_softmax_jacobian_corrected::bound(T, "spectral")});
  }
  return {paper, corrected};
}

Figure cor3_figure(const Grid& grid, const Sweep& sweep) {
  Figure f{grid.id("cor3_jacobian"), "Corollary 3: worst ||J||_2 over every row against T",
           grid.capture ? fmt::format("Max over every row of the {} heads of the exact spectral norm, against the paper's "
                                      "bound and the corrected 1/(2T).", grid.nheads)
                        : "Max over every causal row of the 144 heads of the exact spectral norm, against the paper's bound and "
                          "the corrected 1/(2T).",
           "temperature T", "||J||_2", true, true, {}};
  Series worst{"max over rows ||J||_2", "linespoints", {}};
  for (std::size_t ti = 0; ti < grid.T.size(); ++ti) worst.points.push_back({grid.T[ti], sweep.j_max[ti]});
  const auto [paper, corrected] = cor3_bound_series(grid);
  f.series = {worst, paper, corrected};
  return f;
}

}  // namespace attnbound::reports::reference
