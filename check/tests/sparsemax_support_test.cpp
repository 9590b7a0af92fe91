// sparsemax_support: the support certified at the decision boundary (a logit equal to tau exactly), and
// CheckUndecided (never a guess) where Arb cannot decide it.
#include "check/sparsemax_support.hpp"
#include "check/statement_sides.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

namespace {
SparsemaxSupport run(const std::vector<std::string>& l, long prec = 128) { return sparsemax_support(shifted_logits(l, prec, "l"), prec); }
}  // namespace

TEST_CASE("sparsemax support: a logit exactly at tau is outside, decided exactly", "[check][sparsemax_support]") {
  // (1, 0): tau = 0 = l_2 (in the shifted coordinates tau = -1 = y_2): p = (1, 0), K = {0}.
  for (const auto& l : std::vector<std::vector<std::string>>{{"1", "0"}, {"1.1", "0.1"}, {"0.1", "1.1", "-7"}}) {
    const SparsemaxSupport s = run(l);
    CHECK(s.size == 1);
    for (std::size_t i = 0; i < l.size(); ++i) CHECK(arb_equal_si(s.p[i].get(), s.in_support[i] ? 1 : 0));
  }
  // Two logits tied exactly at tau: (1, 0, 0) has tau_1 = 0 = l_2 = l_3 and tau_2 = (1 + 0 - 1)/2 = 0 too.
  const SparsemaxSupport t = run({"1", "0", "0"});
  CHECK(t.size == 1);
  CHECK(arb_equal_si(t.p[0].get(), 1));
  CHECK(arb_is_zero(t.p[1].get()));
  CHECK(arb_is_zero(t.p[2].get()));
  // Off the boundary: (0.5, 0, -0.5, -0.5) has K = {0, 1}, tau = -0.75 in shifted coordinates, sum p = 1.
  const SparsemaxSupport v = run({"0.5", "0", "-0.5", "-0.5"});
  CHECK(v.size == 2);
  Ball total(0);
  for (const auto& p : v.p) total = add(total, p, 128);
  CHECK(arb_equal_si(total.get(), 1));
  // Equal logits: the uniform weights, all in the support.
  const SparsemaxSupport u = run({"3", "3", "3"});
  CHECK(u.size == 3);
  CHECK(arb_contains(u.p[0].get(), div(Ball(1), Ball(3), 128).get()));
}

TEST_CASE("sparsemax support: a non-dyadic logit at tau is undecided at every precision", "[check][sparsemax_support]") {
  // (0.1, 0, -0.45): y = (0, -0.1, -0.55), k = 2 gives tau = (-0.1 - 1)/2 = -0.55 = y_3 exactly, but -0.55 is
  // not a dyadic number: Arb's balls for y_3 - tau straddle 0 at every precision.
  for (long prec : {128L, 1024L, 8192L}) CHECK_THROWS_AS(run({"0.1", "0", "-0.45"}, prec), CheckUndecided);
  // Moved off the boundary by 10^-30 either way it is decided, on the right side.
  CHECK(run({"0.1", "0", "-0.449999999999999999999999999999"}).size == 3);
  CHECK(run({"0.1", "0", "-0.450000000000000000000000000001"}).size == 2);
}
