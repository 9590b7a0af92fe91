// The verification engine's run as a report part: every statement and variant of the registry over the
// seeded instance family plus the counterexample corpus (verify/verify_run.hpp), certified in intervals.
// Each row becomes a verdict; each first certified counterexample is written beside the report as
// counterexamples/verify/<statement>.<variant>.json and linked from its verdict. The part's time is its
// PartContext deadline (passed to run_verify as its budget); when it binds, the section says how many
// instances were skipped.
#pragma once

#include "reports/build_report.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace attnbound::reports {

struct VerifyPartOptions {
  std::uint64_t seed = 20250823;
  std::size_t instances = 6;  // family instances per statement (verify's own default is 24)
  std::string corpus_dir;     // replayed by verify too; "" = none
  std::vector<std::string> statements;  // empty: the whole registry
};

PartOutcome verify_part(const VerifyPartOptions& options, const PartContext& context);

}  // namespace attnbound::reports
