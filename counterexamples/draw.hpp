// Sources of random choices shared by the adversarial search (a seeded std::mt19937_64) and the RapidCheck
// property tests (each choice a shrinkable RapidCheck draw), so both explore one instance space.
//
// Contract: every choice is an integer in [lo, hi]. Samplers are written so that the choice `lo` is the
// simplest (RapidCheck shrinks integers towards lo), which makes shrunk property counterexamples small.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace attnbound::search {

class Draw {
 public:
  virtual ~Draw() = default;
  // A choice in [lo, hi] (lo <= hi).
  virtual std::int64_t integer(std::int64_t lo, std::int64_t hi) = 0;

  bool coin(int numerator, int denominator) { return integer(0, denominator - 1) < numerator; }
  // Uniform in [0, 1) on a 2^-53 grid (a 53-bit integer choice, so it shrinks towards 0).
  double unit();
  // Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
  // exp(uniform(log lo, log hi)): log-uniform on [lo, hi), lo > 0.
  double log_uniform(double lo, double hi);
  // A standard normal deviate (Box-Muller on two unit() draws).
  double normal();
};

// Deterministic draws from a seed (std::mt19937_64 and the exact integer mapping below are specified by
// the standard, so a seed means the same instances on every platform).
class RandomDraw final : public Draw {
 public:
  explicit RandomDraw(std::uint64_t seed) : engine_(seed) {}
  std::int64_t integer(std::int64_t lo, std::int64_t hi) override;
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
};

// Shortest decimal text that reads back as exactly `v` (std::to_chars); "-0" for negative zero.
// Throws std::invalid_argument for NaN or infinity (instances hold finite decimals only).
std::string shortest_decimal(double v);

}  // namespace attnbound::search
