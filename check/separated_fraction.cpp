// check/separated_fraction.hpp.
#include "check/separated_fraction.hpp"

#include "check/statement_sides.hpp"

#include <optional>

namespace attnbound::check {

Ball separated_fraction(const std::vector<Ball>& alpha, const std::vector<std::vector<Ball>>& x,
                        const std::vector<bool>& in_set, long prec) {
  const std::vector<Ball> s = context_vector(alpha, x, in_set, prec);
  const auto dist_sq = [&](std::size_t i) {
    const Ball d = distance_to_context(s, alpha[i], x[i], prec);
    return mul(d, d, prec);
  };
  std::optional<Ball> r2;
  long n = 0;
  for (std::size_t j = 0; j < alpha.size(); ++j) {
    if (in_set[j]) {
      ++n;
      continue;
    }
    const Ball d2 = dist_sq(j);
    r2 = r2 ? min_of(*r2, d2, prec) : d2;
  }
  long counted = 0, undecided = 0;
  for (std::size_t i = 0; i < alpha.size(); ++i) {
    if (!in_set[i]) continue;
    if (!r2) {  // r = +inf: every selected token is inside
      ++counted;
      continue;
    }
    const Ball d2 = dist_sq(i);
    if (certainly_lt(d2, *r2)) ++counted;              // d_i < r: separated
    else if (!certainly_le(*r2, d2)) ++undecided;      // neither decided
  }
  return hull(div(Ball(counted), Ball(n), prec), div(Ball(counted + undecided), Ball(n), prec), prec);
}

}  // namespace attnbound::check
