// check/sparsemax_support.hpp.
#include "check/sparsemax_support.hpp"

#include "check/statement_sides.hpp"

namespace attnbound::check {

SparsemaxSupport sparsemax_support(const ShiftedLogits& s, long prec) {
  const std::size_t L = s.y.size();
  if (L == 0) throw std::logic_error("sparsemax_support: empty logits");
  // Candidate k: the largest k with y_(k) > tau_k by midpoints (k = 1 always qualifies: tau_1 = -1 < 0).
  Ball prefix(0);
  std::size_t k = 1;
  Ball tau;
  for (std::size_t r = 0; r < L; ++r) {
    prefix = add(prefix, s.y[s.order[r]], prec);
    const Ball tau_r = div(sub(prefix, Ball(1), prec), Ball(static_cast<long>(r + 1)), prec);
    if (r == 0 || mid_greater(s.y[s.order[r]], tau_r)) {
      k = r + 1;
      tau = tau_r;
    }
  }
  SparsemaxSupport out;
  out.size = k;
  out.tau = tau;
  out.in_support.assign(L, false);
  for (std::size_t r = 0; r < k; ++r) out.in_support[s.order[r]] = true;
  out.p.assign(L, Ball(0));
  for (std::size_t i = 0; i < L; ++i) {
    const Ball gap = sub(s.y[i], tau, prec);
    if (out.in_support[i]) {
      if (!certainly_positive(gap))  // y_i - tau > 0 on K
        throw CheckUndecided("sparsemax support: y_" + std::to_string(i) + " - tau > 0 not decided (" + to_string(gap) + ")");
      out.p[i] = gap;
    } else if (!certainly_le(gap, Ball(0))) {  // y_i - tau <= 0 off K
      throw CheckUndecided("sparsemax support: y_" + std::to_string(i) + " - tau <= 0 not decided (" + to_string(gap) + ")");
    }
  }
  return out;
}

}  // namespace attnbound::check
