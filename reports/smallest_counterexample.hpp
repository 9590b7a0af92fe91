// The finding of a violated reading in the report's Findings table: of the reading's counterexample files
// (VerdictRow::counterexamples, read from the report's generated files or attachments), the smallest (shortest
// compact instance text) whose instance the engine (verify/certify.hpp certify) certifies violated now, with
// the violated side's enclosures shortened for reading and the proof replay's first false step
// (verify/proof_replay.hpp). A file that cannot be read, parsed or certified violated is no finding; nullopt
// when no file qualifies.
#pragma once

#include "reports/build_report.hpp"

#include <optional>
#include <string>

namespace attnbound::reports {

// A decimal end cut to `digits` significant digits for reading (not rounded outward, so not an enclosure:
// the exact ends stay in the counterexample's file): "1.745301375e-1085736205" -> "1.74530e-1085736205" at 6.
std::string shortened(const std::string& text, std::size_t digits);

std::optional<CounterexampleFinding> smallest_counterexample(const VerdictRow& verdict, const BuiltReport& built);

}  // namespace attnbound::reports
