// Shrinking a certified counterexample to a small, human-readable one that is still a certified violation.
//
// Moves, tried in this order and repeated until none applies: drop a token (every token_vector and
// token_matrix field at once; integer fields clamped to the new L), drop a dimension (every token_matrix
// column and dim_vector entry), lower an integer field, and simplify one number: 0, the value of
// another entry of the same field (fewer distinct values), an integer, 1 to 6 significant digits.
// A move is kept only if the certificate (certify.hpp, at the given precision) still says "violated"
// and the instance got strictly simpler: (L, d, distinct values, total decimal characters) decreases
// lexicographically.
#pragma once

#include "counterexamples/certify.hpp"
#include "counterexamples/instance_space.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace attnbound::search {

struct ShrinkResult {
  nlohmann::json instance;
  Certificate certificate;
  int steps = 0;     // moves kept
  int attempts = 0;  // certificates computed
};

struct Size {
  std::int64_t length = 0, dim = 0, distinct = 0, characters = 0;
  auto operator<=>(const Size&) const = default;
};
// The size of an instance under the space's field roles.
Size instance_size(const InstanceSpace& space, const nlohmann::json& instance);

// `instance` must be a certified violation (else it is returned unchanged with steps = 0).
ShrinkResult shrink_violation(const Statement& st, const InstanceSpace& space, const std::string& variant,
                              const nlohmann::json& instance, unsigned precision_bits = kCertifyBits,
                              int max_attempts = 3000);

// The same moves for a statistical (Monte Carlo) violation, keeping only moves that remain statistical
// violations with the registry's seed. Each attempt costs a full Monte Carlo estimate, hence the lower
// default cap. The result was selected among many candidates: confirm it (confirm_statistical) before
// reporting it.
ShrinkResult shrink_statistical_violation(const Statement& st, const InstanceSpace& space, const std::string& variant,
                                          const nlohmann::json& instance, unsigned precision_bits = kCertifyBits,
                                          int max_attempts = 400);

}  // namespace attnbound::search
