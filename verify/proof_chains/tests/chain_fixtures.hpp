// Instances and checks shared by the proof-chain tests (verify/proof_chains/tests/*_test.cpp).
#pragma once

#include "testing/catch.hpp"
#include "verify/proof_replay.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace attnbound::chain_fixtures {

// The step of a replay named `name` (fails the test when there is none).
inline const ProofStepResult& step(const ProofResult& r, const std::string& name) {
  for (const auto& s : r.steps)
    if (s.name == name) return s;
  FAIL("no step " << name);
  return r.steps.front();
}

// A seeded Theorem 1 fixed instance: L logits in [-9.99, 9.99], T = 0.7, x in [-0.999, 0.999]^d, top_n N.
inline Instance thm1(std::uint64_t seed, std::size_t L, std::size_t d, std::size_t N, const std::string& variant) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> u(-999, 999);
  std::vector<std::string> logits;
  std::vector<std::vector<std::string>> x(L);
  for (std::size_t i = 0; i < L; ++i) {
    logits.push_back(std::to_string(u(rng)) + "e-2");
    for (std::size_t c = 0; c < d; ++c) x[i].push_back(std::to_string(u(rng)) + "e-3");
  }
  return Instance::from_json({{"statement", "thm1.fixed"}, {"variant", variant}, {"logits", logits},
                              {"temperature", "0.7"}, {"x", x}, {"top_n", N}});
}

// Every step certified non-false (exact, tight, slack or undecided), and the claim itself decided to hold.
inline void check_no_false_step(const ProofResult& r) {
  CHECK_FALSE(r.first_false);
  CHECK_FALSE(r.first_false_statistical);
  for (const auto& s : r.steps) {
    INFO(s.name << ": " << s.status);
    CHECK(s.status != "false");
  }
}

// thm1's instance for another statement with the same fields (thm1.random, cor2.regimes).
inline Instance random_embeddings(const std::string& statement, const std::string& variant, std::uint64_t seed,
                                  std::size_t L, std::size_t d, std::size_t N) {
  auto raw = thm1(seed, L, d, N, variant).raw();
  raw["statement"] = statement;
  return Instance::from_json(raw);
}

inline nlohmann::json equal_logits(std::size_t L, const std::string& variant) {
  return {{"statement", "lemma2.jacobian"}, {"variant", variant}, {"logits", std::vector<std::string>(L, "0")},
          {"temperature", "1"}};
}

// Theorem 2 instances: weights, top_n, radius r, sphere radius M = 1, dimension 3.
inline nlohmann::json separability(const std::string& statement, const std::string& variant,
                                   std::vector<std::string> weights, std::size_t N, const std::string& radius) {
  return {{"statement", statement}, {"variant", variant}, {"weights", weights}, {"top_n", N},
          {"radius", radius}, {"sphere_radius", "1"}, {"dimension", 3}};
}

}  // namespace attnbound::chain_fixtures
