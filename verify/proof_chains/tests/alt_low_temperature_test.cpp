// Tests of verify/proof_chains/alt_low_temperature: the collapse chain (Gershgorin, then the top weight) holds,
// the 1/T reading breaks at its matrix part under a gap, and the guideline's replay names the failing side.
#include "testing/catch.hpp"
#include "verify/certify.hpp"
#include "verify/proof_chains/tests/chain_fixtures.hpp"

using namespace attnbound;
using namespace attnbound::chain_fixtures;

namespace {
Instance low_t(const std::string& variant, const std::vector<std::string>& logits) {
  std::vector<std::vector<std::string>> x;
  for (std::size_t i = 0; i < logits.size(); ++i) x.push_back({std::to_string(i + 1), "0.5"});
  return Instance::from_json({{"statement", "alt.low_temperature"}, {"variant", variant}, {"logits", logits},
                              {"x", x}, {"top_n", 1}, {"temperature", "1"}, {"low_temperature", "0.05"}});
}
}  // namespace

TEST_CASE("proof_replay: alt.low_temperature collapse holds step by step", "[proof_replay]") {
  const auto r = replay_proof(low_t("collapse", {"1", "0.3", "-2"}));
  check_no_false_step(r);
  CHECK(step(r, "gershgorin-high").status == "slack");  // at T2 the weights are near one-hot: nearly tight
  CHECK(step(r, "top-weight-high").status == "slack");
}

TEST_CASE("proof_replay: alt.low_temperature one_over_T and guideline break under a gap", "[proof_replay]") {
  const auto o = replay_proof(low_t("one_over_T", {"1", "0"}));
  REQUIRE(o.first_false);
  CHECK(o.steps[*o.first_false].name == "matrix-part");
  const auto g = replay_proof(low_t("guideline", {"1", "0"}));
  REQUIRE(g.first_false);
  CHECK(g.steps[*g.first_false].name == "jacobian");  // ||J|| collapses: 40 sigma(20) sigma(-20) < 2 sigma(1) sigma(-1)
}

TEST_CASE("certify: alt.low_temperature guideline certified to hold on a near-tie, violated under a gap", "[proof_replay]") {
  // The near-tie of theory/tests/alt_low_temperature_test.cpp: ||J|| rises (0.49999 -> 4.99), d~ falls (0.990 ->
  // 0.900), N_s/N stays 1: every side decided, the verdict a proof.
  const auto h = certify(Instance::parse(
      R"({"statement":"alt.low_temperature","logits":["0.01","0"],"x":[[1],[3]],"top_n":1,"temperature":"1","low_temperature":"0.1"})"));
  CHECK(h.verdict == Verdict::holds);
  CHECK(h.certified);
  REQUIRE(h.sides.size() == 3);
  for (const auto& s : h.sides) CHECK(s.verdict == Verdict::holds);
  // Gap 1: ||J(0.1)|| ~ 9.1e-4 < ||J(1)|| ~ 0.39 (the Jacobian side alone is violated).
  const auto v = certify(Instance::parse(
      R"({"statement":"alt.low_temperature","logits":[1,0],"x":[[1],[3]],"top_n":1,"temperature":1,"low_temperature":"0.1"})"));
  CHECK(v.verdict == Verdict::violated);
  CHECK(v.certified);
  CHECK(v.sides.at(0).verdict == Verdict::violated);
}
