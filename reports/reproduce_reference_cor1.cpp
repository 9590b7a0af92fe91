#include "reports/reproduce_reference_cor1.hpp"

#include <algorithm>

namespace attnbound::reports::reference {

std::optional<Figure> cor1_figure(const Grid& grid, const Sweep& sweep) {
  if (sweep.cor1_points.empty()) return std::nullopt;
  Figure f{grid.id("cor1_weights"), "Corollary 1 (logits-only): log(n alpha) against 2a/T at native T",
           "Per head and reference file, the row closest to the bound: log(n max alpha) (upper side) against "
           "2a/T with the bound y = x, and log(n min alpha) against -2a/T with the bound y = x. Points below "
           "(upper) / above (lower) the line satisfy the bound.",
           "2a/T  (lower side: -2a/T)", "log(n alpha)", false, false, {}};
  Series upper{"log(n max alpha) vs 2a/T", "points", {}}, lower{"log(n min alpha) vs -2a/T", "points", {}},
      bound{"bound y = x", "dashed", {}};
  double lo = 0, hi = 0;
  for (const auto& p : sweep.cor1_points) {
    upper.points.push_back({p[0], p[1]});
    lower.points.push_back({p[2], p[3]});
    lo = std::min(lo, p[2]);
    hi = std::max(hi, p[0]);
  }
  bound.points = {{lo, lo}, {hi, hi}};
  f.series = {upper, lower, bound};
  return f;
}

}  // namespace attnbound::reports::reference
