// Algorithm 5's finite-difference sensitivity g(T, eps) (spec 1.6, Appendix B; erratum E1) against:
//   simplex_diameter  g <= sqrt(2)/eps        (default) always true: two points of the probability simplex
//                                             are at most sqrt 2 apart
//   lipschitz         g <= 1/(2T)             true: by the mean value theorem along the segment,
//                                             ||Delta alpha|| <= sup ||J||_2 eps and ||J||_2 <= 1/(2T)
//                                             (cor3.softmax_jacobian.corrected)
//   cor3_bound        g <= min{1/(4T), sqrt 2} the paper's Fig. 4 comparison; expected false near ties
//                                             (l = (0,0), v = (1,-1)/sqrt 2: g -> 1/(2T) as eps -> 0)
// g is defined in theory/fd_sensitivity.hpp; the direction is normalised to a unit vector there.
#pragma once

#include "theory/cor3_softmax_jacobian_corrected.hpp"
#include "theory/fd_sensitivity.hpp"
#include "theory/inputs.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/statement.hpp"

#include <fmt/format.h>

namespace attnbound::alg5_fd_gradient {

// The simplex_diameter bound sqrt(2)/eps: ||softmax(a) - softmax(b)||_2 <= sqrt 2 for any two points of the
// probability simplex (||p - q||_2^2 <= ||p||_2^2 + ||q||_2^2 <= 2 since p, q >= 0 and ||p||_2 <= ||p||_1 = 1),
// divided by eps. Domain eps > 0. Point types: one sqrt and one division, each rounded once; Interval encloses
// the exact bound. Called by evaluate<S> below and by the double loops of reports/.
template <class S> S simplex_diameter_bound(const S& epsilon) { return S(sqrt(S(2))) / epsilon; }

inline StatementInfo info() {
  return {"alg5.fd_gradient",
          "Finite-difference gradient sensitivity g(T, eps)",
          "Algorithm 5 (Appendix B), Sec. 3.3 Fig. 4; spec 1.6, erratum E1",
          "logits finite, temperature T > 0, epsilon > 0, direction nonzero with L entries (normalised to unit length)",
          {"logits", "temperature", "epsilon", "direction"},
          {{"simplex_diameter", "g(T, eps) <= sqrt(2)/eps", "true (simplex diameter)"},
           {"lipschitz", "g(T, eps) <= 1/(2T)", "corrected (E1)"},
           {"cor3_bound", "g(T, eps) <= min{1/(4T), sqrt 2}", "[S] Fig. 4 comparison"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  const Vec<S> logits = shift_invariant_logits<S>(inst, "logits");  // enters only through softmax
  const S T = positive_scalar<S>(inst, "temperature");
  const S eps = positive_scalar<S>(inst, "epsilon");
  const auto dir_text = inst.decimal_vector("direction");
  if (dir_text.size() != logits.size())
    throw InputError("direction", fmt::format("has {} entries, expected L = {}", dir_text.size(), logits.size()));
  bool nonzero = false;
  for (const auto& t : dir_text) nonzero = nonzero || decimal_sign(t) != 0;
  if (!nonzero) throw HypothesisError("direction", "must be a nonzero vector (it is normalised to unit length)");
  const Vec<S> direction = inst.vector<S>("direction");

  Side<S> side{"claim", Relation::at_most, fd_gradient(logits, T, eps, direction), S(0), std::nullopt};
  if (variant == "lipschitz") side.bound = cor3_softmax_jacobian_corrected::bound(T);
  else if (variant == "cor3_bound") side.bound = cor3_softmax_jacobian::bound(T);
  else side.bound = simplex_diameter_bound(eps);
  Evaluation<S> e;
  e.sides.push_back(side);
  e.details.push_back({"direction_norm", euclidean_norm(direction)});
  return e;
}

}  // namespace attnbound::alg5_fd_gradient
