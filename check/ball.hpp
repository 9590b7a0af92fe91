// A value-semantics wrapper of Arb's arb_t (a midpoint-radius ball), the only arithmetic of the checker.
//
// Contract: every operation is Arb's, so each result ball contains the exact result of the operation applied
// to any points of the argument balls (Arb's documented guarantee). `parse_decimal` encloses the exact value
// of a decimal text (arb_set_str, after check/decimal.hpp has validated the syntax strictly).
// certainly_* are true only when the relation holds for EVERY pair of points of the balls (arb_lt, arb_le).
// Reference: F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval arithmetic" (2017).
#pragma once

#include <arb.h>

#include <string>

namespace attnbound::check {

class Ball {
 public:
  Ball() { arb_init(x_); }
  explicit Ball(long v) { arb_init(x_); arb_set_si(x_, v); }
  Ball(const Ball& o) { arb_init(x_); arb_set(x_, o.x_); }
  Ball(Ball&& o) noexcept { arb_init(x_); arb_swap(x_, o.x_); }
  Ball& operator=(const Ball& o) { if (this != &o) arb_set(x_, o.x_); return *this; }
  Ball& operator=(Ball&& o) noexcept { arb_swap(x_, o.x_); return *this; }
  ~Ball() { arb_clear(x_); }
  arb_ptr get() { return x_; }
  arb_srcptr get() const { return x_; }

 private:
  arb_t x_;
};

// Arithmetic at precision `prec` (bits); each result contains every exact result.
Ball add(const Ball& a, const Ball& b, long prec);
Ball sub(const Ball& a, const Ball& b, long prec);
Ball mul(const Ball& a, const Ball& b, long prec);
Ball div(const Ball& a, const Ball& b, long prec);
Ball sqrt_of(const Ball& a, long prec);    // a must be >= 0 (a ball reaching below 0 gives an indeterminate ball)
// sqrt of a ball whose exact value is known to be >= 0 (a sum of squares): arb_sqrtpos drops the negative part
// of the ball, which contains no exact value.
Ball sqrt_nonnegative(const Ball& a, long prec);
Ball exp_of(const Ball& a, long prec);
Ball log1p_of(const Ball& a, long prec);
Ball neg(const Ball& a);
Ball abs_of(const Ball& a);
Ball max_of(const Ball& a, const Ball& b, long prec);  // contains max(x, y) for all x in a, y in b
Ball min_of(const Ball& a, const Ball& b, long prec);
Ball union_of(const Ball& a, const Ball& b, long prec);  // contains both balls
Ball from_long(long v);

// Encloses the exact value of a validated decimal (InputError(field) when the text is not a decimal).
Ball parse_decimal(const std::string& text, long prec, const std::string& field);

bool certainly_lt(const Ball& a, const Ball& b);  // x < y for all x in a, y in b
bool certainly_le(const Ball& a, const Ball& b);  // x <= y for all x in a, y in b
bool certainly_positive(const Ball& a);           // x > 0 for all x in a
bool is_finite(const Ball& a);
// The exact lower / upper end of a ball, as a ball of radius 0 (a certified bound of every point).
Ball lower_end(const Ball& a);
Ball upper_end(const Ball& a);
// Ball [lo, hi] of the ends' points: contains the interval between them.
Ball hull(const Ball& lo, const Ball& hi, long prec);

// A readable rendering (arb_get_str with `digits` digits), for messages only.
std::string to_string(const Ball& a, long digits = 20);
// Midpoint as a double (for choices that only affect accuracy, never soundness).
double approx(const Ball& a);
// Midpoint of a > midpoint of b, exactly (arf_cmp; no double overflow): for choices of accuracy only.
bool mid_greater(const Ball& a, const Ball& b);

}  // namespace attnbound::check
