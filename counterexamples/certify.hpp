// Judging one candidate: a fast ratio in double (what the optimisers climb), and a certified verdict in
// MPFI intervals at a fixed precision (what decides whether a candidate counts).
//
// ratio of a side: quantity/bound for an at_most side, bound/quantity for an at_least side, so ratio > 1
// means the side is violated. A side whose bound is <= 0 (at_most) or whose quantity is <= 0 (at_least)
// is violated with ratio +inf when the inequality fails, and has ratio 0 when it holds.
// Certified: an at_most side is violated iff lo(quantity) > hi(bound), an at_least side iff
// hi(quantity) < lo(bound), and only when the evaluation's discrete choices were certified too
// (Evaluation::choices_certified). The certified ratio is the interval quotient, printed outward.
#pragma once

#include "theory/statement.hpp"

#include <nlohmann/json.hpp>

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
PointRatio point_ratio(const Statement& st, const nlohmann::json& instance, const std::string& variant,
                       const std::string& side = "");

struct CertifiedSide {
  std::string name;
  Relation relation = Relation::at_most;
  std::string quantity_lo, quantity_hi, bound_lo, bound_hi;  // outward-rounded decimals
  std::string ratio_lo, ratio_hi;                            // enclosure of the ratio, outward
  double ratio_mid = 0;                                      // midpoint of the ratio enclosure, rounded
  bool violated = false;                                     // certified violation
  bool holds = false;                                        // certified to hold (strictly or with equality)
};

struct Certificate {
  bool valid = false;
  std::string error;
  unsigned precision_bits = 0;
  bool choices_certified = true;
  std::vector<CertifiedSide> sides;
  bool violated() const;  // some side is a certified violation
  // The side of the largest ratio midpoint among those selected by `side` ("" = all).
  const CertifiedSide* headline(const std::string& side = "") const;
};

Certificate certify(const Statement& st, const nlohmann::json& instance, const std::string& variant,
                    unsigned precision_bits = kCertifyBits);

nlohmann::json to_json(const Certificate& c);

}  // namespace attnbound::search
