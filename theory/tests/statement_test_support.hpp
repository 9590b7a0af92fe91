// Helpers for the statement tests: evaluate an instance through the registry (find_statement) exactly as
// `attnbound eval` does, and read back the field of a rejected instance.
#pragma once

#include "theory/arith.hpp"
#include "theory/errors.hpp"
#include "theory/statement.hpp"

#include <string>

namespace attnbound::test {

// Evaluates the JSON instance with scalar S (double, Real or Interval) at the current precision.
template <class S> Evaluation<S> run(const std::string& json, const EvalOptions& options = {}) {
  const Instance inst = Instance::parse(json);
  const Statement& st = find_statement(inst.statement());
  const std::string variant = st.resolve_variant(inst.variant());
  if constexpr (std::is_same_v<S, double>) return st.evaluate_double(inst, variant, options);
  else if constexpr (std::is_same_v<S, Real>) return st.evaluate_real(inst, variant, options);
  else return st.evaluate_interval(inst, variant, options);
}

// The field named by the error of kind E that evaluating `json` raises (Real), or "<none>".
template <class E> std::string thrown_field(const std::string& json, const EvalOptions& options = {}) {
  try {
    (void)run<Real>(json, options);
  } catch (const E& e) {
    return e.field();
  }
  return "<none>";
}

// |a - b| <= tol for Real; the tolerance covers the rounding of the 256-bit reference, never a model error.
inline bool near(const Real& a, const Real& b, const Real& tol = Real("1e-60")) { return abs(a - b) <= tol; }

// The interval contains the reference value up to the reference's own rounding (tol).
inline bool encloses(const Interval& v, const Real& ref, const Real& tol = Real("1e-60")) {
  return lower_end(v) <= ref + tol && ref - tol <= upper_end(v);
}

// A named detail of an evaluation; throws if absent.
template <class S> S detail(const Evaluation<S>& e, const std::string& name) {
  for (const auto& [n, v] : e.details)
    if (n == name) return v;
  throw std::out_of_range("no detail " + name);
}

// Point verdict of side k: true if the claim holds at the computed values.
template <class S> bool holds(const Evaluation<S>& e, std::size_t k = 0) {
  const auto& s = e.sides.at(k);
  return s.relation == Relation::at_most ? !(s.bound < s.quantity) : !(s.quantity < s.bound);
}

}  // namespace attnbound::test
