#include "counterexamples/draw.hpp"

#include <charconv>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace attnbound::search {

double Draw::unit() {
  // 53 random bits scaled by 2^-53: exactly representable, in [0, 1).
  return static_cast<double>(integer(0, (std::int64_t{1} << 53) - 1)) * 0x1p-53;
}

double Draw::log_uniform(double lo, double hi) { return std::exp(uniform(std::log(lo), std::log(hi))); }

double Draw::normal() {
  const double u1 = 1.0 - unit();  // (0, 1]: log(u1) is finite
  const double u2 = unit();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::int64_t RandomDraw::integer(std::int64_t lo, std::int64_t hi) {
  if (hi < lo) throw std::invalid_argument("RandomDraw::integer: empty range");
  // Rejection sampling on the raw 64-bit output: unbiased and, unlike std::uniform_int_distribution,
  // the same sequence on every standard library.
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == ~std::uint64_t{0}) return static_cast<std::int64_t>(engine_());
  const std::uint64_t range = span + 1;
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % range);
  std::uint64_t r;
  do r = engine_(); while (r >= limit);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + r % range);
}

std::string shortest_decimal(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("shortest_decimal: not a finite number");
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

}  // namespace attnbound::search
