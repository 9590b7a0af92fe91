// Tests of verify/proof_chains/proof_chains: every registry statement has exactly one chain, in the registry's
// order, under the statement's own id; the shared helpers.
#include "testing/catch.hpp"
#include "theory/errors.hpp"
#include "verify/proof_chains/proof_chains.hpp"

#include <set>

using namespace attnbound;

TEST_CASE("proof_chains: every registry id has exactly one chain, in the registry's order", "[proof_chains]") {
  const auto& chains = proof_chains();
  const auto& statements = all_statements();
  REQUIRE(chains.size() == statements.size());
  std::set<std::string> seen;
  for (std::size_t k = 0; k < chains.size(); ++k) {
    INFO(statements[k].info.id);
    CHECK(chains[k].statement == statements[k].info.id);
    CHECK(chains[k].steps != nullptr);
    CHECK_FALSE(chains[k].derivation.empty());
    CHECK(seen.insert(chains[k].statement).second);
  }
}

TEST_CASE("proof_chains: detail, count and the enumeration cap", "[proof_chains]") {
  Evaluation<Interval> e;
  e.details.push_back({"x", Interval(3)});
  CHECK(approx(proof_chain::detail(e, "x")) == 3);
  CHECK_THROWS_AS(proof_chain::detail(e, "y"), std::logic_error);
  CHECK(approx(proof_chain::count(7)) == 7);
  std::size_t subsets = 0;
  proof_chain::for_each_subset(5, 2, [&](const std::vector<bool>& in) {
    std::size_t members = 0;
    for (bool b : in) members += b ? 1 : 0;
    CHECK(members == 2);
    ++subsets;
  });
  CHECK(subsets == 10);
  EvalOptions opt;
  opt.max_enumeration = 10;
  CHECK(proof_chain::exhaustive_enumeration(6, 3, opt).max_enumeration == kReplayMaxSubsets);
  try {
    proof_chain::exhaustive_enumeration(30, 15, opt);  // C(30, 15) > 1e5
    FAIL("expected an InputError");
  } catch (const InputError& err) {
    CHECK(err.field() == "top_n");
  }
}
