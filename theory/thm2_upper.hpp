// Theorem 2 (geometric separability), upper bound; spec 1.5 and section 2 [R, low confidence], erratum E7:
//   E[N_s]/N <= (1/N) sum_{i in I_N} exp(-(xi_i - r)^2 / (2 M^2))     (Hoeffding, one variable of range 2M)
// The spec states it for r < xi_i; a term with r >= xi_i is replaced by the trivial bound 1 on a
// probability (the count is reported as "trivial_terms"). Inputs, variants xi_a / xi_b, and the Monte
// Carlo estimate of E[N_s]/N (double, not certified) are those of thm2_lower.hpp.
// For Interval the branch r < xi_i is taken by midpoints; choices_certified is false when r and xi_i overlap.
#pragma once

#include "theory/thm2_lower.hpp"

namespace attnbound::thm2_upper {

inline StatementInfo info() {
  return {"thm2.upper",
          "Geometric separability: upper bound on E[N_s]/N",
          "Theorem 2 (Sec. 2.2, Eq. 11); spec 1.5 and section 2 [R, low confidence], erratum E7",
          "Assumption 1 (x_i iid uniform on the sphere of radius M in R^d); weights fixed, summing to 1; "
          "radius r > 0; valid top-N set; delta >= 0 (xi_b)",
          separability_fields(),
          {{"xi_a", "E[N_s]/N <= (1/N) sum_{i in I_N} exp(-(xi_i - r)^2/(2M^2)) (terms with r >= xi_i: 1)", "[R]"},
           {"xi_b", "as xi_a with the xi_b spread (delta)", "[R]"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions& opt) {
  inst.check_fields(info().inputs);
  const SeparabilitySetup<S> r = separability_setup<S>(inst, variant, opt);
  Evaluation<S> e;
  S total(0);
  long long trivial = 0;
  for (const auto& xi : r.xi) {
    if constexpr (is_interval_v<S>)
      if (!(upper_end(r.radius) < lower_end(xi) || upper_end(xi) <= lower_end(r.radius))) e.choices_certified = false;
    total += term(xi, r.radius, r.sphere_radius);
    if (trivial_term(xi, r.radius)) ++trivial;
  }
  e.sides.push_back({"claim", Relation::at_most, r.quantity, S(total / S(static_cast<long long>(r.top_n))), std::nullopt});
  add_separability_details(e, r, opt);
  e.details.push_back({"trivial_terms", S(trivial)});
  return e;
}

}  // namespace attnbound::thm2_upper
