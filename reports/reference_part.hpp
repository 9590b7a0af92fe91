// The report parts made of `reproduce_reference` (reports/reproduce_reference.hpp): "reproduce_reference" on
// the GPT-2 reference exports and "reproduce_attention" on captured attention. One verdict row per check:
//   certified = a double-precision violation that some interval evaluation confirms (certified_violated > 0),
//               or no violation and the worst row certified with no certified row violated or undecided;
//   verdict   = "violated" / "holds" only when certified; else "violated in double precision (not
//               certified)" / "not refuted" (the words of a proof only beside a proof).
// The worst ratio is the certified enclosure of the worst row when there is one, else the double.
// Every certified row is a registry verdict re-checked by options.recheck when set (build_report sets the Arb
// checker): a row the checker does not confirm is undecided (so it is never counted as certified here) and
// listed in table "reference_recheck_rejections" ("attention_..." for captures); the part's config gains
// "independent_check" {checked, confirmed, rejected, unsupported, listed}.
#pragma once

#include "reports/build_report.hpp"

#include <functional>
#include <string>
#include <vector>

namespace attnbound::reports {

// Section "reproduce_reference"; "unavailable" with how to get the files when `files` is empty.
PartOutcome reference_part(const std::vector<std::string>& files, const ReproduceOptions& options,
                           const std::function<void(const std::string&)>& progress);

// The same analyses on captured attention: section "reproduce_attention"; "unavailable" when `data` is empty.
PartOutcome attention_part(const std::vector<ReferenceExample>& data, const ReproduceOptions& options,
                           const std::function<void(const std::string&)>& progress);

}  // namespace attnbound::reports
