// Interval soundness (issue 8): random expressions over the operations the certified engine uses (add, mul,
// div, exp, log, sqrt, sums, norms) evaluated in MPFI intervals at 53 bits must contain the same expression
// evaluated at 1000 bits. Seeded and replayable: ATTNBOUND_SOUNDNESS_SEED=<n> reruns one seed.
#include "testing/catch.hpp"
#include "theory/arith.hpp"

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
Interval eval(const Expr& e) {
  switch (e.op) {
    case Expr::leaf: return from_decimal<Interval>(e.literal);
    case Expr::add: return eval(e.kids[0]) + eval(e.kids[1]);
    case Expr::sub: return eval(e.kids[0]) - eval(e.kids[1]);
    case Expr::mul: return eval(e.kids[0]) * eval(e.kids[1]);
    case Expr::div: return eval(e.kids[0]) / (Interval(1) + abs(eval(e.kids[1])));
    case Expr::exp_: {
      const Interval a = eval(e.kids[0]);
      return exp(a / (Interval(1) + abs(a)));
    }
    case Expr::log_: return log(Interval(1) + abs(eval(e.kids[0])));
    case Expr::sqrt_: return sqrt(abs(eval(e.kids[0])));
    case Expr::sum3: {
      Vec<Interval> v;
      for (const auto& k : e.kids) v.push_back(eval(k));
      return sum(v);
    }
    case Expr::norm3: {
      Vec<Interval> v;
      for (const auto& k : e.kids) v.push_back(eval(k));
      return norm2(v);
    }
  }
  return Interval(0);
}

}  // namespace

TEST_CASE("intervals at 53 bits contain the value at 1000 bits for 1e5 random expressions", "[soundness][interval]") {
  std::uint64_t seed = 20261128;
  if (const char* s = std::getenv("ATTNBOUND_SOUNDNESS_SEED")) seed = std::strtoull(s, nullptr, 10);
  std::cout << "interval soundness: seed " << seed << " (replay with ATTNBOUND_SOUNDNESS_SEED)\n";
  std::mt19937_64 rng(seed);
  const int count = 100000;
  int checked = 0;
  for (int n = 0; n < count; ++n) {
    const Expr expr = random_expr(rng, 4);
    Interval coarse, fine;
    {
      PrecisionScope p(53);
      coarse = eval(expr);
    }
    {
      PrecisionScope p(1000);
      fine = eval(expr);
    }
    const Real fine_mid = [&] {
      PrecisionScope p(1000);
      return Real(boost::multiprecision::median(fine));
    }();
    const bool contains_mid = lower_end(coarse) <= fine_mid && fine_mid <= upper_end(coarse);
    const bool intersects = lower_end(coarse) <= upper_end(fine) && lower_end(fine) <= upper_end(coarse);
    if (!contains_mid || !intersects) {
      FAIL("not contained: seed " << seed << ", expression #" << n << " (replay with ATTNBOUND_SOUNDNESS_SEED="
                                  << seed << "); 53-bit [" << to_decimal_down(lower_end(coarse)) << ", "
                                  << to_decimal_up(upper_end(coarse)) << "], 1000-bit midpoint " << to_decimal(fine_mid));
    }
    ++checked;
  }
  INFO("seed " << seed);
  CHECK(checked == count);
}
