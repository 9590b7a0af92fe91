// The dense float32 products of the GPT-2 forward pass, on raw row-major buffers, with the instruction set
// chosen at run time: Eigen 3.4's GEMM compiled three times (baseline x86-64, AVX2+FMA, AVX-512; see
// matmul_kernels.cpp) and the widest variant the CPU supports called. Eigen itself does not dispatch at run
// time, so a library compiled for baseline x86-64 would otherwise run SSE2 code on an AVX-512 machine.
//
// Contract. All matrices row-major with the given leading dimensions (elements between row starts); no
// aliasing between inputs and outputs. Error: fp32 GEMM, each output a sum of K products accumulated in
// float in blocks (|error| <= K u sum_k |a_ik b_kj| + O(u^2), u = 2^-24, the standard dot-product bound);
// variants differ only in rounding (FMA or not, summation order), never in what is computed. Not certified.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace attnbound::gpt2 {

using Index = std::ptrdiff_t;

// One instruction-set variant of the products (all entry points take the same arguments).
struct MatmulKernels {
  const char* isa;  // "generic", "avx2_fma", "avx512"
  // C[M, N] = A[M, K] B[K, N] (+ bias[N] on every row when bias is not null).
  void (*gemm_bias)(const float* A, Index lda, const float* B, Index ldb, const float* bias, float* C, Index ldc,
                    Index M, Index K, Index N);
  // C[M, N] = A[M, K] B[N, K]^T.
  void (*gemm_bt)(const float* A, Index lda, const float* B, Index ldb, float* C, Index ldc, Index M, Index K,
                  Index N);
  // Lower triangle (j <= i) of S[T, T] = Q[T, K] Kt[T, K]^T; entries above the diagonal are left untouched.
  void (*gemm_bt_lower)(const float* Q, Index ldq, const float* Kt, Index ldk, float* S, Index lds, Index T,
                        Index K);
  // Z[T, N] = tril(P)[T, T] V[T, N] (entries of P above the diagonal are not read).
  void (*lower_gemm)(const float* P, Index ldp, const float* V, Index ldv, float* Z, Index ldz, Index T, Index N);
  // x <- 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) over n contiguous floats (GPT-2's gelu_new).
  void (*gelu_new_inplace)(float* x, Index n);
};

// The variant for this CPU: avx512 if it has AVX-512 F/DQ/BW/VL, else avx2_fma with AVX2 and FMA, else generic.
// ATTNBOUND_MATMUL_ISA=generic|avx2_fma|avx512 forces one (an unsupported or unknown name is an InputError
// naming the variable).
const MatmulKernels& matmul_kernels();

// The variant with that name ("generic", "avx2_fma", "avx512"); InputError naming `field` when the name is
// unknown or this CPU cannot run it.
const MatmulKernels& matmul_kernels_named(const std::string& name, const std::string& field);

// Every variant compiled in that this CPU can run (generic first), for tests and benchmarks.
std::vector<const MatmulKernels*> matmul_supported_variants();

namespace detail {
// One per compilation of matmul_kernels.cpp; calling a variant the CPU lacks is undefined (SIGILL).
const MatmulKernels& matmul_kernels_generic();
const MatmulKernels& matmul_kernels_avx2_fma();
const MatmulKernels& matmul_kernels_avx512();
}  // namespace detail

}  // namespace attnbound::gpt2
