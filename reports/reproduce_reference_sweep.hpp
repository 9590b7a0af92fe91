// The double-precision pass of `reproduce --reference` over every (example, head, row, T[, eps]) of the grid:
// each check of reproduce_reference_checks.hpp evaluated, its violations counted, its worst row kept, and
// the sums the tables and figures are made of. Not certified (IEEE double); the certified sample
// (reproduce_reference_certify.hpp) re-evaluates each check's worst row and a seeded sample in intervals.
// Directions: one seeded unit vector per (example, head, row, T, eps) (reports/random_direction.hpp), so
// every evaluation is independent of the loop order.
#pragma once

#include "reports/reproduce_reference_checks.hpp"
#include "reports/reproduce_reference_grid.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <vector>

namespace attnbound::reports::reference {

struct Sweep {
  std::vector<Evidence> evidence;           // per check (statement facts, counts, worst ratio and where)
  std::vector<RowKey> worst;                // per check: the key of its worst ratio (first one on ties)
  std::vector<std::vector<double>> g_sum;   // [ti * |E| + ei][global head]: sum over rows of g (Algorithm 5)
  std::vector<std::vector<double>> j_sum;   // [ti][global head]: sum over rows of ||J||_2
  std::vector<double> j_max;                // [ti]: max over every row of ||J||_2
  std::vector<double> head_rows;            // [global head]: rows of that head, pooled over examples
  std::vector<std::vector<double>> ratio_by_t;  // [check][ti]: max ratio (first eps)
  std::map<std::size_t, std::array<double, kChecks>> ratio_by_n;  // native T, first eps: max ratio per n
  // Native T, per (example, head): the Corollary 1 row closest to its bound, as
  // (2a/T, log(n max alpha), -2a/T, log(n min alpha)).
  std::vector<std::array<double, 4>> cor1_points;
};

// The direction v of Algorithm 5 at key k for a row of n scores.
std::vector<double> direction(std::uint64_t seed, const RowKey& k, std::size_t n);

Sweep sweep_rows(const std::vector<ReferenceExample>& data, const Grid& grid, std::uint64_t seed);

}  // namespace attnbound::reports::reference
