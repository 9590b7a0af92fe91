// isa_pin: a pinned target is the one the kernels then run, it gives the same bits as that target selected
// directly, and bad names are InputErrors naming the field.
#include "kernels/isa_pin.hpp"

#include "kernels/exp_f32_le0.hpp"
#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <hwy/targets.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace attnbound::kernels;

namespace {
std::vector<float> softmax_of(const std::vector<float>& l) {
  std::vector<float> p(l.size());
  softmax_f32_3pass_f64acc(l.data(), l.size(), 0.7f, p.data());
  return p;
}
}  // namespace

TEST_CASE("pin_kernels_isa: sse4 is then the dispatch target, with the SSE4 target's bits", "[kernels]") {
  std::mt19937 g(5);
  std::normal_distribution<float> n(0.0f, 3.0f);
  std::vector<float> l(1000);
  for (auto& v : l) v = n(g);
  hwy::SetSupportedTargetsForTest(HWY_SSE4);
  const std::vector<float> sse4 = softmax_of(l);
  hwy::SetSupportedTargetsForTest(0);

  pin_kernels_isa("sse4");
  CHECK(std::string(kernels_dispatch_target()) == hwy::TargetName(HWY_SSE4));
  CHECK(softmax_of(l) == sse4);  // bit for bit
  pin_kernels_isa("avx2");       // a later pin replaces it (every x86-64 CI machine has AVX2)
  CHECK(std::string(kernels_dispatch_target()) == hwy::TargetName(HWY_AVX2));
  // scalar: pinned where the build compiled HWY_SCALAR (GCC), else an error naming the narrowest target.
  try {
    pin_kernels_isa("scalar");
    CHECK(std::string(kernels_dispatch_target()) == hwy::TargetName(HWY_SCALAR));
  } catch (const attnbound::InputError& e) {
    CHECK_THAT(e.what(), Catch::Matchers::Contains("cannot be pinned in this build"));
    CHECK(std::string(kernels_dispatch_target()) != hwy::TargetName(HWY_SCALAR));
  }
  hwy::DisableTargets(0);
}

TEST_CASE("pin_kernels_isa: the environment variable, and bad names", "[kernels]") {
  ::unsetenv("ATTNBOUND_KERNELS_ISA");
  const std::string best = pin_kernels_isa_from_environment();  // no cap
  CHECK(best == kernels_dispatch_target());
  CHECK(best != hwy::TargetName(HWY_SCALAR));

  CHECK_THROWS_AS(pin_kernels_isa("avx9"), attnbound::InputError);
  CHECK_THROWS_WITH(pin_kernels_isa("avx9", "--isa"), Catch::Matchers::StartsWith("--isa: 'avx9' is not a kernel target"));
  if ((hwy::SupportedTargets() & HWY_AVX3_DL) == 0)
    CHECK_THROWS_WITH(pin_kernels_isa("avx3_dl"), Catch::Matchers::Contains("is not a kernel target this CPU runs"));

  ::setenv("ATTNBOUND_KERNELS_ISA", "sse4", 1);
  CHECK(pin_kernels_isa_from_environment() == hwy::TargetName(HWY_SSE4));
  ::setenv("ATTNBOUND_KERNELS_ISA", "bogus", 1);
  CHECK_THROWS_WITH(pin_kernels_isa_from_environment(), Catch::Matchers::StartsWith("ATTNBOUND_KERNELS_ISA: 'bogus'"));
  ::unsetenv("ATTNBOUND_KERNELS_ISA");
}
