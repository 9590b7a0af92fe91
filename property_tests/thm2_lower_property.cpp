// thm2.lower: E[N_s]/N >= 1 - (1/(rN)) sum_{i in I_N} xi_i (Markov + Cauchy-Schwarz), both spreads xi_a and
// xi_b. E[N_s]/N is exact at d = 1 (sign enumeration) and a certified enclosure at d = 2 (interval
// integration, L <= 4), a Monte Carlo estimate beyond (theory/thm2_lower.hpp): a violation found at d <= 2 is
// certified, one found at d >= 3 is statistical, confirmed on fresh samples. The bound
// is false (E7 (iv): the Markov step ignores that every non-selected point must lie outside B_r(s)): e.g.
// two equal weights, N = 1, d = 1, r = M = 1 has N_s = 0 always while the bound is 1/2. The suite has shown
// it (counterexamples/corpus/thm2.lower.*: now certified counterexamples at d = 1), so it is tested as "a
// violation (certified, or statistical confirmed on fresh samples) is found within K tests".
#include "property_tests/property_support.hpp"

using namespace attnbound;

namespace {
// Hit rate of a full-size draw measured about 0.2 (6 seeds: 6 hits in 28 draws); at p = 0.1 a miss in 200
// tests has probability 7e-10. Failures are not shrunk (each step costs two Monte Carlo estimates).
constexpr int kTests = 200;
}  // namespace

TEST_CASE("thm2.lower xi_a: statistical counterexample found within K tests", "[property][thm2]") {
  property::require_statistical_violation_within("thm2.lower", "xi_a", kTests, {8, 16});
}

TEST_CASE("thm2.lower xi_b: statistical counterexample found within K tests", "[property][thm2]") {
  property::require_statistical_violation_within("thm2.lower", "xi_b", kTests, {8, 16});
}
