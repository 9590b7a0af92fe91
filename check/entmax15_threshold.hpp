// entmax-1.5 (Peters, Niculae & Martins 2019; spec section 5 [E]) in Arb, the checker's own derivation:
//   p_i = g_i^2,  g_i = max(y_i - tau, 0),  y = l/2,  tau the root of phi(t) = sum_i max(y_i - t, 0)^2 = 1.
//
// Contract: s from check/exact_shift.hpp; here y_i = (l_i - l_top)/2 (halving is exact; entmax is shift
// invariant), so max y = 0. phi is continuous and strictly decreasing for t <= 0, phi(0) = 0, and
// phi(-1) >= (0 - (-1))^2 = 1, so tau is the unique root and lies in the certified bracket [-1, 0].
// Bisection on exact dyadic points m: phi(m) >= 1 certified => m <= tau (lo = m); phi(m) <= 1 certified =>
// m >= tau (hi = m); undecided: stop. It stops when every index is decided against the bracket (y_i > hi =>
// y_i > tau: in the support; y_i <= lo => y_i <= tau: out) or after `prec` steps.
// Candidate K = {i : not certified y_i <= lo} (undecided indices, e.g. a tie y_i = tau, join it: a member with
// y_i = tau adds (y_i - tau)^2 = 0). tau_K = the smaller root of sum_K (y_i - t)^2 = 1, written without
// cancellation as mean - sqrt((1 - M2)/k), M2 = sum_K (y_i - mean)^2 (the larger root exceeds every y_i on
// K unless they are all equal; 1 - M2 > 0 must be certified, else CheckUndecided).
// Certificate (Arb, every index): y_i - tau_K >= 0 on K and y_i - tau_K <= 0 off K. Then phi(tau_K) =
// sum_K (y_i - tau_K)^2 = 1, so tau_K = tau. When Arb cannot decide, CheckUndecided is thrown (never a guess).
// The Jacobian d p / d l = diag(g) - g g^T / sum g does not depend on whether an index with g_i = 0 is in K
// (its row and column are 0), so a tie y_i = tau needs no choice. g_i = max(y_i - tau, 0) (a ball, clipped at
// 0 since y_i >= tau is proved), p_i = g_i^2; tau is the intersection of tau_K's ball with the bracket.
// Reference: Peters, Niculae & Martins, "Sparse sequence-to-sequence models" (ACL 2019), section 3.
#pragma once

#include "check/exact_shift.hpp"

namespace attnbound::check {

struct Entmax15Threshold {
  std::vector<Ball> g, p;       // g_i = sqrt(p_i) = max(y_i - tau, 0), p_i = g_i^2
  std::vector<bool> in_support; // the candidate K (every index with g_i > 0, and possibly some with g_i = 0)
  Ball tau;                     // in the coordinates y = (l - l_top)/2
  long bisection_steps = 0;
};

Entmax15Threshold entmax15_threshold(const ShiftedLogits& s, long prec);

}  // namespace attnbound::check
