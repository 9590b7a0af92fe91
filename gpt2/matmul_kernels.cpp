// One instruction-set variant of the forward pass's dense products (contract in matmul.hpp). This file is
// compiled once per variant (gpt2/CMakeLists.txt): ATTNBOUND_MATMUL_VARIANT names it, the target flags
// (-mavx2 -mfma, -mavx512f ...) select Eigen's vector path, and `Eigen` is #defined to a per-variant
// namespace (attnbound_eigen_<variant>) so that the variants' inline Eigen functions never share a symbol:
// otherwise the linker could keep an AVX-512 copy of some helper for the baseline code path.
#include "gpt2/matmul.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>

#ifndef ATTNBOUND_MATMUL_VARIANT
#error "compile with -DATTNBOUND_MATMUL_VARIANT=generic|avx2_fma|avx512"
#endif
#define ATTNBOUND_MATMUL_CAT2(a, b) a##b
#define ATTNBOUND_MATMUL_CAT(a, b) ATTNBOUND_MATMUL_CAT2(a, b)
#define ATTNBOUND_MATMUL_STR2(a) #a
#define ATTNBOUND_MATMUL_STR(a) ATTNBOUND_MATMUL_STR2(a)

namespace attnbound::gpt2 {
namespace {

using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMap = Eigen::Map<const Mat, 0, Eigen::OuterStride<>>;
using MutMap = Eigen::Map<Mat, 0, Eigen::OuterStride<>>;

void gemm_bias(const float* A, Index lda, const float* B, Index ldb, const float* bias, float* C, Index ldc, Index M,
               Index K, Index N) {
  MutMap c(C, M, N, Eigen::OuterStride<>(ldc));
  c.noalias() = ConstMap(A, M, K, Eigen::OuterStride<>(lda)) * ConstMap(B, K, N, Eigen::OuterStride<>(ldb));
  if (bias) c.rowwise() += Eigen::Map<const Eigen::Matrix<float, 1, Eigen::Dynamic>>(bias, N);
}

void gemm_bt(const float* A, Index lda, const float* B, Index ldb, float* C, Index ldc, Index M, Index K, Index N) {
  MutMap c(C, M, N, Eigen::OuterStride<>(ldc));
  c.noalias() = ConstMap(A, M, K, Eigen::OuterStride<>(lda)) * ConstMap(B, N, K, Eigen::OuterStride<>(ldb)).transpose();
}

void gemm_bt_lower(const float* Q, Index ldq, const float* Kt, Index ldk, float* S, Index lds, Index T, Index K) {
  MutMap s(S, T, T, Eigen::OuterStride<>(lds));
  // Eigen's triangular-destination product computes only the blocks that meet the lower triangle.
  s.triangularView<Eigen::Lower>() =
      ConstMap(Q, T, K, Eigen::OuterStride<>(ldq)) * ConstMap(Kt, T, K, Eigen::OuterStride<>(ldk)).transpose();
}

void lower_gemm(const float* P, Index ldp, const float* V, Index ldv, float* Z, Index ldz, Index T, Index N) {
  MutMap z(Z, T, N, Eigen::OuterStride<>(ldz));
  z.noalias() = ConstMap(P, T, T, Eigen::OuterStride<>(ldp)).triangularView<Eigen::Lower>() *
                ConstMap(V, T, N, Eigen::OuterStride<>(ldv));
}

// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): Hendrycks & Gimpel's tanh form, as in HF's NewGELU.
// Every element goes through the same 16-wide code (fixed-size blocks, the tail through a padded block), so
// its result does not depend on where a caller's chunk starts (no alignment peeling, no scalar tail).
void gelu_new_inplace(float* x, Index n) {
  using Block = Eigen::Array<float, 16, 1>;
  auto gelu = [](Eigen::Map<Block> a) {
    const float c = 0.7978845608028654f;
    a = 0.5f * a * (1.0f + (c * (a + 0.044715f * a.cube())).tanh());
  };
  Index i = 0;
  for (; i + 16 <= n; i += 16) gelu(Eigen::Map<Block>(x + i));
  if (i < n) {
    float pad[16] = {};
    std::copy(x + i, x + n, pad);
    gelu(Eigen::Map<Block>(pad));
    std::copy(pad, pad + (n - i), x + i);
  }
}

}  // namespace

namespace detail {
const MatmulKernels& ATTNBOUND_MATMUL_CAT(matmul_kernels_, ATTNBOUND_MATMUL_VARIANT)() {
  static const MatmulKernels k{ATTNBOUND_MATMUL_STR(ATTNBOUND_MATMUL_VARIANT), gemm_bias, gemm_bt, gemm_bt_lower,
                               lower_gemm, gelu_new_inplace};
  return k;
}
}  // namespace detail

}  // namespace attnbound::gpt2
