// The float32 kernels' cross-validation against MPFR (kernels/cross_validate.hpp) in quick mode (no L = 16M
// rows; every 64th float in the exhaustive exp check) as a report part: one table row per kernel with its
// ULP statistics and documented bound, and ULP-error histograms of the softmax-family kernels over the same
// seeded adversarial inputs (kernels::softmax_cases). Errors are measured against MPFR rounded to double:
// floating-point measurements, not certified. The validators run one at a time; a validator that would
// start after the part's deadline is skipped and listed.
#pragma once

#include "reports/build_report.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace attnbound::reports {

struct KernelsPartOptions {
  std::uint64_t seed = 20250823;
  unsigned threads = 2;
  unsigned exp_stride = 64;  // 1 = every float x <= 0 (the full exhaustive check, ~20 s of CPU)
  std::vector<std::string> only;  // kernel names to validate; empty: all (the others are listed as not run)
};

// Counts of ULP errors in bins of width `bin` from 0 to bins * bin; the last entry counts everything above
// (including +inf, a NaN/inf mismatch).
std::vector<long long> ulp_histogram(const std::vector<double>& errors, double bin, std::size_t bins);

PartOutcome kernels_part(const KernelsPartOptions& options, const PartContext& context);

}  // namespace attnbound::reports
