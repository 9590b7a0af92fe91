#include "reports/reproduce_reference_sweep.hpp"

#include "reports/random_direction.hpp"

#include <algorithm>

namespace attnbound::reports::reference {

std::vector<double> direction(std::uint64_t seed, const RowKey& k, std::size_t n) {
  return random_unit_direction(seed, {k.ex, k.head, k.row, k.ti, k.ei}, n);
}

Sweep sweep_rows(const std::vector<ReferenceExample>& data, const Grid& grid, std::uint64_t seed) {
  const std::size_t nt = grid.T.size(), ne = grid.E.size();
  Sweep s;
  s.evidence.resize(kChecks);
  s.worst.resize(kChecks);
  for (int c = 0; c < kChecks; ++c) {
    const CheckInfo& info = check_info(static_cast<Check>(c));
    s.evidence[c].statement = info.statement;
    s.evidence[c].variant = info.variant;
    s.evidence[c].claim = info.claim;
    s.evidence[c].tag = info.tag;
    s.evidence[c].worst_ratio = -1;
  }
  s.g_sum.assign(nt * ne, std::vector<double>(grid.nheads, 0));
  s.j_sum.assign(nt, std::vector<double>(grid.nheads, 0));
  s.j_max.assign(nt, 0);
  s.head_rows.assign(grid.nheads, 0);
  s.ratio_by_t.assign(kChecks, std::vector<double>(nt, 0));
  for (std::size_t ex = 0; ex < data.size(); ++ex)
    for (std::size_t hd = 0; hd < data[ex].heads.size(); ++hd) {
      const ReferenceHead& head = data[ex].heads[hd];
      const std::size_t gh = static_cast<std::size_t>(head.layer * grid.H + head.head);
      double up_worst = -1e300, lo_worst = -1e300, up_x = 0, lo_x = 0;
      for (std::size_t r = 0; r < head.values.size(); ++r) {
        const Vec<double> l = grid.row(data, {ex, hd, r, 0, 0});
        s.head_rows[gh] += 1;
        for (std::size_t ti = 0; ti < nt; ++ti)
          for (int c = 0; c < kChecks; ++c) {
            const CheckInfo& info = check_info(static_cast<Check>(c));
            for (std::size_t ei = 0; ei < (info.uses_eps ? ne : 1); ++ei) {
              const RowKey key{ex, hd, r, ti, ei};
              const std::vector<double> v = info.uses_eps ? direction(seed, key, l.size()) : std::vector<double>{};
              const auto [q, b] = evaluate_check(static_cast<Check>(c), l, grid.T[ti], info.uses_eps ? grid.E[ei] : 1.0, v);
              const double ratio = ratio_of(static_cast<Check>(c), q, b);
              Evidence& e = s.evidence[c];
              e.evaluations++;
              if (ratio > 1) e.violations++;
              if (ratio > e.worst_ratio) e.worst_ratio = ratio, s.worst[c] = key;
              if (c == kAlg5Corrected) s.g_sum[ti * ne + ei][gh] += q;
              if (c == kCor3Corrected) {
                s.j_sum[ti][gh] += q;
                s.j_max[ti] = std::max(s.j_max[ti], q);
              }
              if (ei != 0) continue;
              s.ratio_by_t[c][ti] = std::max(s.ratio_by_t[c][ti], ratio);
              if (ti != grid.native_ti) continue;
              auto& slot = s.ratio_by_n[l.size()];
              slot[c] = std::max(slot[c], ratio);
              if (c == kCor1Upper && q - b > up_worst) up_worst = q - b, up_x = b;
              if (c == kCor1Lower && b - q > lo_worst) lo_worst = b - q, lo_x = b;
            }
          }
      }
      if (grid.native_ti < nt) s.cor1_points.push_back({up_x, up_x + up_worst, lo_x, lo_x - lo_worst});
    }
  for (int c = 0; c < kChecks; ++c)
    s.evidence[c].worst_where = grid.where(data, s.worst[c], check_info(static_cast<Check>(c)).uses_eps);
  return s;
}

}  // namespace attnbound::reports::reference
