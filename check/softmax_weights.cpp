// check/softmax_weights.hpp.
#include "check/softmax_weights.hpp"

namespace attnbound::check {

Weights softmax_weights(const std::vector<Ball>& z, long prec, const std::function<bool(std::size_t, std::size_t)>& same) {
  std::size_t top = 0;
  for (std::size_t i = 1; i < z.size(); ++i)
    if (mid_greater(z[i], z[top])) top = i;
  std::vector<Ball> e;
  for (std::size_t i = 0; i < z.size(); ++i)
    e.push_back(i == top || (same && same(i, top)) ? Ball(1) : exp_of(sub(z[i], z[top], prec), prec));  // z_i = z_top: e^0 = 1
  return weights_from_positive(e, prec);
}

}  // namespace attnbound::check
