// Softmax weights in Arb: alpha = softmax(z) for balls z_i (z = l / T), with the complements of
// check/normaliser_weights.hpp.
//
// Contract: e_i = exp(z_i - z_top) with e_top = 1 exactly (exp(0) = 1: the shift by z_top is exact algebra,
// softmax is invariant under it), top = argmax of the midpoints (accuracy only). Arb's exponent range is
// unbounded, so weights like e^{-10^18} are enclosed with their true value, never flushed to 0.
#pragma once

#include "check/normaliser_weights.hpp"

#include <functional>

namespace attnbound::check {

// `same(i, j)` (optional) says that z_i and z_j are exactly equal (decided on the decimals, e.g. equal logits
// under one T): then e_i = 1 exactly for every i equal to the top, so ties stay exact (p = 1/2 at a two-way
// tie, not a ball around it).
Weights softmax_weights(const std::vector<Ball>& z, long prec,
                        const std::function<bool(std::size_t, std::size_t)>& same = {});

}  // namespace attnbound::check
