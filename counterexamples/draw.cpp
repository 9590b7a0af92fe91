#include "counterexamples/draw.hpp"

#include "theory/seeded_normal.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace attnbound::search {

double Draw::unit() {
  // 53 random bits scaled by 2^-53: exactly representable, in [0, 1).
  return static_cast<double>(integer(0, (std::int64_t{1} << 53) - 1)) * 0x1p-53;
}

double Draw::log_uniform(double lo, double hi) { return std::exp(uniform(std::log(lo), std::log(hi))); }

double Draw::normal() {
  // The same 53-bit integers unit() scales, k1 then k2: u1 = 1 - k1 2^-53 in (0, 1], u2 = k2 2^-53.
  return standard_normal([this] { return integer(0, (std::int64_t{1} << 53) - 1); }, UnitPair::complement);
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
