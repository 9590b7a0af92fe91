// alt_ssmax_sides: the effective temperature T / (s log L) folded into the bound, c = 0 exactly, negative s.
#include "check/alt_ssmax_sides.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

namespace {
std::vector<SideEval> sides(const std::string& variant, const std::string& rest) {
  const auto inst = nlohmann::json::parse(R"({"statement":"alt.ssmax","variant":")" + variant + R"(",)" + rest + "}");
  return alt_ssmax_sides(InstanceReader(inst), variant, 256);
}
}  // namespace

TEST_CASE("alt.ssmax sides: a tie of L = 2 attains |c|/(2T) and breaks Corollary 3's transfer", "[check][alt_ssmax_sides]") {
  const auto t = sides("cor3_transfer", R"("logits":["1","1"])");
  CHECK(certainly_lt(t[0].pairs[0].second, t[0].pairs[0].first));  // lambda = 1/2 > 1/4
  Ball log2;
  arb_const_log2(log2.get(), 256);
  CHECK(arb_overlaps(t[0].report_quantity.get(), div(log2, Ball(2), 256).get()));  // (log 2) / 2
  const auto s = sides("spectral", R"("logits":["1","1"])");
  CHECK(arb_overlaps(s[0].pairs[0].first.get(), s[0].pairs[0].second.get()));  // 1/2 vs 1/2: attained
}

TEST_CASE("alt.ssmax sides: c = 0 exactly for L = 1 or s = 0, and a negative scale flips the top", "[check][alt_ssmax_sides]") {
  const auto one = sides("spectral", R"("logits":["4"],"ssmax_scale":"3")");
  CHECK(arb_is_zero(one[0].pairs[0].first.get()));
  CHECK(arb_is_zero(one[0].pairs[0].second.get()));
  const auto zero = sides("vanishing", R"("logits":["1","0","0"],"ssmax_scale":"0")");
  CHECK(arb_overlaps(zero[0].pairs[0].first.get(), div(Ball(1), Ball(3), 256).get()));  // uniform, bound 1/L
  CHECK(arb_overlaps(zero[0].pairs[0].second.get(), div(Ball(1), Ball(3), 256).get()));
  // s = -1, T = 1, logits (0, 0, 5): the top of u = c l is the bottom pair of l, tied: D = 0, bound 1/(1 + 2) ...
  // and max p = 1/2 > 1/3 (two tied weights at the top of u).
  const auto neg = sides("vanishing", R"("logits":["0","0","5"],"ssmax_scale":"-1")");
  CHECK(arb_contains_si(mul(neg[0].pairs[0].second, Ball(3), 256).get(), 1));
  CHECK(certainly_lt(neg[0].pairs[0].second, neg[0].pairs[0].first));
}
