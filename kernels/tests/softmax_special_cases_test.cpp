#include "kernels/softmax_special_cases.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cmath>
#include <limits>
#include <vector>

using namespace attnbound::kernels;

TEST_CASE("softmax_special_cases_f32 implements the documented non-finite semantics", "[kernels]") {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> out(4, 123.0f);
  const std::vector<float> finite{1, 2, -inf, 3};
  CHECK_FALSE(softmax_special_cases_f32(finite.data(), 4, out.data(), false));
  CHECK(out[0] == 123.0f);  // untouched
  const std::vector<float> with_nan{1, nan, inf, 3};
  CHECK(softmax_special_cases_f32(with_nan.data(), 4, out.data(), false));
  for (float v : out) CHECK(std::isnan(v));
  const std::vector<float> two_inf{inf, 0, inf, -inf};
  CHECK(softmax_special_cases_f32(two_inf.data(), 4, out.data(), false));
  CHECK(out == std::vector<float>{0.5f, 0, 0.5f, 0});
  CHECK(softmax_special_cases_f32(two_inf.data(), 4, out.data(), true));
  CHECK(out[0] == static_cast<float>(-std::log(2.0)));
  CHECK(out[1] == -inf);
  const std::vector<float> all_neg{-inf, -inf, -inf, -inf};
  CHECK(softmax_special_cases_f32(all_neg.data(), 4, out.data(), true));
  CHECK(std::isnan(out[3]));
}

TEST_CASE("check_softmax_args and exp_scale_for_temperature", "[kernels]") {
  CHECK_NOTHROW(check_softmax_args(1, 1e-30f));
  CHECK_NOTHROW(check_softmax_args(1, 1e30f));
  CHECK_THROWS_WITH(check_softmax_args(0, 1.0f), Catch::Contains("logits"));
  CHECK_THROWS_WITH(check_softmax_args(3, 1e-31f), Catch::Contains("temperature"));
  CHECK_THROWS_WITH(check_softmax_args(3, std::numeric_limits<float>::infinity()), Catch::Contains("temperature"));
  for (float T : {1e-4f, 0.3f, 1.0f, 8.0f, 1e4f}) {
    const ExpScale c = exp_scale_for_temperature(T);
    const long double exact = 1.442695040888963407359924681001892137L / static_cast<long double>(T);
    CHECK(std::fabs(static_cast<long double>(c.hi) + c.lo - exact) <= exact * 0x1p-47L);
  }
}
