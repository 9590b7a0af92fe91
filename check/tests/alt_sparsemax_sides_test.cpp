// alt_sparsemax_sides: exact values at ties and at the support boundary, decided on integers where they can be.
#include "check/alt_sparsemax_sides.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

namespace {
std::vector<SideEval> sides(const std::string& variant, const std::string& logits) {
  const auto inst = nlohmann::json::parse(R"({"statement":"alt.sparsemax","variant":")" + variant + R"(","logits":)" + logits + "}");
  return alt_sparsemax_sides(InstanceReader(inst), variant, 128);
}
bool holds(const SideEval& s) {
  return s.relation == "at_most" ? certainly_le(s.pairs[0].first, s.pairs[0].second) : certainly_le(s.pairs[0].second, s.pairs[0].first);
}
bool violated(const SideEval& s) {
  return s.relation == "at_most" ? certainly_lt(s.pairs[0].second, s.pairs[0].first) : certainly_lt(s.pairs[0].first, s.pairs[0].second);
}
}  // namespace

TEST_CASE("alt.sparsemax sides: ||J||_2 = 1 exactly at a tie (attained) and 0 at the support boundary", "[check][alt_sparsemax_sides]") {
  const auto tie = sides("spectral", R"(["0","0"])");
  CHECK(arb_equal_si(tie[0].pairs[0].first.get(), 1));
  CHECK(holds(tie[0]));  // 1 <= 1, attained
  CHECK(violated(sides("softmax_bound", R"(["0","0"])")[0]));
  // (1.1, 0.1): the second logit sits exactly at tau, outside the support: |K| = 1, J = 0.
  const auto edge = sides("softmax_bound", R"(["1.1","0.1"])");
  CHECK(arb_is_zero(edge[0].pairs[0].first.get()));
  CHECK(holds(edge[0]));
}

TEST_CASE("alt.sparsemax sides: frobenius on the integers |K| - 1 <= L - 1, vanishing at the boundary", "[check][alt_sparsemax_sides]") {
  const auto f = sides("frobenius", R"(["0","0","0","-9"])");
  CHECK(arb_equal_si(f[0].pairs[0].first.get(), 2));  // |K| - 1
  CHECK(arb_equal_si(f[0].pairs[0].second.get(), 3));  // L - 1
  CHECK(certainly_lt(parse_decimal("1.4142", 128, "x"), f[0].report_quantity));  // sqrt 2, what the engine prints
  CHECK(holds(sides("frobenius", R"(["5","5","5"])")[0]));  // |K| = L: equality, decided exactly
  // (1, 0): max p = 1, gap 1: 1 >= min{1, 1}, equality decided exactly; (0.5, 0): p = (0.75, 0.25) >= 0.5.
  const auto v = sides("vanishing", R"(["1","0"])");
  CHECK(v[0].relation == "at_least");
  CHECK(holds(v[0]));
  CHECK(holds(sides("vanishing", R"(["0.5","0"])")[0]));
  CHECK(arb_equal_si(sides("vanishing", R"(["7"])")[0].pairs[0].second.get(), 1));  // L = 1: the bound is 1
}
