// The exhaustive check over every float32 x <= 0 (about 2^31 inputs, 2 threads). Sanitizer builds check
// every 97th pattern instead (reported), since instrumented code is ~10x slower.
#include "kernels/exhaustive_exp_check.hpp"

#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "testing/catch.hpp"

using namespace attnbound::kernels;

#if defined(__SANITIZE_ADDRESS__)
constexpr unsigned kStride = 97;
#else
constexpr unsigned kStride = 1;
#endif

TEST_CASE("exhaustive: exp_f32_le0 within kExpUlpBound ulp over every float x <= 0", "[kernels][exhaustive]") {
  const ExhaustiveExpResult r = exhaustive_exp_check(2, kStride);
  WARN("exhaustive exp: " << r.inputs << " inputs (stride " << r.stride << ") in " << r.seconds << " s; max "
                          << r.ulp.max << " ulp at x = " << r.worst_x << "; mean " << r.ulp.mean << " ulp");
  if (kStride == 1) CHECK(r.inputs == 2139095041u);  // 2^31 - 2^23 + 1: -0 through -inf
  CHECK(r.nonzero_range > r.inputs / 3);
  CHECK(r.ulp.max <= kExpUlpBound);
  CHECK(r.rel.max <= kExpUlpBound * 0x1p-23);
  CHECK(r.zero_range_failures == 0);
  CHECK(r.nan_propagates);
}
