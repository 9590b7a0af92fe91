// Proof chain of cor3.softmax_jacobian.corrected (Corollary 3 corrected, erratum E1), replayed by
// verify/proof_replay. J = (diag a - a a^T)/T, a = softmax(l/T); every variant is tight at a two-way tie.
//   spectral    ||J||_2 = lambda_max(diag a - a a^T)/T = Var_a(v)/T for the unit top eigenvector v
//               (v^T (diag a - a a^T) v = sum_i a_i v_i^2 - (sum_i a_i v_i)^2 is the variance of v under a)
//               <= (max v - min v)^2/(4T)  (Popoviciu)  <= 1/(2T)  ((max v - min v)^2 <= 2 (max v^2 + min v^2)
//               <= 2 ||v||^2 = 2). The witness v: a_i/(a_i - lambda), normalised (the secular equation's
//               eigenvector), or (e_i - e_j)/sqrt 2 when the enclosures of the two largest weights overlap
//               (at an exact two-way tie that is an eigenvector; at a near tie the enclosures cannot separate,
//               the "variance" identity is false of that witness and says so, never a certified holds).
//   frobenius   ||J||_F^2 = (s2 - 2 s3 + s2^2)/T^2 (s_k = sum_i a_i^k) <= (s2 - s2^2)/T^2 (s3 >= s2^2 by
//               Cauchy-Schwarz) <= 1/(4T^2) (AM-GM)
//   per_weight  ||grad a_i||^2 = a_i^2((1 - a_i)^2 + sum_{j != i} a_j^2)/T^2 <= 2 a_i^2 (1 - a_i)^2/T^2
//               (sum_{j != i} a_j^2 <= (sum_{j != i} a_j)^2) <= 1/(8 T^2) (AM-GM), i the row the claim reports
//   max_weight  ||J||_2 = lambda_max(diag a - a a^T)/T <= max_i a_i/T (diag a - a a^T <= diag a, a a^T PSD)
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/cor3_softmax_jacobian_corrected.hpp"
#include "theory/euclidean_norm.hpp"
#include "theory/inputs.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/softmax.hpp"

#include <algorithm>
#include <numeric>

namespace attnbound {
namespace {

using I = Interval;

// The unit witness of the spectral chain (see the contract above).
Vec<I> top_eigenvector(const Vec<I>& a, const I& lambda) {
  const std::size_t L = a.size();
  Vec<I> v(L, I(0));
  if (L == 1) {
    v[0] = I(1);
    return v;
  }
  std::vector<std::size_t> order(L);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return approx(a[i]) > approx(a[j]); });
  const std::size_t first = order[0], second = order[1];
  if (upper_end(a[second]) >= lower_end(a[first])) {
    const I h = I(1) / sqrt(I(2));
    v[first] = h;
    v[second] = -h;
    return v;
  }
  for (std::size_t i = 0; i < L; ++i) v[i] = a[i] / (a[i] - lambda);
  return scaled(v, I(I(1) / euclidean_norm(v)));
}

