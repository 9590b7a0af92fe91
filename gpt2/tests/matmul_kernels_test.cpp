// Every instruction-set variant this CPU can run, against a double-precision loop, on odd sizes and strides.
// Bound: the standard dot-product bound |fl(sum) - sum| <= K u sum |a b| (u = 2^-24), with K + 2 terms to
// cover the bias addition and FMA/non-FMA evaluation.
#include "gpt2/matmul.hpp"

#include "testing/catch.hpp"

#include <array>
#include <cmath>
#include <random>
#include <vector>

using namespace attnbound::gpt2;

namespace {

std::vector<float> random_matrix(std::mt19937_64& rng, Index rows, Index ld) {
  std::normal_distribution<float> g(0.0f, 1.0f);
  std::vector<float> m(static_cast<std::size_t>(rows * ld));
  for (auto& v : m) v = g(rng);
  return m;
}

// Largest |got - exact| / ((K + 2) u sum|terms|) over the entries; <= 1 passes.
struct Check {
  double worst = 0;
  void add(double got, double exact, double abs_sum, Index K) {
    const double bound = static_cast<double>(K + 2) * 0x1p-24 * abs_sum + 0x1p-149;
    worst = std::max(worst, std::abs(got - exact) / bound);
  }
};

}  // namespace

TEST_CASE("matmul_kernels: every supported variant computes the four products within the dot-product bound",
          "[gpt2][matmul]") {
  const std::uint64_t seed = 20250823;
  std::mt19937_64 rng(seed);
  INFO("seed " << seed);
  for (const MatmulKernels* mm : matmul_supported_variants()) {
    INFO("variant " << mm->isa);
    const std::array<std::array<Index, 3>, 4> shapes{{{1, 1, 1}, {7, 13, 5}, {37, 64, 131}, {130, 257, 33}}};
    for (const auto& [M, K, N] : shapes) {
      INFO("M " << M << " K " << K << " N " << N);
      const Index lda = K + 3, ldb = N + 1, ldc = N + 5, ldbt = K + 2;
      const auto A = random_matrix(rng, M, lda), B = random_matrix(rng, K, ldb), Bt = random_matrix(rng, N, ldbt);
      const auto bias = random_matrix(rng, 1, N);
      std::vector<float> C(static_cast<std::size_t>(M * ldc), -7.0f);
      Check ab, abt;
      mm->gemm_bias(A.data(), lda, B.data(), ldb, bias.data(), C.data(), ldc, M, K, N);
      for (Index i = 0; i < M; ++i)
        for (Index j = 0; j < N; ++j) {
          double s = bias[j], a = std::abs(bias[j]);
          for (Index k = 0; k < K; ++k) {
            s += static_cast<double>(A[i * lda + k]) * B[k * ldb + j];
            a += std::abs(static_cast<double>(A[i * lda + k]) * B[k * ldb + j]);
          }
          ab.add(C[i * ldc + j], s, a, K);
        }
      // Padding between rows is never written.
      for (Index i = 0; i < M; ++i) CHECK(C[i * ldc + N] == -7.0f);
      mm->gemm_bt(A.data(), lda, Bt.data(), ldbt, C.data(), ldc, M, K, N);
      for (Index i = 0; i < M; ++i)
        for (Index j = 0; j < N; ++j) {
          double s = 0, a = 0;
          for (Index k = 0; k < K; ++k) {
            s += static_cast<double>(A[i * lda + k]) * Bt[j * ldbt + k];
            a += std::abs(static_cast<double>(A[i * lda + k]) * Bt[j * ldbt + k]);
          }
          abt.add(C[i * ldc + j], s, a, K);
        }
      CHECK(ab.worst <= 1.0);
      CHECK(abt.worst <= 1.0);
    }
    for (const Index T : {1, 5, 67, 200}) {
      const Index K = 19, ldq = K + 1, lds = T + 3, N = 11, ldv = N + 2, ldz = N + 4;
      INFO("T " << T);
      const auto Q = random_matrix(rng, T, ldq), Kt = random_matrix(rng, T, ldq), V = random_matrix(rng, T, ldv);
      std::vector<float> S(static_cast<std::size_t>(T * lds), 99.0f), Z(static_cast<std::size_t>(T * ldz), 0.0f);
      mm->gemm_bt_lower(Q.data(), ldq, Kt.data(), ldq, S.data(), lds, T, K);
      Check qk, pv;
      bool upper_untouched = true;
      for (Index i = 0; i < T; ++i)
        for (Index j = 0; j < T; ++j) {
          if (j > i) {
            upper_untouched = upper_untouched && S[i * lds + j] == 99.0f;
            continue;
          }
          double s = 0, a = 0;
          for (Index k = 0; k < K; ++k) {
            s += static_cast<double>(Q[i * ldq + k]) * Kt[j * ldq + k];
            a += std::abs(static_cast<double>(Q[i * ldq + k]) * Kt[j * ldq + k]);
          }
          qk.add(S[i * lds + j], s, a, K);
        }
      CHECK(upper_untouched);
      // The 99s above the diagonal must not be read by the triangular product.
      mm->lower_gemm(S.data(), lds, V.data(), ldv, Z.data(), ldz, T, N);
      for (Index i = 0; i < T; ++i)
        for (Index j = 0; j < N; ++j) {
          double s = 0, a = 0;
          for (Index k = 0; k <= i; ++k) {
            s += static_cast<double>(S[i * lds + k]) * V[k * ldv + j];
            a += std::abs(static_cast<double>(S[i * lds + k]) * V[k * ldv + j]);
          }
          pv.add(Z[i * ldz + j], s, a, T);
        }
      CHECK(qk.worst <= 1.0);
      CHECK(pv.worst <= 1.0);
    }
  }
}

TEST_CASE("matmul_kernels: gelu_new of every variant matches the double formula", "[gpt2][matmul]") {
  std::vector<float> x;
  for (int i = -4000; i <= 4000; ++i) x.push_back(static_cast<float>(i) * 0.0025f);  // [-10, 10]
  for (float v : {-30.0f, -9.5f, 0.0f, 1e-30f, 9.5f, 30.0f}) x.push_back(v);
  for (const MatmulKernels* mm : matmul_supported_variants()) {
    INFO("variant " << mm->isa);
    std::vector<float> y = x;
    mm->gelu_new_inplace(y.data(), static_cast<Index>(y.size()));
    double worst = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double t = x[i];
      const double exact = 0.5 * t * (1.0 + std::tanh(0.7978845608028654 * (t + 0.044715 * t * t * t)));
      // Eigen's float tanh is a few ulps; the formula's roundings add a few more, relative to max(|x|, 2^-10).
      worst = std::max(worst, std::abs(y[i] - exact) / (std::max(std::abs(t), 0x1p-10) * 0x1p-24));
    }
    WARN("gelu_new " << mm->isa << ": max error " << worst << " x 2^-24 max(|x|, 2^-10)");
    CHECK(worst <= 16.0);
  }
}
