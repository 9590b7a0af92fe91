// Sparsemax (Martins & Astudillo 2016; spec section 5 [E]) in Arb with a certified support, the checker's own
// derivation: p = argmin_{q in simplex} ||q - y||^2, p_i = max(y_i - tau, 0), sum_i p_i = 1.
//
// Contract: s from check/exact_shift.hpp (y_i = l_i - l_top, so y_top = 0; sparsemax(l + c 1) = sparsemax(l)).
// psi(t) = sum_i max(y_i - t, 0) is continuous and strictly decreasing for t <= max y = 0, with psi(0) = 0
// and psi(-1) >= 1, so tau is its unique root, tau in [-1, 0). If K is the support, tau = (sum_{K} y - 1)/|K|.
// The candidate K is the top-k prefix of the exact order whose tau_k = (sum_{j<=k} y_(j) - 1)/k satisfies
// y_(k) > tau_k by midpoints (a choice; it affects nothing but whether the certificate below succeeds).
// Certificate (every index, Arb): y_i - tau_k > 0 for i in K and y_i - tau_k <= 0 for i not in K. Then
// psi(tau_k) = sum_K (y_i - tau_k) = 1, so tau_k = tau (unique root) and K = {i : y_i > tau} exactly: the
// support of the B-subdifferential piece at a tie y_i = tau (index i outside, as the engine's convention).
// When Arb cannot decide one of these comparisons, CheckUndecided is thrown (never a guess).
// p_i = y_i - tau on K (a ball), 0 exactly off K.
// Reference: Martins & Astudillo, "From softmax to sparsemax" (ICML 2016), Prop. 1 (closed form, KKT).
#pragma once

#include "check/exact_shift.hpp"

namespace attnbound::check {

struct SparsemaxSupport {
  std::vector<Ball> p;
  std::vector<bool> in_support;
  std::size_t size = 0;
  Ball tau;  // in the shifted coordinates y
};

SparsemaxSupport sparsemax_support(const ShiftedLogits& s, long prec);

}  // namespace attnbound::check
