// check/softmax_weights.hpp.
#include "check/softmax_weights.hpp"

namespace attnbound::check {

Weights softmax_weights(const std::vector<Ball>& z, long prec) {
  std::size_t top = 0;
  for (std::size_t i = 1; i < z.size(); ++i)
    if (mid_greater(z[i], z[top])) top = i;
  std::vector<Ball> e;
  for (std::size_t i = 0; i < z.size(); ++i)
    e.push_back(i == top ? Ball(1) : exp_of(sub(z[i], z[top], prec), prec));
  return weights_from_positive(e, prec);
}

}  // namespace attnbound::check
