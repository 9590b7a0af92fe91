// alt.ssmax (theory/alt_ssmax.hpp, derived from Corollary 3 corrected at T/(s log L)): ||J||_2 <= |s| log L
// /(2T), ||J||_2 <= |s| log L max p / T and the gap bound on max p hold, certified, on every generated
// instance (L up to 4096: the secular equation is O(L)); cor3_transfer (the paper's min{1/(4T), sqrt 2} at
// the effective temperature) is false at ties: a certified counterexample is found within K tests.
#include "property_tests/property_support.hpp"

using namespace attnbound;

namespace {
// Far-out instances (s log L z / T beyond MPFR's exponent range) give unbounded enclosures: undecided.
constexpr double kMinCertified = 0.6;
constexpr int kTests = 100;  // ties are 2 of the 7 logit shapes (p >= 0.25): a miss has probability 3e-13
}  // namespace

TEST_CASE("alt.ssmax spectral holds", "[property][alt]") {
  property::require_holds("alt.ssmax", "spectral", {4096, 8}, 100, kMinCertified);
}
TEST_CASE("alt.ssmax max_weight holds", "[property][alt]") {
  property::require_holds("alt.ssmax", "max_weight", {4096, 8}, 100, kMinCertified);
}
TEST_CASE("alt.ssmax vanishing holds", "[property][alt]") {
  property::require_holds("alt.ssmax", "vanishing", {4096, 8}, 100, kMinCertified);
}
TEST_CASE("alt.ssmax cor3_transfer: counterexample found within K tests", "[property][alt]") {
  property::require_counterexample_within("alt.ssmax", "cor3_transfer", kTests, {64, 8});
}
