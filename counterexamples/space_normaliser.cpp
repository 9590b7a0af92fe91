// Instance spaces of the general F-normaliser statements: Lemma 1 (vanishing attention, C1/L <= alpha_i <=
// C2/L) and Lemma 2 (the two-term Jacobian bound), over logits and every F family of theory/f_normaliser.hpp
// with its parameter: exp (softmax, half of the samples), softplus, sigmoid, gaussian (temperature),
// quadratic (offset), and for Lemma 2 ssmax (ssmax_scale; Lemma 1 refuses it, its F depends on L).
// No analytic gradients (central differences).
// Length caps: lemma1 is O(L), so L reaches 4096. lemma2 builds the L x L Jacobian and encloses its
// spectral norm through eigenvectors of the midpoint matrix at the certification precision, O(L^3)
// multiprecision operations (about a second at L = 64), so its L is capped at 64 (the Frobenius reading is
// false from L = 6 on; the cap keeps the property suite and the search's certifications fast).
#include "counterexamples/instance_space.hpp"
#include "counterexamples/samplers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace attnbound::search {
namespace {

constexpr std::int64_t kLemma2MaxLength = 64;

// F and its parameter. F is left out (the default, exp) for the softmax case.
void sample_f(Draw& d, nlohmann::json& inst, bool allow_length_dependent) {
  switch (d.integer(0, allow_length_dependent ? 6 : 5)) {
    case 0:
    case 1: inst["temperature"] = sample_temperature(d); return;
    case 2: inst["F"] = "softplus"; inst["temperature"] = sample_temperature(d); return;
    case 3: inst["F"] = "sigmoid"; inst["temperature"] = sample_temperature(d); return;
    case 4: inst["F"] = "gaussian"; inst["temperature"] = sample_temperature(d); return;
    case 5: inst["F"] = "quadratic"; inst["offset"] = sample_positive(d, 1e-6, 1e6); return;
    default: inst["F"] = "ssmax"; inst["ssmax_scale"] = sample_positive(d, 1e-3, 10); return;
  }
}

std::vector<FieldSpec> normaliser_fields() {
  return {{"logits", FieldKind::token_vector}, {"temperature", FieldKind::positive},
          {"offset", FieldKind::positive}, {"ssmax_scale", FieldKind::positive}};
}

nlohmann::json sample_lemma1(Draw& d, const std::string& variant, const SpaceLimits& limits) {
  const std::int64_t L = sample_length(d, limits.max_length);
  nlohmann::json inst{{"statement", "lemma1.vanishing"}, {"variant", variant}, {"logits", sample_logits(d, L)}};
  sample_f(d, inst, false);
  // "a" defaults to max |l_i| (the tightest interval); sometimes a wider interval [-a, a] is given.
  if (d.coin(1, 4)) {
    double m = 0;
    for (const auto& t : inst["logits"]) m = std::max(m, std::abs(std::strtod(t.get<std::string>().c_str(), nullptr)));
    // a >= max_i |l_i| + 1 > the exact |l_i| (a logit decimal is within half an ulp of its double).
    inst["a"] = shortest_decimal(m * d.uniform(1.0, 4.0) + 1.0);
  }
  return inst;
}

nlohmann::json sample_lemma2(Draw& d, const std::string& variant, const SpaceLimits& limits) {
  const std::int64_t L = sample_length(d, std::min(limits.max_length, kLemma2MaxLength));
  nlohmann::json inst{{"statement", "lemma2.jacobian"}, {"variant", variant}, {"logits", sample_logits(d, L)}};
  sample_f(d, inst, true);
  return inst;
}

}  // namespace

std::vector<InstanceSpace> normaliser_spaces() {
  return {{"lemma1.vanishing", normaliser_fields(), sample_lemma1, {}},
          {"lemma2.jacobian", normaliser_fields(), sample_lemma2, {}}};
}

}  // namespace attnbound::search
