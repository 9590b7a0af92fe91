// alt_sa_softmax_sides: J = diag p + diag z (diag p - p p^T) at equal logits, where ||J||_2 = (1 + c)/2 exactly.
#include "check/alt_sa_softmax_sides.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

namespace {
std::vector<SideEval> sides(const std::string& variant, const std::string& logits) {
  const auto inst = nlohmann::json::parse(R"({"statement":"alt.sa_softmax","variant":")" + variant + R"(","logits":)" + logits + "}");
  return alt_sa_softmax_sides(InstanceReader(inst), variant, 128);
}
}  // namespace

TEST_CASE("alt.sa_softmax sides: ||J||_2 = 3/2 at z = (2, 2), above the band 1/2 and equal to the derived bound", "[check][alt_sa_softmax_sides]") {
  const auto band = sides("softmax_band", R"(["2","2"])");
  CHECK(arb_contains(band[0].pairs[0].first.get(), parse_decimal("1.5", 128, "x").get()));
  CHECK(certainly_lt(band[0].pairs[0].second, band[0].pairs[0].first));
  const auto spectral = sides("spectral", R"(["2","2"])");
  CHECK(arb_equal_si(mul(spectral[0].pairs[0].second, Ball(2), 128).get(), 3));  // 1/2 + 2 min{1/2, 1/2}, exact
  // Equality, proved exactly here (the engine leaves it undecided): J = [[1, -1/2], [-1/2, 1]] has row and
  // column sums 3/2, so sqrt(||J||_1 ||J||_inf) = 3/2 = b.
  CHECK(spectral[0].holds_by_other);
  CHECK(sides("spectral", R"(["0.5","-1","3"])")[0].holds_by_other);
}

TEST_CASE("alt.sa_softmax sides: vanishing is an upper bound, with equality at equal logits", "[check][alt_sa_softmax_sides]") {
  const auto eq = sides("vanishing", R"(["3","3","3","3"])");
  CHECK(eq[0].relation == "at_most");
  CHECK(arb_overlaps(eq[0].pairs[0].first.get(), eq[0].pairs[0].second.get()));  // 3/4 both
  CHECK(arb_contains(eq[0].pairs[0].second.get(), parse_decimal("0.75", 128, "x").get()));
  const auto v = sides("vanishing", R"(["0.5","-1","3"])");
  CHECK(certainly_lt(v[0].pairs[0].first, v[0].pairs[0].second));
}
