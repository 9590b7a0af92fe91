// Seeded random unit directions for Algorithm 5 (v in g(T, eps)), independent of loop order: the generator of
// each direction is seeded by splitmix64 folded over (seed, key...), so the direction of one (head, row, T,
// eps) does not depend on what else ran. Box-Muller standard normal vector, divided by its norm (uniform on
// the sphere). Double precision; the direction is an input of the analysis, not a measured number.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace attnbound::reports {

std::uint64_t splitmix64(std::uint64_t x);

// A unit vector of n doubles determined by (seed, keys).
std::vector<double> random_unit_direction(std::uint64_t seed, std::initializer_list<std::uint64_t> keys, std::size_t n);

}  // namespace attnbound::reports
