// Proof chain of alg5.fd_gradient (Algorithm 5's finite-difference sensitivity, erratum E1), replayed by
// verify/proof_replay. g = ||Delta||_2/eps, Delta = softmax((l + eps v)/T) - softmax(l/T), v = direction/||direction||:
//   simplex_diameter  g <= sqrt(||Delta||_1 ||Delta||_inf)/eps   (Hoelder: sum d_i^2 <= max|d_i| sum |d_i|)
//                       <= sqrt(2)/eps                           (two points of the simplex: ||Delta||_1 <= 2,
//                                                                 ||Delta||_inf <= 1)
//   lipschitz         g <= sup_{t in [0,1]} ||J(l + t eps v)||_2  (mean value inequality, ||eps v|| = eps)
//                       <= 1/(2T)                                (cor3.softmax_jacobian.corrected at every t)
//   cor3_bound        the same sup against min{1/(4T), sqrt 2}   (erratum E1: false near ties)
// The sup is enclosed by [max of ||J|| at both ends, max over kSegmentPieces pieces of the segment of the upper end
// of ||J|| over the piece] (the piece's logits as intervals: every J on it lies in the interval matrix).
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/alg5_fd_gradient.hpp"
#include "theory/euclidean_norm.hpp"
#include "theory/jacobian_norms.hpp"

namespace attnbound {
namespace {

using I = Interval;

constexpr std::size_t kSegmentPieces = 8;

// An enclosure of sup_{t in [0,1]} ||J(l + t step)||_2, J the softmax Jacobian at temperature T.
I sup_jacobian_norm_on_segment(const Vec<I>& l, const Vec<I>& step, const I& T) {
  const auto at = [&](const I& t) {
    Vec<I> moved(l);
    add_scaled(moved, t, step);
    return moved;
  };
  const auto larger = [](const Real& a, const Real& b) { return a < b ? b : a; };
  const Real lo = larger(lower_end(softmax_jacobian_spectral_norm(softmax(at(I(0)), T), T)),
                         lower_end(softmax_jacobian_spectral_norm(softmax(at(I(1)), T), T)));
  Real hi = lo;
  const I pieces = proof_chain::count(kSegmentPieces);
  for (std::size_t k = 0; k < kSegmentPieces; ++k) {
    const I t = hull(lower_end(I(proof_chain::count(k) / pieces)), upper_end(I(proof_chain::count(k + 1) / pieces)));
    hi = larger(hi, upper_end(spectral_norm(softmax_jacobian_from_weights(softmax(at(t), T), T))));
  }
  return hull(lo, hi);
}

std::vector<ProofStepValue> alg5_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = alg5_fd_gradient::evaluate<I>(inst, variant, opt);  // checks every hypothesis
  const Side<I>& claim = e.sides.at(0);
  const Vec<I> l = shift_invariant_logits<I>(inst, "logits");
  const I T = positive_scalar<I>(inst, "temperature");
  const I eps = positive_scalar<I>(inst, "epsilon");
  const Vec<I> direction = inst.vector<I>("direction");
  const Vec<I> step = scaled(direction, I(eps / euclidean_norm(direction)));  // eps v
  std::vector<ProofStepValue> s;
  if (variant == "simplex_diameter") {
    Vec<I> moved(l);
    add_scaled(moved, I(1), step);
    const Vec<I> delta = difference(softmax(moved, T), softmax(l, T));
    I l1(0), linf(0);
    for (const auto& d : delta) {
      l1 += abs(d);
      linf = smax(linf, I(abs(d)));
    }
    const I hoelder = sqrt(I(l1 * linf)) / eps;
    s.push_back({"hoelder", "g <= sqrt(||Delta||_1 ||Delta||_inf)/eps  (sum_i Delta_i^2 <= max_i |Delta_i| sum_i |Delta_i|)",
                 StepKind::at_most, claim.quantity, hoelder});
    s.push_back({"simplex", "sqrt(||Delta||_1 ||Delta||_inf)/eps <= sqrt(2)/eps  (two points of the simplex: "
                            "||Delta||_1 <= 2, ||Delta||_inf <= 1)",
                 StepKind::at_most, hoelder, alg5_fd_gradient::simplex_diameter_bound(eps)});
    s.push_back({"claim", "g(T, eps) <= sqrt(2)/eps", StepKind::at_most, claim.quantity, claim.bound});
    return s;
  }
  const I sup = sup_jacobian_norm_on_segment(l, step, T);
  s.push_back({"mean-value", "g <= sup_{t in [0,1]} ||J(l + t eps v)||_2  (mean value inequality along the segment, "
                             "||eps v|| = eps)",
               StepKind::at_most, claim.quantity, sup});
  if (variant == "lipschitz") {
    s.push_back({"corrected-cor3", "sup_t ||J(l + t eps v)||_2 <= 1/(2T)  (cor3.softmax_jacobian.corrected at every t)",
                 StepKind::at_most, sup, claim.bound});
    s.push_back({"claim", "g(T, eps) <= 1/(2T)", StepKind::at_most, claim.quantity, claim.bound});
  } else {
    s.push_back({"cor3-bound", "sup_t ||J(l + t eps v)||_2 <= min{1/(4T), sqrt 2}  (Corollary 3 as stated; false near "
                               "ties, E1)",
                 StepKind::at_most, sup, claim.bound});
    s.push_back({"claim", "g(T, eps) <= min{1/(4T), sqrt 2}", StepKind::at_most, claim.quantity, claim.bound});
  }
  return s;
}

}  // namespace

ProofChain alg5_fd_gradient_proof_chain() {
  return {alg5_fd_gradient::info().id,
          "spec 1.6 and erratum E1, Algorithm 5: Hoelder and the simplex diameter (simplex_diameter); the mean value "
          "inequality along the segment, then the corrected (lipschitz) or the stated (cor3_bound) Corollary 3",
          &alg5_chain};
}

}  // namespace attnbound
