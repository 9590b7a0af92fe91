// Tests of verify/proof_replay, the engine: JSON and text name the first false step, bad requests are
// InputErrors naming their field. Each statement's chain is tested beside it (verify/proof_chains/tests/).
#include "testing/catch.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

TEST_CASE("proof_replay: JSON and text name the first false step", "[proof_replay]") {
  const auto r = replay_proof(Instance::from_json(
      {{"statement", "cor3.softmax_jacobian"}, {"variant", "frobenius"}, {"logits", {"0", "0"}}, {"temperature", "1"}}));
  const auto j = to_json(r);
  CHECK(j["first_false_step"] == "diagonal");
  CHECK(j["steps"].size() == r.steps.size());
  CHECK(j["variant"] == "frobenius");
  CHECK(format_text(r).find("first false step: 2. diagonal") != std::string::npos);
}

TEST_CASE("proof_replay: bad requests are InputErrors naming the field", "[proof_replay]") {
  try {
    replay_proof(Instance::from_json({{"statement", "no.such_statement"}, {"logits", {"0"}}, {"temperature", "1"}}));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.field() == "statement");
  }
  auto bad = thm1(1, 4, 2, 2, "tight").raw();
  bad["distance"] = "norm_of_sum";
  CHECK_THROWS_AS(replay_proof(Instance::from_json(bad)), InputError);
  CHECK_THROWS_AS(replay_proof(Instance::from_json(
                      {{"statement", "cor3.softmax_jacobian"}, {"logits", {"0"}}, {"temperature", "-1"}})),
                  HypothesisError);
}
