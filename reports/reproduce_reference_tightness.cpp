#include "reports/reproduce_reference_tightness.hpp"

#include <fmt/format.h>

namespace attnbound::reports::reference {
namespace {

std::string series_name(Check c) {
  const CheckInfo& i = check_info(c);
  return fmt::format("{} [{}]", i.statement, i.variant);
}

}  // namespace

Table tightness_table(const Grid& grid, const Sweep& sweep) {
  Table t{grid.id("tightness_vs_length"), "Tightness against the prefix length n (native T)",
          grid.capture ? "Max over heads and capture files of quantity/bound for rows with n visible tokens."
                       : "Max over heads and reference files of quantity/bound for rows with n visible tokens.", {}, {}};
  t.columns = {{"n", "tokens", Column::Kind::exact}};
  for (int c = 0; c < kChecks; ++c) t.columns.push_back({series_name(static_cast<Check>(c)), "", Column::Kind::point});
  for (const auto& [n, arr] : sweep.ratio_by_n) {
    std::vector<Cell> row{static_cast<long long>(n)};
    for (int c = 0; c < kChecks; ++c) row.push_back(arr[c]);
    t.rows.push_back(std::move(row));
  }
  return t;
}

Figure tightness_length_figure(const Grid& grid, const Sweep& sweep) {
  Figure f{grid.id("tightness_vs_length"), "Tightness ratio against prefix length n (native T)",
           "Max over heads of quantity/bound per prefix length; 1 = the bound is attained.", "prefix length n",
           "quantity / bound", false, false, {}};
  for (Check c : {kCor1Upper, kCor3Paper, kCor3Corrected, kCor3MaxWeight}) {
    Series s{series_name(c), "linespoints", {}};
    for (const auto& [n, arr] : sweep.ratio_by_n) s.points.push_back({static_cast<double>(n), arr[c]});
    f.series.push_back(std::move(s));
  }
  return f;
}

Figure tightness_t_figure(const Grid& grid, const Sweep& sweep) {
  Figure f{grid.id("tightness_vs_T"), "Tightness ratio against T", "Max over every row of quantity/bound at each T.",
           "temperature T", "quantity / bound", true, true, {}};
  for (Check c : {kCor1Upper, kCor3Paper, kCor3Corrected}) {
    Series s{series_name(c), "linespoints", {}};
    for (std::size_t ti = 0; ti < grid.T.size(); ++ti) s.points.push_back({grid.T[ti], sweep.ratio_by_t[c][ti]});
    f.series.push_back(std::move(s));
  }
  return f;
}

}  // namespace attnbound::reports::reference
