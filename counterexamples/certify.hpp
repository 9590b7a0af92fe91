// Judging one candidate: a fast ratio in double (what the optimisers climb), and a certified verdict in
// MPFI intervals at a fixed precision (what decides whether a candidate counts).
//
// ratio of a side: quantity/bound for an at_most side, bound/quantity for an at_least side, so ratio > 1
// means the side is violated. A side whose bound is <= 0 (at_most) or whose quantity is <= 0 (at_least)
// is violated with ratio +inf when the inequality fails, and has ratio 0 when it holds.
// Certified: an at_most side is violated iff lo(quantity) > hi(bound), an at_least side iff
// hi(quantity) < lo(bound) (verify/certify.hpp's interval_verdict at this one precision), and only when the evaluation's discrete choices were certified too
// (Evaluation::choices_certified). The certified ratio is the interval quotient, printed outward.
//
// Monte Carlo statements (method "monte-carlo": thm2.*, and thm1.random / cor2.regimes beyond exhaustive
// enumeration) are never certified: their quantity is a normal-approximation confidence interval from a
// seeded double-precision estimate. For them `violated` and `holds` stay false and the side says instead
// whether the confidence interval lies entirely beyond the bound (`statistical_violation`: at_most
// lo(CI) > hi(bound), at_least hi(CI) < lo(bound)) or entirely within it (`statistically_holds`).
// Certificate::certified() is false, the JSON says "certified": false with the method, the confidence,
// the Monte Carlo seed and sample count, so a statistical finding can never pass for a certified one.
#pragma once

#include "theory/statement.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace attnbound::search {

inline constexpr unsigned kCertifyBits = 256;

struct PointRatio {
  bool valid = false;           // false when the instance was rejected (hypothesis) or evaluation failed
  std::string error;            // the rejection message
  double ratio = -std::numeric_limits<double>::infinity();  // max over the selected sides
  std::size_t side = 0;         // the side attaining it
  std::vector<double> side_ratios;
};

// Evaluates with the registry's double evaluator. `side` selects one side by name ("" = max over sides).
// `options` sets the Monte Carlo seed and sample count of statements that estimate their quantity.
PointRatio point_ratio(const Statement& st, const nlohmann::json& instance, const std::string& variant,
                       const std::string& side = "", const EvalOptions& options = EvalOptions{});

struct CandidateSide {
  std::string name;
  Relation relation = Relation::at_most;
  std::string quantity_lo, quantity_hi, bound_lo, bound_hi;  // outward-rounded decimals
  std::string ratio_lo, ratio_hi;                            // enclosure of the ratio, outward
  double ratio_mid = 0;                                      // midpoint of the ratio enclosure, rounded
  bool violated = false;                                     // certified violation
  bool holds = false;                                        // certified to hold (strictly or with equality)
  bool statistical_violation = false;                        // Monte Carlo: the whole CI violates the bound
  bool statistically_holds = false;                          // Monte Carlo: the whole CI satisfies it
};

struct Certificate {
  bool valid = false;
  std::string error;
  unsigned precision_bits = 0;
  bool choices_certified = true;
  std::string method = "closed-form";  // Evaluation::method: "closed-form" | "enumeration" | "monte-carlo"
  double confidence = 0;               // Monte Carlo: two-sided confidence of the quantity's interval
  std::uint64_t monte_carlo_seed = 0, monte_carlo_samples = 0;  // Monte Carlo: the options it ran with
  std::vector<CandidateSide> sides;
  bool certified() const { return method != "monte-carlo"; }
  bool violated() const;                // some side is a certified violation (never for Monte Carlo)
  bool statistically_violated() const;  // some side is a statistical (Monte Carlo) violation
  // The side of the largest ratio midpoint among those selected by `side` ("" = all).
  const CandidateSide* headline(const std::string& side = "") const;
};

// `options` matters only for Monte Carlo statements (seed, samples, confidence); the default is the
// registry's, which is also what `attnbound eval` uses, so a recorded certificate replays through eval.
// Named apart from verify/certify.hpp's certify() (precision escalation, headline verdict, certificates for
// the checker): this is the search's judgement of one candidate at one fixed precision.
Certificate certify_candidate(const Statement& st, const nlohmann::json& instance, const std::string& variant,
                              unsigned precision_bits = kCertifyBits, const EvalOptions& options = EvalOptions{});

// A statistical violation found by searching is confirmed on fresh samples: certify_candidate() with this seed,
// which no search, climb or shrink ever uses, so the confirmation's confidence is not eroded by the
// selection among many candidates.
inline constexpr std::uint64_t kConfirmationSeed = 0x636f6e6669726dULL;  // "confirm"
Certificate confirm_statistical(const Statement& st, const nlohmann::json& instance, const std::string& variant,
                                unsigned precision_bits = kCertifyBits);

// The EvalOptions a recorded certificate ran with (its Monte Carlo seed and sample count, when it has them).
EvalOptions options_of(const nlohmann::json& recorded_certificate);

nlohmann::json to_json(const Certificate& c);

}  // namespace attnbound::search
