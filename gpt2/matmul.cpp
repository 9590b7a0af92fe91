#include "gpt2/matmul.hpp"

#include "theory/errors.hpp"

#include <cstdlib>
#include <string>

namespace attnbound::gpt2 {
namespace {

bool cpu_has_avx2_fma() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
bool cpu_has_avx512() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") && cpu_has_avx2_fma();
}

const MatmulKernels& choose() {
  if (const char* forced = std::getenv("ATTNBOUND_MATMUL_ISA")) return matmul_kernels_named(forced, "ATTNBOUND_MATMUL_ISA");
  if (cpu_has_avx512()) return detail::matmul_kernels_avx512();
  if (cpu_has_avx2_fma()) return detail::matmul_kernels_avx2_fma();
  return detail::matmul_kernels_generic();
}

}  // namespace

std::vector<const MatmulKernels*> matmul_supported_variants() {
  std::vector<const MatmulKernels*> v{&detail::matmul_kernels_generic()};
  if (cpu_has_avx2_fma()) v.push_back(&detail::matmul_kernels_avx2_fma());
  if (cpu_has_avx512()) v.push_back(&detail::matmul_kernels_avx512());
  return v;
}

const MatmulKernels& matmul_kernels_named(const std::string& name, const std::string& field) {
  for (const MatmulKernels* k : matmul_supported_variants())
    if (name == k->isa) return *k;
  throw InputError(field, "'" + name + "' is not a matmul variant this CPU supports (generic, avx2_fma, avx512)");
}

const MatmulKernels& matmul_kernels() {
  static const MatmulKernels& k = choose();
  return k;
}

}  // namespace attnbound::gpt2
