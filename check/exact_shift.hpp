// Logits shifted exactly by a largest one, y_i = l_i - max_j l_j, as Arb balls, with their exact order
// (the checker's own code for the alternatives' statements: sparsemax, entmax-1.5, SSMax, SA-Softmax).
//
// Contract: `texts` are validated decimals (check/decimal.hpp). The differences are formed on the decimals'
// exact rational values (FLINT fmpq: each decimal is M 10^e exactly) and then enclosed (arb_set_fmpq), so a
// largest logit gives y = 0 exactly, equal decimals give identical balls, and every dyadic difference (e.g.
// 1.1 - 0.1 = 1) is an exact ball of radius 0: ties at a threshold stay decidable. When an exponent is
// beyond +-100000 (10^e would need e log2(10) bits) the difference of the two decimals' Arb balls is used
// instead (`exact` = false), still an enclosure; equal decimals still give 0 exactly there.
// `order` is the decreasing order of the logits decided exactly on the decimals (compare_decimals), lower
// index first among equal ones; order[0] is the index the shift uses.
// Reference: none (exact arithmetic); FLINT fmpq, Arb arb_set_fmpq.
#pragma once

#include "check/ball.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace attnbound::check {

struct ShiftedLogits {
  std::vector<Ball> y;              // l_i - l_top, enclosed (exact when dyadic and `exact`)
  std::vector<std::size_t> order;   // decreasing by the exact decimal order
  bool exact = true;                // false: an exponent beyond +-100000, differences of balls
};

ShiftedLogits shifted_logits(const std::vector<std::string>& texts, long prec, const std::string& field);

}  // namespace attnbound::check
