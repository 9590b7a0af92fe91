// alg5.fd_gradient: g(T, eps) = ||softmax((l + eps u)/T) - softmax(l/T)|| / eps along unit Jacobian
// directions u (axes, e_i - e_j, Gaussian). simplex_diameter (g <= sqrt 2/eps) and lipschitz (g <= 1/(2T),
// the corrected Corollary 3, E1) are true and must hold, certified, on every generated instance, L up to
// 4096. cor3_bound (g <= min{1/(4T), sqrt 2}, Fig. 4's comparison) is false near ties; tested as "a
// certified counterexample is found within K tests".
#include "property_tests/property_support.hpp"

using namespace attnbound;

namespace {
constexpr double kMinCertified = 0.7;  // decided: measured 100%, 3 seeds
// Hit rate of a full-size draw (a near-tie with a small epsilon) measured 0.18 (20 random-search runs); at
// p = 0.12 a miss in 200 tests has probability 8e-12.
constexpr int kTests = 200;
}  // namespace

TEST_CASE("alg5.fd_gradient simplex_diameter holds", "[property][alg5]") {
  property::require_holds("alg5.fd_gradient", "simplex_diameter", {4096, 8}, 100, kMinCertified);
}

TEST_CASE("alg5.fd_gradient lipschitz holds", "[property][alg5]") {
  property::require_holds("alg5.fd_gradient", "lipschitz", {4096, 8}, 100, kMinCertified);
}

TEST_CASE("alg5.fd_gradient cor3_bound: counterexample found within K tests", "[property][alg5]") {
  property::require_counterexample_within("alg5.fd_gradient", "cor3_bound", kTests, {64, 8});
}
