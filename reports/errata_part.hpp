// The report part "errata": the spec's own instance for erratum E1, a two-way tie l = (0, 0), where
// ||J||_2 = ||J||_F = 1/(2T), evaluated through the statement registry for every variant of
// cor3.softmax_jacobian and cor3.softmax_jacobian.corrected at T in {1, 0.1, 0.01}, in MPFI intervals at 128
// bits. Each row's verdict is verify/certify's interval_verdict ("undecided" when a discrete choice of the
// evaluation is not certified); per variant: "violated" when a row is, "holds" when every row does, else
// "undecided" (a tight corrected bound leaves the enclosures overlapping at the tie). Each certified row is
// handed to context.recheck (the engine's certificate at the same fixed precision) when a re-check is set.
#pragma once

#include "reports/build_report.hpp"

namespace attnbound::reports {

PartOutcome errata_part(const PartContext& context = {});

}  // namespace attnbound::reports
