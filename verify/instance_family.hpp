// The built-in, seeded instance family of `attnbound verify`.
//
// Contract: family(statement, seed, count) is a deterministic function of (statement id, seed, count): the
// same arguments give the same instances on every machine (std::mt19937_64 and integer-only draws; every
// number is produced as decimal text, so the instance is exact). The family is generic over the registry:
// it fills each of the statement's declared input fields (StatementInfo::inputs) from one random scenario
// by the field's name (logits, temperature, x, top_n, a, query, keys, radius, sphere_radius, dimension,
// delta, epsilon, direction, F, ...); fields it does not know are left out (the statement then rejects the
// instance with an InputError, which `verify` counts separately). Scenarios cover L from 2 to 4096 (capped
// per statement by max_length), exact ties and near-ties, logit ranges up to 1e6, one-hot limits, T from
// 1e-6 to 1e6 and spherical embeddings.
// Paper reference: spec sections 1-2 (the hypotheses each statement checks itself).
#pragma once

#include "theory/statement.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace attnbound {

struct FamilyInstance {
  std::string label;  // the scenario, e.g. "near-tie L=1024 T=1e-3 range=1e6"
  nlohmann::json instance;  // without "variant"; numbers as decimal strings
};

// Largest L used for a statement: the full 4096 for closed forms, smaller where one evaluation costs more
// than O(L) (enumeration / Monte Carlo over subsets, dense L x L Jacobians).
std::size_t family_max_length(const StatementInfo& info);

// The per-statement caps family_max_length applies before its field-based ones (x: 256, keys: 1024), by
// registry id (instance_family_test checks every id against the registry).
struct FamilyLengthCap {
  std::string statement;
  std::size_t max_length = 0;
  std::string why;
};
const std::vector<FamilyLengthCap>& family_length_caps();

std::vector<FamilyInstance> instance_family(const StatementInfo& info, std::uint64_t seed, std::size_t count);

// Counterexample corpus files (*.json under `dir`, sorted by name) that name this statement: an object with
// "statement" (numbers keep their literal text); fields the statement does not read (annotations such as a
// stored "certificate") are dropped. Files that do not parse
// are reported in `errors` (file: message), never fatal.
std::vector<FamilyInstance> corpus_instances(const std::string& dir, const std::string& statement_id,
                                             std::vector<std::string>* errors);

}  // namespace attnbound
