// The instance space of each statement: how to sample instances (shared by the search and the property
// tests), which fields are continuous (what the local optimisers move), and optionally an analytic
// gradient of log(ratio) in double precision.
//
// Generic over the registry: a statement is covered by the search and the property tests as soon as it
// has an InstanceSpace here (find_instance_space); uncovered_statements() lists the registry ids without one.
#pragma once

#include "counterexamples/draw.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace attnbound::search {

enum class FieldKind {
  positive,      // scalar > 0, optimised as its logarithm (temperature, radius, epsilon)
  real,          // scalar
  token_vector,  // one number per token (length L): logits, a direction in logit space, weights
  token_matrix,  // L rows of d numbers: keys, embeddings x
  dim_vector,    // d numbers: the query
  integer,       // an integer held fixed by the local optimisers (top_n); shrinking lowers it
};

struct FieldSpec {
  std::string name;
  FieldKind kind;
};

struct SpaceLimits {
  std::int64_t max_length = 4096;  // L
  std::int64_t max_dim = 64;       // d
};

struct InstanceSpace {
  std::string statement;
  std::vector<FieldSpec> fields;  // the continuous and integer inputs; other fields are kept as sampled
  // A random instance with "statement" and "variant" set and every number an exact decimal string.
  std::function<nlohmann::json(Draw&, const std::string& variant, const SpaceLimits&)> sample;
  // log(ratio) and its gradient with respect to encode(instance) (parameterization.hpp), in double; empty
  // when the statement has no analytic gradient here (the search then uses central differences).
  std::function<double(const nlohmann::json& instance, const std::string& variant, std::vector<double>& grad)>
      log_ratio_gradient;
  // Monte Carlo statements: the sample count of the double evaluations the optimisers climb (0 = the
  // registry's default). Fewer samples only steer the climb; every candidate that counts is re-evaluated
  // by certify_candidate() with the registry's default sample count.
  std::uint64_t climb_monte_carlo_samples = 0;
};

// The space of a statement id, or nullptr when none is registered yet.
const InstanceSpace* find_instance_space(const std::string& statement);
// Registry ids (theory/statement_list.hpp) that have no instance space: not yet searched or property-tested.
std::vector<std::string> uncovered_statements();
// Registry ids that have one.
std::vector<std::string> covered_statements();

// The spaces, one per statement family (counterexamples/space_<family>.cpp).
std::vector<InstanceSpace> cor3_spaces();
std::vector<InstanceSpace> attention_spaces();  // cor1, thm1.fixed, thm1.random, cor2.regimes, alg5
std::vector<InstanceSpace> normaliser_spaces();  // lemma1.vanishing, lemma2.jacobian (general F-normalisers)
std::vector<InstanceSpace> separability_spaces();  // thm2.lower, thm2.upper (Monte Carlo, not certified)
std::vector<InstanceSpace> alternative_spaces();  // alt.sparsemax, alt.entmax15, alt.ssmax, alt.sa_softmax

}  // namespace attnbound::search
