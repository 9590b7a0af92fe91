// Tests of theory/forall_claim_index: the reported index carries the verdict of the claim for every index.
#include "testing/catch.hpp"
#include "theory/forall_claim_index.hpp"

using namespace attnbound;

namespace {
Interval box(const char* lo, const char* hi) { return hull(Real(lo), Real(hi)); }
}  // namespace

TEST_CASE("forall_claim_index: a certified violation wins over a more extreme midpoint", "[forall_claim_index]") {
  PrecisionScope scope(128);
  // Index 0: q in [0, 10] vs b = 1 is undecided with the larger midpoint ratio; index 1: q = [2, 3] > b = 1.
  const Vec<Interval> q{box("0", "10"), box("2", "3"), box("0.1", "0.2")};
  const Vec<Interval> b{Interval(1), Interval(1), Interval(1)};
  const Vec<Interval> ratio{q[0] / b[0], q[1] / b[1], q[2] / b[2]};
  CHECK(forall_claim_index(q, b, Relation::at_most, ratio, true) == 1);
}

TEST_CASE("forall_claim_index: an undecided index wins over indices that hold", "[forall_claim_index]") {
  PrecisionScope scope(128);
  // at_least: index 2 holds with the smallest midpoint ratio, index 0 is undecided.
  const Vec<Interval> q{box("0.5", "2"), box("3", "4"), box("1.5", "1.6")};
  const Vec<Interval> b{Interval(1), Interval(1), Interval(1)};
  const Vec<Interval> ratio{b[0] / q[0], b[1] / q[1], b[2] / q[2]};
  // Ratio b/q midpoints: about 1.25, 0.29, 0.65; the largest (worst) is 0 either way, the smallest would be 1.
  CHECK(forall_claim_index(q, b, Relation::at_least, ratio, false) == 0);
}

TEST_CASE("forall_claim_index: when every index holds the most extreme ratio is reported", "[forall_claim_index]") {
  PrecisionScope scope(128);
  const Vec<Interval> q{box("0.1", "0.2"), box("0.7", "0.8"), box("0.3", "0.4")};
  const Vec<Interval> b{Interval(1), Interval(1), Interval(1)};
  const Vec<Interval> ratio{q[0], q[1], q[2]};
  CHECK(forall_claim_index(q, b, Relation::at_most, ratio, true) == 1);
  CHECK(forall_claim_index(q, b, Relation::at_most, ratio, false) == 0);
  const Vec<double> qd{0.15, 0.75, 0.35}, bd{1, 1, 1};
  CHECK(forall_claim_index(qd, bd, Relation::at_most, qd, true) == 1);
}

TEST_CASE("forall_claim_index: empty or mismatched inputs are refused", "[forall_claim_index]") {
  const Vec<double> none, one{1.0};
  CHECK_THROWS_AS(forall_claim_index(none, none, Relation::at_most, none, true), std::invalid_argument);
  CHECK_THROWS_AS(forall_claim_index(one, none, Relation::at_most, one, true), std::invalid_argument);
}
