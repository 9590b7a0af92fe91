// Instance spaces of Theorem 2 (geometric separability), thm2.lower and thm2.upper: weights softmax(l/T),
// a top-N set, the radius r of the ball, the sphere radius M, the dimension d, and delta (variant xi_b).
// E[N_s]/N is a Monte Carlo estimate in double (theory/thm2_lower.hpp), never certified; certify_candidate() labels
// these candidates statistical (certify.hpp) and the search ranks them by the estimate's ratio.
// Sizes: the estimate costs samples * L * d Gaussian draws per evaluation (20000 samples: about 20 ms at
// L = 8, d = 4), so L <= 8 and d <= 16 (three quarters of the draws d <= 4); the optimisers climb a
// 1000-sample estimate (climb_monte_carlo_samples) and every candidate that counts is re-evaluated with
// the registry's 20000 samples. r and delta are drawn relative to M: r = M * [1e-3, 10] log-uniform (the
// interesting range: s and the alpha_i x_i are within 2M of each other), delta in [0, 1.4 M] (xi_b^2 >= 0
// needs M^2 - delta^2/2 >= 0 when the cross term dominates, i.e. delta <= sqrt(2) M).
#include "counterexamples/instance_space.hpp"
#include "counterexamples/samplers.hpp"

#include <algorithm>

namespace attnbound::search {
namespace {

constexpr std::int64_t kMaxLength = 8, kMaxDimension = 16;
constexpr std::uint64_t kClimbSamples = 1000;

nlohmann::json sample_separability(Draw& d, const std::string& id, const std::string& variant,
                                   const SpaceLimits& limits) {
  const std::int64_t L = sample_length(d, std::min(limits.max_length, kMaxLength));
  const double M = d.log_uniform(1e-2, 1e2);
  nlohmann::json inst{{"statement", id},
                      {"variant", variant},
                      {"logits", sample_logits(d, L)},
                      {"temperature", sample_temperature(d)},
                      {"top_n", sample_top_n(d, L)},
                      {"sphere_radius", shortest_decimal(M)},
                      {"radius", shortest_decimal(M * d.log_uniform(1e-3, 10))},
                      {"dimension", sample_dimension(d, std::min(limits.max_dim, kMaxDimension))}};
  if (variant == "xi_b") inst["delta"] = shortest_decimal(M * d.uniform(0.0, 1.4));
  return inst;
}

std::vector<FieldSpec> separability_fields_of_space() {
  return {{"logits", FieldKind::token_vector}, {"temperature", FieldKind::positive},
          {"sphere_radius", FieldKind::positive}, {"radius", FieldKind::positive},
          {"delta", FieldKind::real},          {"top_n", FieldKind::integer},
          {"dimension", FieldKind::integer}};
}

InstanceSpace separability_space(const std::string& id) {
  InstanceSpace s{id, separability_fields_of_space(),
                  [id](Draw& d, const std::string& v, const SpaceLimits& lim) { return sample_separability(d, id, v, lim); },
                  {}};
  s.climb_monte_carlo_samples = kClimbSamples;
  return s;
}

}  // namespace

std::vector<InstanceSpace> separability_spaces() { return {separability_space("thm2.lower"), separability_space("thm2.upper")}; }

}  // namespace attnbound::search
