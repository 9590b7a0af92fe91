// alt_low_temperature_sides: the hypotheses on exact decimals, and the corpus's readings recomputed.
#include "check/alt_low_temperature_sides.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

using namespace attnbound::check;

namespace {
std::vector<SideEval> sides(const std::string& variant, const std::string& rest, long prec = 325) {
  const auto inst = nlohmann::json::parse(R"({"statement":"alt.low_temperature","variant":")" + variant + R"(",)" + rest + "}");
  return alt_low_temperature_sides(InstanceReader(inst), variant, prec);
}
}  // namespace

TEST_CASE("alt.low_temperature sides: logits (1, 0) at T = 1 and 0.0007: the norm collapses instead of rising", "[check][alt_low_temperature_sides]") {
  const std::string inst = R"("logits":["1","0"],"x":[["0"],["0"]],"top_n":1,"temperature":"1","low_temperature":"0.0007")";
  const auto g = sides("guideline", inst);
  REQUIRE(g.size() == 3);
  CHECK(certainly_lt(g[0].pairs[0].first, g[0].pairs[0].second));  // ||J(T2)|| ~ 1e-617 < ||J(T1)|| ~ 0.39: violated
  CHECK(arb_is_zero(g[1].pairs[0].first.get()));                    // x = 0: both distances 0 exactly
  CHECK(certainly_le(g[1].pairs[0].first, g[1].pairs[0].second));
  CHECK(arb_is_zero(g[2].pairs[0].first.get()));                     // x = 0: d_0 = 0 = r, not < r: N_s = 0
  CHECK(arb_is_zero(g[2].pairs[0].second.get()));
  const auto o = sides("one_over_T", inst);
  CHECK(certainly_lt(o[0].pairs[0].first, o[0].pairs[0].second));
  const auto c = sides("collapse", inst);
  CHECK(certainly_le(c[0].pairs[0].first, c[0].pairs[0].second));   // 2 sigma(1) sigma(-1) <= 2 sigma(-1)
  // 2 p1 p2 / T <= 2 p2 / T has the relative margin p2 ~ e^-1428 ~ 2^-2060: not decided at 325 bits, decided at 4096.
  CHECK_FALSE(certainly_le(c[1].pairs[0].first, c[1].pairs[0].second));
  const auto fine = sides("collapse", inst, 4096);
  CHECK(certainly_le(fine[1].pairs[0].first, fine[1].pairs[0].second));
}

TEST_CASE("alt.low_temperature sides: temperatures checked exactly on the decimals", "[check][alt_low_temperature_sides]") {
  const std::string base = R"("logits":["1","0"],"x":[["0"],["1"]],"top_n":1,)";
  CHECK_THROWS_AS(sides("collapse", base + R"("temperature":"0.05","low_temperature":"0.05")"), attnbound::HypothesisError);
  CHECK_THROWS_AS(sides("collapse", base + R"("temperature":"1","low_temperature":"0.1000000000001")"), attnbound::HypothesisError);
  CHECK_THROWS_AS(sides("collapse", base + R"("temperature":"1.0000001")"), attnbound::HypothesisError);  // default T1/10 > 0.1
  CHECK_NOTHROW(sides("collapse", base + R"("temperature":"1")"));                                       // T2 = 0.1 exactly
  CHECK_THROWS_AS(sides("collapse", base + R"("temperature":"1","tolerance":"-0.1")"), attnbound::HypothesisError);
  CHECK_THROWS_AS(sides("collapse", base + R"("temperature":"1","top_n":3)"), std::exception);
}
