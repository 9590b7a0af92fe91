// Arb wrappers (check/ball.hpp): each is one Arb call; Arb's results contain every exact result.
#include "check/ball.hpp"

#include "check/decimal.hpp"
#include "theory/errors.hpp"

#include <cstdlib>

namespace attnbound::check {

Ball add(const Ball& a, const Ball& b, long prec) { Ball r; arb_add(r.get(), a.get(), b.get(), prec); return r; }
Ball sub(const Ball& a, const Ball& b, long prec) { Ball r; arb_sub(r.get(), a.get(), b.get(), prec); return r; }
Ball mul(const Ball& a, const Ball& b, long prec) { Ball r; arb_mul(r.get(), a.get(), b.get(), prec); return r; }
Ball div(const Ball& a, const Ball& b, long prec) { Ball r; arb_div(r.get(), a.get(), b.get(), prec); return r; }
Ball sqrt_of(const Ball& a, long prec) { Ball r; arb_sqrt(r.get(), a.get(), prec); return r; }
Ball sqrt_nonnegative(const Ball& a, long prec) { Ball r; arb_sqrtpos(r.get(), a.get(), prec); return r; }
Ball exp_of(const Ball& a, long prec) { Ball r; arb_exp(r.get(), a.get(), prec); return r; }
Ball log1p_of(const Ball& a, long prec) { Ball r; arb_log1p(r.get(), a.get(), prec); return r; }
Ball neg(const Ball& a) { Ball r; arb_neg(r.get(), a.get()); return r; }
Ball abs_of(const Ball& a) { Ball r; arb_abs(r.get(), a.get()); return r; }
Ball max_of(const Ball& a, const Ball& b, long prec) { Ball r; arb_max(r.get(), a.get(), b.get(), prec); return r; }
Ball min_of(const Ball& a, const Ball& b, long prec) { Ball r; arb_min(r.get(), a.get(), b.get(), prec); return r; }
Ball union_of(const Ball& a, const Ball& b, long prec) { Ball r; arb_union(r.get(), a.get(), b.get(), prec); return r; }
Ball from_long(long v) { return Ball(v); }

Ball parse_decimal(const std::string& text, long prec, const std::string& field) {
  if (!is_strict_decimal(text))
    throw InputError(field, "\"" + text.substr(0, 40) + "\" is not a finite decimal number");
  Ball r;
  // arb_set_str: the ball contains the exact decimal (it is rounded outward when not representable).
  if (arb_set_str(r.get(), text.c_str(), prec) != 0)
    throw InputError(field, "\"" + text.substr(0, 40) + "\" could not be read as a decimal");
  return r;
}

bool certainly_lt(const Ball& a, const Ball& b) { return arb_lt(a.get(), b.get()) != 0; }
bool certainly_le(const Ball& a, const Ball& b) { return arb_le(a.get(), b.get()) != 0; }
bool certainly_positive(const Ball& a) { return arb_is_positive(a.get()) != 0; }
bool is_finite(const Ball& a) { return arb_is_finite(a.get()) != 0; }
Ball lower_end(const Ball& a) {
  Ball r;
  arf_t t;
  arf_init(t);
  arb_get_lbound_arf(t, a.get(), ARF_PREC_EXACT);  // exact: mid - rad, no rounding
  arb_set_arf(r.get(), t);
  arf_clear(t);
  return r;
}
Ball upper_end(const Ball& a) {
  Ball r;
  arf_t t;
  arf_init(t);
  arb_get_ubound_arf(t, a.get(), ARF_PREC_EXACT);
  arb_set_arf(r.get(), t);
  arf_clear(t);
  return r;
}
Ball hull(const Ball& lo, const Ball& hi, long prec) { return union_of(lo, hi, prec); }

std::string to_string(const Ball& a, long digits) {
  char* s = arb_get_str(a.get(), digits, 0);
  std::string out(s);
  flint_free(s);
  return out;
}

double approx(const Ball& a) { return arf_get_d(arb_midref(a.get()), ARF_RND_NEAR); }
bool mid_greater(const Ball& a, const Ball& b) { return arf_cmp(arb_midref(a.get()), arb_midref(b.get())) > 0; }

}  // namespace attnbound::check
