// check/matrix_spectral_bounds.hpp.
#include "check/matrix_spectral_bounds.hpp"

#include <arb_mat.h>

#include <cmath>

namespace attnbound::check {
namespace {

// The checker's own estimate of the top right singular vector (double, midpoints): accuracy only.
std::vector<double> power_vector(const BallMatrix& J) {
  const std::size_t L = J.size();
  std::vector<std::vector<double>> A(L, std::vector<double>(L));
  for (std::size_t i = 0; i < L; ++i)
    for (std::size_t j = 0; j < L; ++j) {
      A[i][j] = approx(J[i][j]);
      if (!std::isfinite(A[i][j])) return {};
    }
  std::vector<double> v(L, 1.0), u(L);
  for (int it = 0; it < 100; ++it) {
    for (std::size_t i = 0; i < L; ++i) {
      u[i] = 0;
      for (std::size_t j = 0; j < L; ++j) u[i] += A[i][j] * v[j];
    }
    double n = 0;
    for (std::size_t j = 0; j < L; ++j) {
      v[j] = 0;
      for (std::size_t i = 0; i < L; ++i) v[j] += A[i][j] * u[i];
      n += v[j] * v[j];
    }
    n = std::sqrt(n);
    if (!(n > 0) || !std::isfinite(n)) return {};
    for (auto& x : v) x /= n;
  }
  return v;
}

}  // namespace

Ball matrix_spectral_lower(const BallMatrix& J, long prec) {
  const std::size_t L = J.size();
  Ball best(0);
  for (std::size_t j = 0; j < L; ++j) {  // ||J e_j||
    Ball s(0);
    for (std::size_t i = 0; i < L; ++i) s = add(s, mul(J[i][j], J[i][j], prec), prec);
    best = max_of(best, lower_end(sqrt_nonnegative(s, prec)), prec);
  }
  const std::vector<double> v = power_vector(J);
  if (!v.empty()) {
    Ball vv(0), jv(0);
    std::vector<Ball> vb;
    for (double x : v) {
      Ball b;
      arb_set_d(b.get(), x);  // exact point
      vb.push_back(b);
      vv = add(vv, mul(b, b, prec), prec);
    }
    for (std::size_t i = 0; i < L; ++i) {
      Ball r(0);
      for (std::size_t j = 0; j < L; ++j) r = add(r, mul(J[i][j], vb[j], prec), prec);
      jv = add(jv, mul(r, r, prec), prec);
    }
    if (certainly_positive(vv))  // ||J v||^2 / ||v||^2 <= ||J||_2^2
      best = max_of(best, lower_end(sqrt_nonnegative(div(jv, vv, prec), prec)), prec);
  }
  return best;
}

Ball matrix_spectral_upper(const BallMatrix& J, long prec) {
  const std::size_t L = J.size();
  Ball frob(0), max_row(0), max_col(0);
  for (std::size_t i = 0; i < L; ++i) {
    Ball row(0), col(0);
    for (std::size_t j = 0; j < L; ++j) {
      frob = add(frob, mul(J[i][j], J[i][j], prec), prec);
      row = add(row, abs_of(J[i][j]), prec);
      col = add(col, abs_of(J[j][i]), prec);
    }
    max_row = max_of(max_row, row, prec);
    max_col = max_of(max_col, col, prec);
  }
  return min_of(upper_end(sqrt_nonnegative(frob, prec)), upper_end(sqrt_nonnegative(mul(max_row, max_col, prec), prec)), prec);
}

bool shifted_gram_positive_definite(const BallMatrix& G, const Ball& b, long prec) {
  const long L = static_cast<long>(G.size());
  arb_mat_t A, C;
  arb_mat_init(A, L, L);
  arb_mat_init(C, L, L);
  const Ball b2 = mul(b, b, prec);
  for (long j = 0; j < L; ++j)
    for (long k = 0; k < L; ++k) {
      Ball e = neg(G[j][k]);
      if (j == k) e = add(e, b2, prec);
      arb_set(arb_mat_entry(A, j, k), e.get());
    }
  const bool pd = arb_mat_cho(C, A, prec) != 0;  // nonzero only if A is certified positive definite
  arb_mat_clear(A);
  arb_mat_clear(C);
  return pd;
}

bool matrix_spectral_at_most(const BallMatrix& J, const Ball& b, long prec) {
  if (certainly_le(matrix_spectral_upper(J, prec), b)) return true;
  if (!certainly_positive(b)) return false;
  const std::size_t L = J.size();
  BallMatrix G(L, std::vector<Ball>(L));
  for (std::size_t j = 0; j < L; ++j)
    for (std::size_t k = 0; k < L; ++k) {
      Ball g(0);  // (J^T J)_jk = sum_i J_ij J_ik
      for (std::size_t i = 0; i < L; ++i) g = add(g, mul(J[i][j], J[i][k], prec), prec);
      G[j][k] = g;
    }
  return shifted_gram_positive_definite(G, b, prec);
}

}  // namespace attnbound::check
