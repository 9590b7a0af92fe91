// Interval soundness (issue 8): random expressions over the operations the certified engine uses (add, mul,
// div, exp, log, sqrt, sums, norms) evaluated in MPFI intervals at 53 bits must contain the same expression
// evaluated at 1000 bits (MPFR point arithmetic; the 1000-bit MPFI enclosure must overlap it too). Boost sets
// MPFR's precision in decimal digits, so "53 bits" is run as the two precisions around it that the engine can
// use (51 and 55 bits), each checked to be the precision really used. Seeded and replayable:
// ATTNBOUND_SOUNDNESS_SEED=<n> reruns one seed.
#include "testing/catch.hpp"
#include "theory/arith.hpp"

#include <array>
#include <cstdlib>
#include <iostream>
#include <random>

using namespace attnbound;

namespace {

struct Expr {
  enum Op { leaf, add, sub, mul, div, exp_, log_, sqrt_, sum3, norm3 } op = leaf;
  std::string literal;  // exact decimal for leaves
  std::vector<Expr> kids;
};

std::string random_decimal(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> mantissa(-99999, 99999), exponent(-12, 6);
  return std::to_string(mantissa(rng)) + "e" + std::to_string(exponent(rng));
}

Expr random_expr(std::mt19937_64& rng, int depth) {
  std::uniform_int_distribution<int> pick(0, depth <= 0 ? 0 : 9);
  Expr e;
  e.op = static_cast<Expr::Op>(pick(rng));
  if (e.op == Expr::leaf) {
    e.literal = random_decimal(rng);
    return e;
  }
  const int arity = (e.op == Expr::sum3 || e.op == Expr::norm3) ? 3 : (e.op >= Expr::exp_ ? 1 : 2);
  for (int i = 0; i < arity; ++i) e.kids.push_back(random_expr(rng, depth - 1));
  return e;
}

// Every operation is applied on a domain where it is defined, by construction:
// log(1 + |a|), sqrt(|a|), exp(a / (1 + |a|)) (argument in (-1, 1)), a / (1 + |b|).
// S = Interval (MPFI, outward rounding) or Real (MPFR, round to nearest): the same expression in both.
template <class S> S eval(const Expr& e, std::array<long, 10>& op_counts) {
  ++op_counts[e.op];
  auto kid = [&](std::size_t i) { return eval<S>(e.kids[i], op_counts); };
  switch (e.op) {
    case Expr::leaf: return from_decimal<S>(e.literal);
    case Expr::add: return kid(0) + kid(1);
    case Expr::sub: return kid(0) - kid(1);
    case Expr::mul: return kid(0) * kid(1);
    case Expr::div: {
      const S a = kid(0);
      return a / (S(1) + abs(kid(1)));
    }
    case Expr::exp_: {
      const S a = kid(0);
      return exp(a / (S(1) + abs(a)));
    }
    case Expr::log_: return log(S(1) + abs(kid(0)));
    case Expr::sqrt_: return sqrt(abs(kid(0)));
    case Expr::sum3: {
      Vec<S> v;
      for (std::size_t i = 0; i < e.kids.size(); ++i) v.push_back(kid(i));
      return sum(v);
    }
    case Expr::norm3: {
      Vec<S> v;
      for (std::size_t i = 0; i < e.kids.size(); ++i) v.push_back(kid(i));
      return norm2(v);
    }
  }
  return S(0);
}

}  // namespace

TEST_CASE("intervals at 53 bits contain the value at 1000 bits for 1e5 random expressions", "[soundness][interval]") {
  std::uint64_t seed = 20261128;
  if (const char* s = std::getenv("ATTNBOUND_SOUNDNESS_SEED")) seed = std::strtoull(s, nullptr, 10);
  std::cout << "interval soundness: seed " << seed << " (replay with ATTNBOUND_SOUNDNESS_SEED)\n";
  std::mt19937_64 rng(seed);
  const int count = 100000;
  int checked = 0;
  std::array<long, 10> op_counts{}, unused{};
  // MPFR precision comes from Boost's decimal digits, so exactly 53 bits cannot be set: the expressions are
  // evaluated at the two precisions around it that the engine can run at (51 and 55 bits on this Boost).
  unsigned below_bits = 0, above_bits = 0;
  {
    PrecisionScope p(49);
    below_bits = PrecisionScope::current_bits();
  }
  {
    PrecisionScope p(53);
    above_bits = PrecisionScope::current_bits();
  }
  std::cout << "interval soundness: coarse precisions " << below_bits << " and " << above_bits << " bits\n";
  REQUIRE(below_bits <= 53);
  REQUIRE(above_bits >= 53);
  REQUIRE(above_bits < 64);
  for (int n = 0; n < count; ++n) {
    const Expr expr = random_expr(rng, 4);
    Interval fine;
    Real value;
    {
      PrecisionScope p(1000);
      fine = eval<Interval>(expr, op_counts);
      value = eval<Real>(expr, unused);  // the 1000-bit value (MPFR, round to nearest): MPFI is not judge of itself
    }
    if (precision_bits_of(fine) < 1000 || precision_bits_of(value) < 1000)
      FAIL("expression #" << n << ": the 1000-bit evaluation ran at " << precision_bits_of(fine) << " / "
                          << precision_bits_of(value) << " bits");
    for (const auto& [asked, bits] : {std::pair{49u, below_bits}, std::pair{53u, above_bits}}) {
      Interval coarse;
      {
        PrecisionScope p(asked);
        coarse = eval<Interval>(expr, unused);
      }
      // The precision is the one claimed (a scope that did not take effect would make the test vacuous).
      if (precision_bits_of(coarse) != bits)
        FAIL("expression #" << n << ": evaluated at " << precision_bits_of(coarse) << " bits instead of " << bits);
      const bool contains_value = lower_end(coarse) <= value && value <= upper_end(coarse);
      const bool intersects = lower_end(coarse) <= upper_end(fine) && lower_end(fine) <= upper_end(coarse);
      if (!contains_value || !intersects) {
        FAIL("not contained: seed " << seed << ", expression #" << n << " (replay with ATTNBOUND_SOUNDNESS_SEED="
                                    << seed << "); " << bits << "-bit [" << to_decimal_down(lower_end(coarse)) << ", "
                                    << to_decimal_up(upper_end(coarse)) << "], 1000-bit value " << to_decimal(value)
                                    << ", 1000-bit interval [" << to_decimal_down(lower_end(fine)) << ", "
                                    << to_decimal_up(upper_end(fine)) << "]");
      }
    }
    ++checked;
  }
  INFO("seed " << seed);
  CHECK(checked == count);
  // Every operation the engine uses occurs many times in the 1e5 expressions.
  const char* names[] = {"leaf", "add", "sub", "mul", "div", "exp", "log", "sqrt", "sum", "norm"};
  for (std::size_t op = 0; op < op_counts.size(); ++op) {
    INFO(names[op] << ": " << op_counts[op] << " occurrences");
    CHECK(op_counts[op] >= 10000);
  }
}
