#include "kernels/isa_pin.hpp"

#include "kernels/exp_f32_le0.hpp"
#include "theory/errors.hpp"

#include <hwy/targets.h>

#include <cstdint>
#include <cstdlib>
#include <utility>

namespace attnbound::kernels {
namespace {

// Highway's x86 targets, narrowest first (a larger bit is a narrower target: HWY_SCALAR is the highest).
constexpr std::pair<const char*, int64_t> kTargets[] = {
    {"scalar", HWY_SCALAR}, {"ssse3", HWY_SSSE3}, {"sse4", HWY_SSE4},
    {"avx2", HWY_AVX2},     {"avx3", HWY_AVX3},   {"avx3_dl", HWY_AVX3_DL},
};

}  // namespace

void pin_kernels_isa(const std::string& name, const std::string& field) {
  for (const auto& [target_name, target] : kTargets) {
    if (name != target_name) continue;
    hwy::DisableTargets(0);  // a new pin replaces the previous one: ask what the CPU itself runs
    if ((hwy::SupportedTargets() & target) == 0)
      throw InputError(field, "'" + name + "' is not a kernel target this CPU runs (supported up to " +
                                  kernels_dispatch_target() + ")");
    // Every target better than `target` has a smaller bit value: disable them all.
    hwy::DisableTargets(target - 1);
    // Highway keeps its baseline target even when asked to disable it (clang's is EMU128, wider than
    // HWY_SCALAR): a cap that did not take is an error, not a silent wider target.
    const std::string chosen = kernels_dispatch_target();
    bool capped = false;
    for (const auto& [other_name, other] : kTargets)
      if (other >= target && chosen == hwy::TargetName(other)) capped = true;
    if (!capped) {
      hwy::DisableTargets(0);
      throw InputError(field, "'" + name + "' cannot be pinned in this build (its narrowest kernel target is " +
                                  chosen + ")");
    }
    return;
  }
  throw InputError(field, "'" + name + "' is not a kernel target (scalar, ssse3, sse4, avx2, avx3, avx3_dl)");
}

std::string pin_kernels_isa_from_environment() {
  const char* name = std::getenv("ATTNBOUND_KERNELS_ISA");
  if (name != nullptr && *name != '\0') pin_kernels_isa(name, "ATTNBOUND_KERNELS_ISA");
  return kernels_dispatch_target();
}

}  // namespace attnbound::kernels
