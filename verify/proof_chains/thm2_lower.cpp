// Proof chain of thm2.lower (Theorem 2's lower bound on E[N_s]/N), replayed by verify/proof_replay.
// Markov + Cauchy-Schwarz, every bound written as 1 - penalty so consecutive steps share their ends:
//   E[N_s]/N >= 1 - (1/N) sum P(X_i > r)           only if no non-selected point enters B_r(s) (E7 (iv))
//            >= 1 - (1/(rN)) sum E X_i             Markov
//            >= 1 - (1/(rN)) sum sqrt(E X_i^2)      Cauchy-Schwarz
//            =  1 - (1/(rN)) sum xi_i               E X_i^2 = M^2 sum_{j != i} alpha_j^2 (xi_a; xi_b: <=)
// The moments and the xi_b pair step are shared with thm2.upper (thm2_moments.hpp).
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/thm2_lower.hpp"
#include "verify/proof_chains/thm2_moments.hpp"

namespace attnbound {
namespace {

using I = Interval;

std::vector<ProofStepValue> thm2_lower_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const proof_chain::Thm2Replay t = proof_chain::thm2_replay_setup(inst, variant, opt, thm2_lower::info().id);
  std::vector<ProofStepValue> s;
  const I b1 = I(1) - t.mc.beyond, b2 = I(1) - t.mc.mean_sum / t.rN, b3 = I(1) - t.root_sum / t.rN;
  s.push_back({"drop-outside-condition",
               "1 - (1/N) sum_i P(X_i > r) <= E[N_s]/N  (needs every non-selected point outside B_r(s), E7 (iv))",
               StepKind::at_most, b1, t.q, t.moments_statistical || t.q_statistical});
  s.push_back({"markov", "1 - (1/(rN)) sum_i E X_i <= 1 - (1/N) sum_i P(X_i > r)  (Markov: P(X_i > r) <= E X_i / r)",
               StepKind::at_most, b2, b1, t.moments_statistical});
  s.push_back({"cauchy-schwarz", "1 - (1/(rN)) sum_i sqrt(E X_i^2) <= 1 - (1/(rN)) sum_i E X_i  (E X_i <= sqrt(E X_i^2))",
               StepKind::at_most, b3, b2, t.moments_statistical});
  proof_chain::push_separation_steps(s, t, inst, variant);
  s.push_back({"claim", "1 - (1/(rN)) sum_i xi_i <= E[N_s]/N", StepKind::at_most, t.bound, t.q, t.q_statistical});
  return s;
}

}  // namespace

ProofChain thm2_lower_proof_chain() {
  return {thm2_lower::info().id,
          "spec section 2, Theorem 2 lower: Markov and Cauchy-Schwarz, E X_i^2 under Assumption 1 (probabilities "
          "and means exact at d = 1, Monte Carlo otherwise; E[N_s] exact at d = 1, certified at d = 2)",
          &thm2_lower_chain};
}

}  // namespace attnbound
