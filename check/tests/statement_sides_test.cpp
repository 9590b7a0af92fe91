// statement_sides: the checker's table and side evaluation, independent of theory/.
#include "check/statement_sides.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

using namespace attnbound;

TEST_CASE("statement sides: the table knows every statement id and its default variant", "[check][statement_sides]") {
  CHECK(check::known_statement_ids().size() == 16);
  // The alternatives (spec section 5) are evaluated (check/alt_*_sides.cpp), every variant.
  for (const char* id : {"alt.sparsemax", "alt.entmax15", "alt.ssmax", "alt.sa_softmax", "alt.low_temperature"}) {
    INFO(id);
    REQUIRE(check::find_statement_table(id));
    CHECK(check::find_statement_table(id)->supported);
    CHECK(check::find_statement_table(id)->unsupported_variants.empty());
  }
  CHECK(check::expected_sides("alt.sparsemax", "vanishing")[0].second == "at_least");
  CHECK(check::expected_sides("alt.sa_softmax", "vanishing")[0].second == "at_most");  // an upper bound there
  CHECK(check::expected_sides("alt.low_temperature", "guideline").size() == 3);
  CHECK(check::expected_sides("alt.low_temperature", "collapse")[1].first == "low");
  REQUIRE(check::find_statement_table("cor3.softmax_jacobian.corrected"));
  CHECK(check::find_statement_table("cor3.softmax_jacobian.corrected")->variants[0] == "spectral");
  CHECK(check::find_statement_table("nothing") == nullptr);
  CHECK(check::expected_sides("cor1.softmax_weights", "max_key").size() == 2);
}

TEST_CASE("statement sides: Corollary 3 at a tie and hypotheses on exact decimals", "[check][statement_sides]") {
  const auto inst = nlohmann::json::parse(R"({"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"1"})");
  const auto sides = check::evaluate_sides("cor3.softmax_jacobian", "frobenius", inst, {}, {}, 128);
  REQUIRE(sides.size() == 1);
  CHECK(check::certainly_lt(sides[0].pairs[0].second, sides[0].pairs[0].first));  // 1/2 > 1/4
  const auto bad_t = nlohmann::json::parse(R"({"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"0"})");
  CHECK_THROWS_AS(check::evaluate_sides("cor3.softmax_jacobian", "spectral", bad_t, {}, {}, 128), HypothesisError);
  const auto extra = nlohmann::json::parse(R"({"statement":"cor3.softmax_jacobian","logits":["0"],"temperature":"1","tmperature":"2"})");
  CHECK_THROWS_AS(check::evaluate_sides("cor3.softmax_jacobian", "spectral", extra, {}, {}, 128), InputError);
  const auto lemma = nlohmann::json::parse(R"({"statement":"lemma1.vanishing","logits":["2","-3"],"a":"2.9999","temperature":"1"})");
  CHECK_THROWS_AS(check::evaluate_sides("lemma1.vanishing", "two_sided", lemma, {}, {}, 128), HypothesisError);
}
