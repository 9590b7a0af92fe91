// Re-verification of one certificate in Arb (issue 13).
//
// Contract: check_certificate confirms a certificate only when, at some precision in start_bits, 2 start_bits,
// ... up to the cap (max(max_bits, 4 precision_bits)), Arb proves every side's claimed verdict from the
// instance's exact decimals:
//   holds    (at_most) every pair has q_i <= b_i for all points of the balls (arb_le); at_least mirrored;
//            spectral sides: the witness shift s has s I - J certified positive definite and s <= b (with no
//            shift in the witness: b I - J certified positive definite, or the enclosure proves it)
//   violated (at_most) q > b for all points (arb_lt) at the side's index (any index when none is given);
//            spectral sides: the witness vector's Rayleigh quotient is certified > b (with no vector: any
//            certified lower bound of ||J||_2 > b)
// and the headline verdict agrees with the sides (holds: every side holds; violated: some side violated).
// It rejects when the engine's printed enclosure of a quantity or bound is certainly disjoint from Arb's ball
// (an unsound enclosure, even if the verdict is right), when a hypothesis fails on the exact decimals, when
// the sides do not match the statement, when a witness does not prove what it is for, or when the claimed
// verdict cannot be confirmed at the cap. Not confirming is a rejection: a certificate must be checkable.
// Outcomes "unsupported" (a statement or variant this checker does not evaluate) and "skipped"
// ("certified": false) are neither. Malformed certificates throw InputError (the caller's exit code 2).
#pragma once

#include "check/certificate_reader.hpp"

#include <string>

namespace attnbound::check {

struct CheckOptions {
  long start_bits = 128;
  long max_bits = 8192;
};

struct CheckOutcome {
  enum class Kind { confirmed, rejected, unsupported, skipped } kind = Kind::rejected;
  std::string why;   // rejection / unsupported reason
  long bits = 0;     // the precision at which it was decided
};

CheckOutcome check_certificate(const Certificate& c, const CheckOptions& options = {});

}  // namespace attnbound::check
