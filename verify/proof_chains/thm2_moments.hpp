// Theorem 2's shared replay machinery: the per-token moments of X_i = ||s - alpha_i x_i|| (exact at d = 1,
// Monte Carlo otherwise) and the quantities both sides' chains (thm2_lower.cpp, thm2_upper.cpp) step through.
//
// Contract: thm2_replay_setup evaluates the statement `id` (thm2.lower or thm2.upper) on the instance and
// encloses sum_i sqrt(E X_i^2), sum_i xi_i and the pair mass sum_i B_i in interval arithmetic; the moments
// are exact enclosures at d = 1 with N <= kExactMomentsMaxN, else Monte Carlo confidence intervals (seeded
// from EvalOptions::seed, NOT certified: moments_statistical). push_separation_steps appends the steps from
// sqrt(E X_i^2) to xi_i (an identity under Assumption 1 for xi_a; Assumption 2's pair step for xi_b).
#pragma once

#include "theory/thm2_lower.hpp"
#include "verify/proof_chains/proof_chains.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace attnbound::proof_chain {

struct TokenStatistics {
  Interval beyond;    // (1/N) sum_i P(X_i > r)
  Interval mean_sum;  // sum_i E X_i
  Vec<Interval> mean;  // E X_i
};


// d = 1: exact moments for N <= kExactMomentsMaxN (2^N sign patterns); beyond, Monte Carlo.
inline constexpr std::size_t kExactMomentsMaxN = 14;

struct Thm2Replay {
  Evaluation<Interval> e;          // the statement's own evaluation (its claim side)
  SeparabilitySetup<Interval> r;   // radius r, sphere radius M, xi_i
  std::size_t N = 0;
  Interval M2, root_sum, xi_sum, pair_mass;  // M^2, sum_i sqrt(E X_i^2), sum_i xi_i, sum_i B_i
  TokenStatistics mc;                        // per-token moments
  bool moments_statistical = false;          // mc is Monte Carlo (not certified)
  bool q_statistical = false;                // E[N_s]/N is Monte Carlo
  Interval n, rN, q, bound;                  // N, r N, E[N_s]/N and the claim's bound
};

Thm2Replay thm2_replay_setup(const Instance& inst, const std::string& variant, const EvalOptions& opt,
                             const std::string& id);

void push_separation_steps(std::vector<ProofStepValue>& s, const Thm2Replay& t, const Instance& inst,
                           const std::string& variant);

}  // namespace attnbound::proof_chain
