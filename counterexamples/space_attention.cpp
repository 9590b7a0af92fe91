// Instance spaces of the attention statements: Corollary 1 (query, keys, T), Theorem 1 fixed and random and
// Corollary 2 (logits, T, embeddings x, top_n), and Algorithm 5 (logits, T, epsilon, direction).
// No analytic gradients here (the search uses central differences). Lengths are capped where the
// evaluation enumerates top-N subsets (thm1.random, cor2.regimes: C(L, N) subsets, exact up to 1e6).
#include "counterexamples/instance_space.hpp"
#include "counterexamples/samplers.hpp"

#include <algorithm>

namespace attnbound::search {
namespace {

std::int64_t capped_length(Draw& d, const SpaceLimits& limits, std::int64_t cap, std::int64_t min_length = 1) {
  return sample_length(d, std::min(limits.max_length, cap), min_length);
}

nlohmann::json distance_instance(Draw& d, const std::string& id, const std::string& variant,
                                 const SpaceLimits& limits, std::int64_t cap) {
  const std::int64_t L = capped_length(d, limits, cap);
  const std::int64_t dim = sample_dimension(d, limits.max_dim);
  return {{"statement", id}, {"variant", variant}, {"logits", sample_logits(d, L)},
          {"temperature", sample_temperature(d)}, {"x", sample_points(d, L, dim, d.log_uniform(1e-2, 1e2))},
          {"top_n", sample_top_n(d, L)}};
}

}  // namespace

std::vector<InstanceSpace> attention_spaces() {
  std::vector<InstanceSpace> out;
  out.push_back({"cor1.softmax_weights",
                 {{"query", FieldKind::dim_vector}, {"keys", FieldKind::token_matrix}, {"temperature", FieldKind::positive}},
                 [](Draw& d, const std::string& v, const SpaceLimits& lim) {
                   const std::int64_t L = sample_length(d, lim.max_length);
                   const std::int64_t dim = sample_dimension(d, lim.max_dim);
                   return nlohmann::json{{"statement", "cor1.softmax_weights"}, {"variant", v},
                                         {"query", sample_vector(d, dim)},
                                         {"keys", sample_points(d, L, dim, d.log_uniform(1e-2, 1e2))},
                                         {"temperature", sample_temperature(d)}};
                 },
                 {}});
  const std::vector<FieldSpec> distance_fields{{"logits", FieldKind::token_vector},
                                               {"temperature", FieldKind::positive},
                                               {"x", FieldKind::token_matrix},
                                               {"top_n", FieldKind::integer}};
  out.push_back({"thm1.fixed", distance_fields,
                 [](Draw& d, const std::string& v, const SpaceLimits& lim) {
                   return distance_instance(d, "thm1.fixed", v, lim, 4096);
                 },
                 {}});
  out.push_back({"thm1.random", distance_fields,
                 [](Draw& d, const std::string& v, const SpaceLimits& lim) {
                   return distance_instance(d, "thm1.random", v, lim, 10);
                 },
                 {}});
  out.push_back({"cor2.regimes", distance_fields,
                 [](Draw& d, const std::string& v, const SpaceLimits& lim) {
                   return distance_instance(d, "cor2.regimes", v, lim, 10);
                 },
                 {}});
  out.push_back({"alg5.fd_gradient",
                 {{"logits", FieldKind::token_vector}, {"temperature", FieldKind::positive},
                  {"epsilon", FieldKind::positive}, {"direction", FieldKind::token_vector}},
                 [](Draw& d, const std::string& v, const SpaceLimits& lim) {
                   const std::int64_t L = sample_length(d, lim.max_length);
                   return nlohmann::json{{"statement", "alg5.fd_gradient"}, {"variant", v},
                                         {"logits", sample_logits(d, L)}, {"temperature", sample_temperature(d)},
                                         {"epsilon", sample_positive(d, 1e-6, 10)},
                                         {"direction", sample_direction(d, L)}};
                 },
                 {}});
  return out;
}

}  // namespace attnbound::search
