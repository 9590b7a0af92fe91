#include "reports/random_direction.hpp"

#include "theory/seeded_normal.hpp"

#include <cmath>
#include <random>

namespace attnbound::reports {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::vector<double> random_unit_direction(std::uint64_t seed, std::initializer_list<std::uint64_t> keys, std::size_t n) {
  std::uint64_t s = splitmix64(seed);
  for (std::uint64_t k : keys) s = splitmix64(s ^ k);
  std::mt19937_64 gen(s);
  std::vector<double> v(n);
  double norm = 0;
  for (auto& x : v) {
    x = standard_normal(gen, UnitPair::midpoint);
    norm += x * x;
  }
  norm = std::sqrt(norm);
  for (auto& x : v) x /= norm;
  return v;
}

}  // namespace attnbound::reports
