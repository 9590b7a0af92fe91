// Instance spaces of the alternative normalisers' statements (theory/alt_*.hpp, spec section 5): alt.sparsemax,
// alt.entmax15, alt.ssmax (logits, temperature, ssmax_scale s) and alt.sa_softmax, over the shared logit
// samplers (ties, near-ties, a tie at the top, huge spreads, +-0, subnormals). No analytic gradients
// (central differences).
// Length caps: sparsemax and SA-Softmax build the dense L x L Jacobian and enclose its spectral norm through
// eigenvectors of the midpoint matrix, O(L^3) multiprecision operations (about a second at L = 64), so their
// L is capped at 64 (verify's family uses the same cap, verify/instance_family.cpp); entmax-1.5 and SSMax
// use the O(L) secular equation of softmax's Jacobian, so their L reaches the search's limit.
// entmax-1.5: a quarter of the draws are one dominant logit over many equal ones (L in [40, 64], the
// dominant one 1 to 2.4 above), the shape where ||J||_2 exceeds the two-token supremum 1/sqrt 2
// (theory/alt_entmax15.hpp, variant two_token): the uniform samplers reach it too rarely.
// alt.low_temperature (the temperature guideline): logits, embeddings x and top_n as for Theorem 1, a
// temperature T1 log-uniform in [2e-5, 10] and a low_temperature T2 log-uniform in [1e-5, min{1/10, T1/2}]
// (the statement's hypotheses T2 < T1, T2 <= 1/10); L capped at 64 (its ||J||_2 is the dense Laplacian form).
#include "counterexamples/instance_space.hpp"
#include "counterexamples/samplers.hpp"

#include <algorithm>

namespace attnbound::search {
namespace {

constexpr std::int64_t kDenseJacobianMaxLength = 64;

std::vector<FieldSpec> logit_fields() { return {{"logits", FieldKind::token_vector}}; }

nlohmann::json logits_only(Draw& d, const std::string& id, const std::string& variant, std::int64_t max_length) {
  const std::int64_t L = sample_length(d, max_length);
  return {{"statement", id}, {"variant", variant}, {"logits", sample_logits(d, L)}};
}

nlohmann::json sample_entmax(Draw& d, const std::string& variant, const SpaceLimits& limits) {
  if (limits.max_length >= 40 && d.coin(1, 4)) {
    const std::int64_t L = d.integer(40, std::min<std::int64_t>(limits.max_length, 64));
    Decimals logits(static_cast<std::size_t>(L), "0");
    logits[static_cast<std::size_t>(d.integer(0, L - 1))] = shortest_decimal(d.uniform(1.0, 2.4));
    return {{"statement", "alt.entmax15"}, {"variant", variant}, {"logits", logits}};
  }
  return logits_only(d, "alt.entmax15", variant, limits.max_length);
}

nlohmann::json sample_ssmax(Draw& d, const std::string& variant, const SpaceLimits& limits) {
  nlohmann::json inst = logits_only(d, "alt.ssmax", variant, limits.max_length);
  if (d.coin(1, 2)) inst["temperature"] = sample_temperature(d);
  if (d.coin(3, 4)) inst["ssmax_scale"] = sample_positive(d, 1e-3, 10);
  return inst;
}


nlohmann::json sample_low_temperature(Draw& d, const std::string& variant, const SpaceLimits& limits) {
  const std::int64_t L = sample_length(d, std::min(limits.max_length, kDenseJacobianMaxLength));
  const std::int64_t dim = sample_dimension(d, limits.max_dim);
  const double high = d.log_uniform(2e-5, 10);
  return {{"statement", "alt.low_temperature"},
          {"variant", variant},
          {"logits", sample_logits(d, L)},
          {"x", sample_points(d, L, dim, d.log_uniform(1e-2, 1e2))},
          {"top_n", sample_top_n(d, L)},
          {"temperature", shortest_decimal(high)},
          {"low_temperature", sample_positive(d, 1e-5, std::min(0.1, high / 2))}};
}

}  // namespace

std::vector<InstanceSpace> alternative_spaces() {
  return {{"alt.sparsemax", logit_fields(),
           [](Draw& d, const std::string& v, const SpaceLimits& lim) {
             return logits_only(d, "alt.sparsemax", v, std::min(lim.max_length, kDenseJacobianMaxLength));
           },
           {}},
          {"alt.entmax15", logit_fields(), sample_entmax, {}},
          {"alt.ssmax",
           {{"logits", FieldKind::token_vector}, {"temperature", FieldKind::positive}, {"ssmax_scale", FieldKind::positive}},
           sample_ssmax,
           {}},
          {"alt.sa_softmax", logit_fields(),
           [](Draw& d, const std::string& v, const SpaceLimits& lim) {
             return logits_only(d, "alt.sa_softmax", v, std::min(lim.max_length, kDenseJacobianMaxLength));
           },
           {}},
          {"alt.low_temperature",
           {{"logits", FieldKind::token_vector}, {"x", FieldKind::token_matrix}, {"top_n", FieldKind::integer},
            {"temperature", FieldKind::positive}, {"low_temperature", FieldKind::positive}},
           sample_low_temperature,
           {}}};
}

}  // namespace attnbound::search
