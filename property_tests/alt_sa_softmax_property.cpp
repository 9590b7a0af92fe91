// alt.sa_softmax (theory/alt_sa_softmax.hpp, derived): ||J||_2 <= max p + ||z||_inf min{max p, 1/2} and
// max_i |z_i p_i| <= ||z||_inf e^{z_max - z_min}/L hold, certified, on every generated instance (L <= 64);
// softmax_band (||J||_2 <= 1/2) is false as soon as a logit is large: a certified counterexample is found
// within K tests.
#include "property_tests/property_support.hpp"

using namespace attnbound;

namespace {
// Huge spreads put e^{z_max - z_min} beyond MPFR's exponent range (unbounded bound): undecided.
constexpr double kMinCertified = 0.6;
constexpr int kTests = 100;  // most draws have a logit of size >= 2 and a non-one-hot weight: p >= 0.25
}  // namespace

TEST_CASE("alt.sa_softmax spectral holds", "[property][alt]") {
  property::require_holds("alt.sa_softmax", "spectral", {64, 8}, 60, kMinCertified);
}
TEST_CASE("alt.sa_softmax vanishing holds", "[property][alt]") {
  property::require_holds("alt.sa_softmax", "vanishing", {64, 8}, 100, kMinCertified);
}
TEST_CASE("alt.sa_softmax softmax_band: counterexample found within K tests", "[property][alt]") {
  property::require_counterexample_within("alt.sa_softmax", "softmax_band", kTests, {64, 8});
}
