// entmax15_threshold: tau bracketed and bisected, the support certified; a support-boundary tie (z_i/2 = tau
// exactly) is decided when exact and undecided (CheckUndecided) when Arb cannot decide it.
#include "check/entmax15_threshold.hpp"
#include "check/statement_sides.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

namespace {
Entmax15Threshold run(const std::vector<std::string>& l, long prec = 128) { return entmax15_threshold(shifted_logits(l, prec, "l"), prec); }
}  // namespace

TEST_CASE("entmax15 threshold: the boundary tie (2, 0) has p = (1, 0) exactly", "[check][entmax15_threshold]") {
  // y = (0, -1): phi(t) = (0 - t)^2 for t >= -1, so tau = -1 = y_2 exactly: index 1 sits on the boundary.
  const Entmax15Threshold t = run({"2", "0"});
  CHECK(arb_equal_si(t.tau.get(), -1));
  CHECK(arb_equal_si(t.p[0].get(), 1));
  CHECK(arb_is_zero(t.p[1].get()));
  CHECK(arb_is_zero(t.g[1].get()));
}

TEST_CASE("entmax15 threshold: sum p = 1 and the KKT conditions on random logits (seed printed)", "[check][entmax15_threshold]") {
  const unsigned seed = 20251206;
  INFO("seed " << seed);
  std::srand(seed);
  for (int n = 0; n < 50; ++n) {
    std::vector<std::string> l;
    const int L = 1 + std::rand() % 20;
    for (int i = 0; i < L; ++i) l.push_back(std::to_string(std::rand() % 4001 - 2000) + "e-3");
    const Entmax15Threshold t = run(l);
    Ball total(0);
    for (std::size_t i = 0; i < l.size(); ++i) {
      total = add(total, t.p[i], 128);
      CHECK(certainly_le(Ball(0), t.g[i]));
    }
    INFO("L " << L);
    CHECK(arb_contains_si(total.get(), 1));
    CHECK(certainly_lt(Ball(-2), t.tau));  // in the bracket [-1, 0] (shifted, halved coordinates)
    CHECK(certainly_lt(t.tau, Ball(0)));
  }
}

TEST_CASE("entmax15 threshold: a non-dyadic boundary tie is undecided at every precision", "[check][entmax15_threshold]") {
  // l = (0, -0.4, -1.6): y = (0, -0.2, -0.8); on K = {0, 1}: mean -0.1, M2 = 0.02, tau = -0.1 - sqrt(0.49) =
  // -0.8 = y_3 exactly (p_3 = 0 either way), but 0.49, 0.7 and -0.8 are not dyadic.
  for (long prec : {128L, 2048L}) CHECK_THROWS_AS(run({"0", "-0.4", "-1.6"}, prec), CheckUndecided);
  // Nudged by 10^-30 either way it is decided, and p_3 is tiny or 0.
  const Entmax15Threshold in = run({"0", "-0.4", "-1.599999999999999999999999999999"});
  CHECK(certainly_positive(in.g[2]));
  const Entmax15Threshold out = run({"0", "-0.4", "-1.600000000000000000000000000001"});
  CHECK(arb_is_zero(out.p[2].get()));
}