std::vector<ProofStepValue> cor3_corrected_chain(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  const Evaluation<I> e = cor3_softmax_jacobian_corrected::evaluate<I>(inst, variant, opt);
  const Side<I>& claim = e.sides.at(0);
  const Vec<I> l = shift_invariant_logits<I>(inst, "logits");
  const I T = positive_scalar<I>(inst, "temperature");
  const Vec<I> a = softmax(l, T);
  const std::size_t L = a.size();
  std::vector<ProofStepValue> s;
  if (variant == "spectral" || variant == "max_weight") {
    const I lambda = softmax_jacobian_spectral_norm(a, I(1));  // lambda_max(diag a - a a^T)
    if (L <= 160)
      s.push_back({"secular", "||J||_2 (general enclosure) = lambda_max(diag a - a a^T)/T (secular equation)",
                   StepKind::identity, spectral_norm(softmax_jacobian_from_weights(a, T)), I(lambda / T)});
    if (variant == "max_weight") {
      s.push_back({"psd-order", "lambda_max(diag a - a a^T)/T <= max_i a_i/T  (diag a - a a^T <= diag a: a a^T is PSD)",
                   StepKind::at_most, I(lambda / T), I(max_element_value(a) / T)});
      s.push_back({"claim", "||J||_2 <= max_i a_i/T", StepKind::at_most, claim.quantity, claim.bound});
      return s;
    }
    const Vec<I> v = top_eigenvector(a, lambda);
    I second(0), first(0);
    for (std::size_t i = 0; i < L; ++i) {
      second += a[i] * square(v[i]);
      first += a[i] * v[i];
    }
    const I variance = second - square(first);
    const I popoviciu = square(I(max_element_value(v) - min_element_value(v))) / (I(4) * T);
    s.push_back({"variance", "lambda_max(diag a - a a^T)/T = v^T (diag a - a a^T) v/T = Var_a(v)/T, v the unit top "
                             "eigenvector (a_i/(a_i - lambda) normalised; (e_i - e_j)/sqrt 2 at a two-way tie)",
                 StepKind::identity, I(lambda / T), I(variance / T)});
    s.push_back({"popoviciu", "Var_a(v)/T <= (max v - min v)^2/(4T)  (Popoviciu's inequality)", StepKind::at_most,
                 I(variance / T), popoviciu});
    s.push_back({"unit-range", "(max v - min v)^2/(4T) <= 1/(2T)  ((max v - min v)^2 <= 2(max v^2 + min v^2) <= 2||v||^2 = 2)",
                 StepKind::at_most, popoviciu, I(I(1) / (I(2) * T))});
    s.push_back({"claim", "||J||_2 <= 1/(2T)", StepKind::at_most, claim.quantity, claim.bound});
    return s;
  }
  const I T2 = square(T);
  if (variant == "frobenius") {
    I s2(0), s3(0);
    for (const auto& x : a) {
      s2 += square(x);
      s3 += square(x) * x;
    }
    const I expanded = (s2 - I(2) * s3 + square(s2)) / T2, dropped = (s2 - square(s2)) / T2;
    s.push_back({"frobenius-expansion", "||J||_F^2 = (s2 - 2 s3 + s2^2)/T^2, s_k = sum_i a_i^k", StepKind::identity,
                 square(claim.quantity), expanded});
    s.push_back({"cauchy-schwarz", "(s2 - 2 s3 + s2^2)/T^2 <= (s2 - s2^2)/T^2  (s3 >= s2^2: (sum a_i^2)^2 <= sum a_i sum a_i^3)",
                 StepKind::at_most, expanded, dropped});
    s.push_back({"am-gm", "(s2 - s2^2)/T^2 <= 1/(4T^2)  (s2 (1 - s2) <= 1/4)", StepKind::at_most, dropped,
                 I(I(1) / (I(4) * T2))});
    s.push_back({"claim", "||J||_F <= 1/(2T)", StepKind::at_most, claim.quantity, claim.bound});
    return s;
  }
  // per_weight: the row the claim reports (its largest norm).
  const std::size_t i = static_cast<std::size_t>(claim.index.value());
  I others_sq(0);
  for (std::size_t j = 0; j < L; ++j)
    if (j != i) others_sq += square(a[j]);
  const I rest = I(1) - a[i];
  const I row_sq = square(a[i]) * (square(rest) + others_sq) / T2, doubled = I(2) * square(I(a[i] * rest)) / T2;
  s.push_back({"row-norm", "max_i ||grad a_i||^2 = a_i^2((1 - a_i)^2 + sum_{j != i} a_j^2)/T^2, i the row the claim reports",
               StepKind::identity, square(claim.quantity), row_sq});
  s.push_back({"others-squared", "a_i^2((1 - a_i)^2 + sum_{j != i} a_j^2)/T^2 <= 2 a_i^2 (1 - a_i)^2/T^2  "
                                 "(sum_{j != i} a_j^2 <= (sum_{j != i} a_j)^2 = (1 - a_i)^2)",
               StepKind::at_most, row_sq, doubled});
  s.push_back({"am-gm", "2 a_i^2 (1 - a_i)^2/T^2 <= 1/(8T^2)  (a_i (1 - a_i) <= 1/4)", StepKind::at_most, doubled,
               I(I(1) / (I(8) * T2))});
  s.push_back({"claim", "max_i ||grad a_i||_2 <= sqrt(2)/(4T)", StepKind::at_most, claim.quantity, claim.bound});
  return s;
}

}  // namespace

ProofChain cor3_softmax_jacobian_corrected_proof_chain() {
  return {cor3_softmax_jacobian_corrected::info().id,
          "spec section 6, E1 (corrected Corollary 3): the Jacobian's quadratic form is a variance under a, "
          "Popoviciu's inequality and a unit vector's range <= sqrt 2 (spectral); s3 >= s2^2 (frobenius); "
          "sum_{j != i} a_j^2 <= (1 - a_i)^2 (per_weight); diag a - a a^T <= diag a (max_weight)",
          &cor3_corrected_chain};
}

}  // namespace attnbound
