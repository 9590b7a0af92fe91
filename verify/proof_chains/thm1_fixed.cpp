// Proof chain of thm1.fixed (Theorem 1, fixed top-N set), replayed by verify/proof_replay.
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/errors.hpp"
#include "theory/inputs.hpp"
#include "theory/thm1_fixed.hpp"
#include "theory/top_n.hpp"

namespace attnbound {
namespace {

using I = Interval;

// ---- Theorem 1, fixed I_N: the 4-line derivation of the spec, reading (a) -------------------------------
//   d~ = sum_{i notin I} || sum_{j in I} (a_i/N)(x_i - x_j) + sum_{j in I} (a_i/N - a_j) x_j ||
//      <= sum_i sum_j (a_i/N)||x_i - x_j|| + sum_i sum_j |a_i/N - a_j| ||x_j||          (triangle)
//      <= (1 - abar) d_1 + max_j ||x_j|| sum_i sum_j |a_i/N - a_j|                        (d_1, max norm)
//      =  (1 - abar) d_1 + max_j ||x_j|| [(L - N) abar - (1 - abar)]                      (a_j >= a_i/N)
std::vector<ProofStepValue> thm1_fixed_chain(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(find_statement("thm1.fixed").info.inputs);
  if (read_distance_reading(inst) != DistanceReading::sum_of_norms)
    throw InputError("distance", "the proof replay follows reading (a) (sum_of_norms), the one Theorem 1 bounds");
  const WeightsInput<I> w = read_weights<I>(inst);
  const std::size_t L = w.alpha.size();
  const Mat<I> x = read_embeddings<I>(inst, L);
  const std::vector<std::size_t> set = read_top_set(inst, w.order_keys);
  const std::size_t N = set.size();
  const std::vector<bool> in = membership(L, set);
  const Vec<I>& a = w.alpha;
  const I n(static_cast<long long>(N));
  I abar(0), rest(0), max_norm(0);
  for (std::size_t i = 0; i < L; ++i) {
    if (in[i]) {
      abar += a[i];
      max_norm = smax(max_norm, norm2(x[i]));
    } else {
      rest += a[i];
    }
  }
  const I d1 = largest_out_of_set_distance(x, in);
  const I dist = representation_distance(a, x, in, DistanceReading::sum_of_norms);
  I split(0), triangle(0), coeff_sum(0);
  for (std::size_t i = 0; i < L; ++i) {
    if (in[i]) continue;
    Vec<I> v(x[i].size(), I(0));
    for (std::size_t j = 0; j < L; ++j) {
      if (!in[j]) continue;
      add_scaled(v, I(a[i] / n), difference(x[i], x[j]));
      add_scaled(v, I(a[i] / n - a[j]), x[j]);
      triangle += a[i] / n * norm2(difference(x[i], x[j])) + abs(I(a[i] / n - a[j])) * norm2(x[j]);
      coeff_sum += abs(I(a[i] / n - a[j]));
    }
    split += norm2(v);
  }
  const I lead = I(static_cast<long long>(L - N)) * abar;
  const I bound = thm1_fixed::bound(rest, d1, max_norm, L - N, abar, variant == "loose");
  std::vector<ProofStepValue> s;
  s.push_back({"split", "d~ = sum_{i notin I} ||sum_{j in I} (a_i/N)(x_i - x_j) + (a_i/N - a_j) x_j||",
               StepKind::identity, dist, split});
  s.push_back({"triangle", "... <= sum_i sum_j (a_i/N)||x_i - x_j|| + |a_i/N - a_j| ||x_j||", StepKind::at_most,
               split, triangle});
  s.push_back({"d1-and-max-norm", "... <= (1 - abar) d_1 + max_j||x_j|| sum_i sum_j |a_i/N - a_j|",
               StepKind::at_most, triangle, I(rest * d1 + max_norm * coeff_sum)});
  s.push_back({"top-set-signs", "sum_i sum_j |a_i/N - a_j| = (L - N) abar - (1 - abar)  (a_j >= a_i >= a_i/N)",
               StepKind::identity, coeff_sum, I(lead - rest)});
  s.push_back({"claim", variant == "loose" ? "d~ <= (1 - abar) d_1 + max||x_j|| [(L - N) abar + (1 - abar)]"
                                           : "d~ <= (1 - abar) d_1 + max||x_j|| [(L - N) abar - (1 - abar)]",
               StepKind::at_most, dist, bound});
  return s;
}

}  // namespace

ProofChain thm1_fixed_proof_chain() {
  return {thm1_fixed::info().id,
          "spec section 2, Theorem 1 part 1: the 4-line derivation (split, triangle, d_1, top-set signs)",
          &thm1_fixed_chain};
}

}  // namespace attnbound
