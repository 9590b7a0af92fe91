// The continuous coordinates the local optimisers move: every number of the space's positive, real,
// token_vector, token_matrix and dim_vector fields, in field order (row-major for matrices); positive
// fields as their natural logarithm, so every coordinate ranges over all of R. Integer fields, the shape
// (L, d) and any other field stay as in the template instance.
#pragma once

#include "counterexamples/instance_space.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace attnbound::search {

// The coordinates of `instance` (numbers parsed with strtod: the optimisers work in double).
std::vector<double> encode(const InstanceSpace& space, const nlohmann::json& instance);
// `tmpl` with its coordinates replaced by x (each written as its shortest round-trip decimal). Returns
// nullopt when a coordinate is not finite or a positive field under- or overflows.
std::optional<nlohmann::json> decode(const InstanceSpace& space, const nlohmann::json& tmpl,
                                     const std::vector<double>& x);

// The double value of a decimal string field entry (or JSON number).
double number_of(const nlohmann::json& v);

}  // namespace attnbound::search
