// Softmax weights in Arb: alpha = softmax(z) for balls z_i (z = l / T), with the complements of
// check/normaliser_weights.hpp.
//
// Contract: e_i = exp(z_i - z_top) with e_top = 1 exactly (exp(0) = 1: the shift by z_top is exact algebra,
// softmax is invariant under it), top = argmax of the midpoints (accuracy only). Arb's exponent range is
// unbounded, so weights like e^{-10^18} are enclosed with their true value, never flushed to 0.
#pragma once

#include "check/normaliser_weights.hpp"

namespace attnbound::check {

Weights softmax_weights(const std::vector<Ball>& z, long prec);

}  // namespace attnbound::check
