// Theorem 1 (thm1.fixed, variant tight) on data with value vectors (captures with hook_v,
// reports/attention_data.hpp): per head, up to options.theorem1_rows evenly spaced rows with n > N
// (N = options.theorem1_top_n), each evaluated through the statement registry in double (the theory's
// formula, not a copy); the worst row then certified through the registry (verify/certify at
// options.certify_bits, fixed) and re-checked by options.recheck (reports/reproduce_recheck.hpp): undecided when
// the evaluation's discrete choices are not certified or the checker does not confirm the certificate.
// nullopt when no head has values (the GPT-2 reference exports never do). InputError "theorem1-top-n" for N < 1.
#pragma once

#include "reports/reproduce_reference_grid.hpp"

#include <optional>
#include <vector>

namespace attnbound::reports::reference {

std::optional<Evidence> theorem1_evidence(const std::vector<ReferenceExample>& data, const ReproduceOptions& options,
                                          const Grid& grid);

}  // namespace attnbound::reports::reference
