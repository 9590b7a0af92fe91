// Reading and checking the inputs statements share. Every check is exact: it is done on the decimal text
// (or on exact rationals), never on a rounded value.
#pragma once

#include "theory/instance.hpp"

#include <cstdint>
#include <vector>

namespace attnbound {

// -1, 0 or +1: the exact sign of a validated decimal.
int decimal_sign(const std::string& text);

// A field that must be a decimal > 0 (e.g. "temperature"); HypothesisError otherwise.
template <class S> S positive_scalar(const Instance& inst, const std::string& field) {
  const std::string t = inst.decimal(field);
  if (decimal_sign(t) <= 0) throw HypothesisError(field, "must be > 0, got " + t);
  return from_decimal<S>(t);
}

// Number of rows of a matrix field / length of a vector field, with the input read once for checks.
std::size_t vector_length(const Instance& inst, const std::string& field);

// top_n: 1 <= N <= L (an integer); HypothesisError otherwise.
std::size_t checked_top_n(const Instance& inst, std::size_t length, std::size_t min_n = 1);

}  // namespace attnbound
