#include "counterexamples/instance_space.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

#include <algorithm>
#include <set>

using namespace attnbound;
using namespace attnbound::search;

TEST_CASE("covered and uncovered statements partition the registry", "[instance_space]") {
  const auto covered = covered_statements(), uncovered = uncovered_statements();
  REQUIRE(covered.size() + uncovered.size() == all_statements().size());
  REQUIRE(std::find(covered.begin(), covered.end(), "cor3.softmax_jacobian") != covered.end());
  for (const auto& id : uncovered) WARN("no instance space yet: " << id);
  REQUIRE(find_instance_space("no.such.statement") == nullptr);
}

TEST_CASE("every instance space samples instances its statement accepts, for every variant", "[instance_space]") {
  RandomDraw d(11);
  for (const auto& id : covered_statements()) {
    const Statement& st = find_statement(id);
    const InstanceSpace& space = *find_instance_space(id);
    for (const auto& v : st.info.variants)
      for (int i = 0; i < 30; ++i) {
        const nlohmann::json j = space.sample(d, v.name, {32, 4});
        INFO(id << "/" << v.name << ": " << j.dump());
        REQUIRE(j.at("statement") == id);
        REQUIRE(j.at("variant") == v.name);
        const Instance inst = Instance::from_json(j);
        REQUIRE_NOTHROW(st.evaluate_double(inst, v.name, EvalOptions{}));
      }
  }
}

TEST_CASE("every instance space names a registry statement, each at most once", "[instance_space]") {
  std::set<std::string> seen;
  for (auto family : {cor3_spaces, attention_spaces, normaliser_spaces, separability_spaces, alternative_spaces})
    for (const auto& s : family()) {
      INFO(s.statement);
      REQUIRE_NOTHROW(find_statement(s.statement));  // a misspelt id would never be searched
      CHECK(seen.insert(s.statement).second);
    }
  CHECK(seen.size() == covered_statements().size());
}
