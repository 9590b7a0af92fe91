// The suite's one seeded standard-normal sampler (Box-Muller), for every Monte Carlo draw and random search.
//
// Contract: box_muller(u1, u2) = sqrt(-2 ln u1) cos(2 pi u2), u1 in (0, 1], u2 in [0, 1): one standard normal
// deviate (the cosine half of the pair; the sine half is never used). standard_normal(next53, pair) takes two
// 53-bit integers k1 then k2 from next53(), in that order, and maps them by one of the two conventions that
// the seeded streams of the suite use (each caller keeps its own: switching would change every seeded result
// downstream, and the approval baselines with them):
//   UnitPair::midpoint    u1 = (k1 + 1/2) 2^-53, u2 = (k2 + 1/2) 2^-53, both in (0, 1)
//                         (Theorem 2's E[N_s]/N and per-token moments, the reports' random directions)
//   UnitPair::complement  u1 = 1 - k1 2^-53 in (0, 1], u2 = k2 2^-53 in [0, 1)
//                         (the instance family of `verify`, the counterexample search's draws)
// Integer-only maps and a fixed order make the doubles the same on every platform for a given stream
// (std::normal_distribution is not specified bit-exactly across standard libraries).
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace attnbound {

enum class UnitPair { midpoint, complement };

inline double box_muller(double u1, double u2) {
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// next53: a callable returning uniformly distributed integers in [0, 2^53).
template <class Next53> double standard_normal(Next53&& next53, UnitPair pair) {
  const auto k1 = static_cast<double>(next53());
  const auto k2 = static_cast<double>(next53());
  if (pair == UnitPair::midpoint) return box_muller((k1 + 0.5) * 0x1p-53, (k2 + 0.5) * 0x1p-53);
  return box_muller(1.0 - k1 * 0x1p-53, k2 * 0x1p-53);
}

// The top 53 bits of each 64-bit output of the engine.
inline double standard_normal(std::mt19937_64& rng, UnitPair pair) {
  return standard_normal([&rng] { return rng() >> 11; }, pair);
}

}  // namespace attnbound
