// The check of one instance: the certified engine (verify/certify.hpp) against the plain reference
// (reference.hpp) at 2x and 4x the engine's final precision.
//
// Domain: any instance; exact_equality = the caller knows the claim's two sides are exactly equal.
// Per side whose reference is available (both sides' values finite, flags clean, and 2x/4x agree to
// 2^-final_bits relative; a value exactly 0 at both is not judged: a true 0 and an absorbed one look alike), with tol = |r4 - r2| + 2^-(2 final_bits) |r4|:
//   wrong enclosure          r4 < lo - tol or r4 > hi + tol, for the quantity (except Monte Carlo, whose
//                            interval is a confidence interval), the bound and the margin
//   wrong certified verdict  "certified": true and a side's verdict is holds while the reference margin is
//                            < -tol, or violated while it is > tol, or violated at a known exact equality
//   verdict inconclusive     a certified verdict whose reference margin is within tol of 0 (not counted wrong)
// Where the engine's side index differs from the reference's (the reference's is the exact worst case), the
// enclosures are of different i and are not compared; the verdict still is (index_differs, informational).
// Independently of the reference:
//   certified beside other   "certified": true with a headline other than holds / violated, or with a Monte
//                            Carlo method
//   bad tight                a side or headline "tight" whose quantity or bound is infinite or whose
//                            enclosures do not overlap
// Guarantee: never counts an unavailable reference as a pass; every count names the side and the values.
#pragma once

#include "theory/instance.hpp"
#include "verify/certify.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace attnbound::soundness {

struct CheckOptions {
  CertifyOptions certify;  // defaults: the engine as `attnbound eval` runs it (256 -> 4096 requested bits)
  CheckOptions() {
    certify.start_bits = kDefaultPrecisionBits;
    certify.max_bits = 4096;
    certify.print_bits = 1u << 20;  // print the ends exactly as computed (outward), not rounded to 256 bits
  }
};

struct SideCheck {
  std::string name;
  std::string verdict;
  bool reference_available = false;
  std::string unavailable_reason;
  bool quantity_checked = false;
  bool quantity_miss = false, bound_miss = false, margin_miss = false;
  bool wrong_verdict = false, verdict_inconclusive = false;
  // The engine and the reference name different indices (cor1 reports a violated/undecided index first, ties
  // break either way): the values are of different i, so only the verdict is compared (against the
  // reference's worst index), not the enclosures.
  bool index_differs = false;
  std::string reference_quantity, reference_bound;  // 40 significant digits
};

struct InstanceCheck {
  std::string status;  // "checked" | "rejected" (InputError/HypothesisError) | "engine_error"
  std::string message;
  std::string reference_method;
  nlohmann::json engine;  // to_json(certify(...)), when it ran
  std::vector<SideCheck> sides;
  int wrong_enclosures = 0;  // sides with at least one miss
  bool wrong_certified_verdict = false;
  bool certified_beside_other = false;
  bool bad_tight = false;
  bool wrong_uncertified_verdict = false;  // informational: an uncertified verdict the reference contradicts
  int sides_unavailable = 0;
  double engine_seconds = 0, reference_seconds = 0;
  bool any_failure() const { return wrong_enclosures > 0 || wrong_certified_verdict || certified_beside_other || bad_tight; }
  nlohmann::json to_json() const;
};

InstanceCheck check_instance(const Instance& inst, bool exact_equality = false, const CheckOptions& options = {});

}  // namespace attnbound::soundness
