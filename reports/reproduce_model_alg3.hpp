// Algorithm 3 of `attnbound reproduce --model` (spec section 3): for each L and each N of the critical grid
// (N < L), the two-sample Kolmogorov-Smirnov test (reports/ks_two_sample.hpp) on the per-head token means of d~
// and of E (thm1.random's main sum, Algorithms 1-2); the critical N is the first N with p > ks_level (not
// rejected). Double precision, not certified.
#pragma once

#include "reports/reproduce_model_rows.hpp"

namespace attnbound::reports {

struct CriticalNParts {
  Table critical, ks;   // alg3_critical_n, alg3_ks
  Figure fig2c;         // fig2c_critical_n
  ClaimRow claim;       // headline.critical_n
  std::size_t found = 0;  // lengths at which a critical N was found
};

// `crit`: the critical grid as given (its order is kept in the caption; the test walks it sorted).
CriticalNParts alg3_parts(const ModelRun& run, const std::vector<int>& crit);

}  // namespace attnbound::reports
