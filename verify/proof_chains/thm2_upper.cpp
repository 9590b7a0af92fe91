// Proof chain of thm2.upper (Theorem 2's upper bound on E[N_s]/N), replayed by verify/proof_replay.
// Hoeffding, h(m) = exp(-(m - r)_+^2/(2M^2)), non-increasing in m, and 1 for m <= r:
//   E[N_s]/N <= (1/N) sum P(X_i <= r) <= (1/N) sum h(E X_i) <= (1/N) sum h(xi_i),
// the last step needing xi_i <= E X_i, while Cauchy-Schwarz gives E X_i <= sqrt(E X_i^2) = xi_a,i (E7 (iii)).
// xi_b: E<x_j, x_k> = 0 under Assumption 1, <x_j, x_k> <= M^2 - delta^2/2 under Assumption 2: the certified
// step "pair-inner-product" compares the two (false when delta > sqrt(2) M and a pair j != k exists).
// The moments and the xi_b pair step are shared with thm2.lower (thm2_moments.hpp).
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/thm2_upper.hpp"
#include "verify/proof_chains/thm2_moments.hpp"

namespace attnbound {
namespace {

using I = Interval;

std::vector<ProofStepValue> thm2_upper_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const proof_chain::Thm2Replay t = proof_chain::thm2_replay_setup(inst, variant, opt, thm2_upper::info().id);
  const I two_M2 = I(2) * t.M2;
  const auto h = [&](const I& m) { return I(exp(-square(smax(I(m - t.r.radius), I(0))) / two_M2)); };
  I at_mean(0), at_xi(0);
  for (std::size_t k = 0; k < t.N; ++k) {
    at_mean += h(t.mc.mean[k]);
    at_xi += h(t.r.xi[k]);
  }
  at_mean /= t.n;
  at_xi /= t.n;
  const I inside = I(1) - t.mc.beyond;  // (1/N) sum_i P(X_i <= r)
  std::vector<ProofStepValue> s;
  s.push_back({"drop-outside-condition", "E[N_s]/N <= (1/N) sum_i P(X_i <= r)  (N_s counts i only if X_i <= r)",
               StepKind::at_most, t.q, inside, t.moments_statistical || t.q_statistical});
  s.push_back({"hoeffding", "(1/N) sum_i P(X_i <= r) <= (1/N) sum_i exp(-(E X_i - r)_+^2/(2M^2))  (Hoeffding, X_i in [0, 2M])",
               StepKind::at_most, inside, at_mean, t.moments_statistical});
  s.push_back({"cauchy-schwarz", "sum_i E X_i <= sum_i sqrt(E X_i^2)", StepKind::at_most, t.mc.mean_sum, t.root_sum,
               t.moments_statistical});
  proof_chain::push_separation_steps(s, t, inst, variant);
  s.push_back({"spread-for-mean",
               "(1/N) sum_i exp(-(E X_i - r)_+^2/(2M^2)) <= (1/N) sum_i exp(-(xi_i - r)_+^2/(2M^2))  (needs xi_i <= E X_i; "
               "Cauchy-Schwarz gives the opposite for xi_a, E7 (iii))",
               StepKind::at_most, at_mean, at_xi, t.moments_statistical});
  s.push_back({"claim", "E[N_s]/N <= (1/N) sum_i exp(-(xi_i - r)_+^2/(2M^2))", StepKind::at_most, t.q, t.bound,
               t.q_statistical});
  return s;
}

}  // namespace

ProofChain thm2_upper_proof_chain() {
  return {thm2_upper::info().id,
          "spec section 2, Theorem 2 upper: Hoeffding for X_i in [0, 2M] at E X_i, then xi_i in place of E X_i "
          "(probabilities and means exact at d = 1, Monte Carlo otherwise; E[N_s] exact at d = 1, certified at d = 2)",
          &thm2_upper_chain};
}

}  // namespace attnbound
