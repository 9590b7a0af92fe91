// simplex_candidates: the filter keeps exactly the values >= -1 after the shift and scale, in decreasing order,
// on both sort paths (below and from 256 values); non-finite logits are named.
#include "kernels/simplex_candidates.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("simplex candidates: the filter and the order on both sort paths", "[kernels]") {
  const std::vector<float> z{3.0f, 2.0f, 1.0f, 2.5f, -4.0f};
  CHECK(sorted_candidates(z.data(), z.size(), 3.0f, 1.0) == std::vector<double>{0.0, -0.5, -1.0});  // -1 kept, -2 not
  CHECK(sorted_candidates(z.data(), z.size(), 3.0f, 0.5) == std::vector<double>{0.0, -0.25, -0.5, -1.0});
  for (std::size_t n : {255u, 256u, 5000u}) {
    std::vector<float> l(n);
    for (std::size_t i = 0; i < n; ++i) l[i] = static_cast<float>(std::sin(1.7 * static_cast<double>(i)));
    const float m = *std::max_element(l.begin(), l.end());
    const auto y = sorted_candidates(l.data(), n, m, 1.0);
    std::vector<double> expect;
    for (float v : l)
      if (static_cast<double>(v) - m >= -1.0) expect.push_back(static_cast<double>(v) - m);
    std::sort(expect.begin(), expect.end(), std::greater<double>());
    INFO("n " << n);
    CHECK(y == expect);
  }
  const std::vector<float> bad{0.0f, 1.0f, std::numeric_limits<float>::quiet_NaN()};
  CHECK_THROWS_WITH(check_finite_logits(bad.data(), bad.size()), Catch::Contains("logits[2]"));
  CHECK_NOTHROW(check_finite_logits(z.data(), z.size()));
}
