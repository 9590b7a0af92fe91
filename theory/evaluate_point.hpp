// Point evaluation of an instance at a working precision (MPFR, round-to-nearest): the uncertified
// evaluation behind `attnbound eval --uncertified`. The certified engine is verify/certify.hpp.
#pragma once

#include "theory/statement.hpp"

#include <nlohmann/json.hpp>

namespace attnbound {

enum class Verdict { holds, violated, undecided, tight };
const char* to_string(Verdict v);

// Verdict of one side from point values: no enclosure, so never "undecided".
template <class S> Verdict point_verdict(const Side<S>& side) {
  const bool ok = side.relation == Relation::at_most ? !(side.bound < side.quantity) : !(side.quantity < side.bound);
  return ok ? Verdict::holds : Verdict::violated;
}

// Evaluates `inst` with Real at `precision_bits`; returns the result object documented in README.
// Throws InputError for bad input.
nlohmann::json evaluate_point(const Instance& inst, unsigned precision_bits, const EvalOptions& options = {});

}  // namespace attnbound
