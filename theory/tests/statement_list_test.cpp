// The registry table: every statement of the spec is registered, and the example instance of each
// (theory/README.md, "## Statements") evaluates through evaluate_point, the path of `attnbound eval`,
// with the verdict the README states.
#include "testing/catch.hpp"
#include "theory/evaluate_point.hpp"
#include "theory/statement.hpp"

#include <map>
#include <set>

using namespace attnbound;

namespace {
struct Example {
  const char* json;
  const char* verdict;
};
const std::vector<Example>& examples() {
  static const std::vector<Example> list{
      {R"({"statement":"lemma1.vanishing","logits":[0,1,-1],"F":"quadratic","offset":"1","a":"2"})", "holds"},
      {R"({"statement":"cor1.softmax_weights","variant":"literal","query":[1],"keys":[[0],[10]],"temperature":1})", "violated"},
      {R"({"statement":"thm1.fixed","weights":["0.75","0.25"],"x":[[1,0],[0,1]],"top_n":1})", "holds"},
      {R"({"statement":"thm1.random","variant":"main_as_upper","logits":[0,0,0],"temperature":1,"x":[[3],[-3],[0]],"top_n":1})", "violated"},
      {R"({"statement":"cor2.regimes","variant":"dominant_term","weights":["0.9","0.025","0.025","0.025","0.025"],"x":[[1],[-1],[-1],[-1],[-1]],"top_n":1})", "violated"},
      {R"({"statement":"thm2.lower","weights":["0.5","0.5"],"top_n":1,"radius":"0.5","sphere_radius":1,"dimension":2})", "violated"},
      {R"({"statement":"thm2.upper","weights":["0.5","0.5"],"top_n":2,"radius":"0.4","sphere_radius":1,"dimension":5})", "holds"},
      {R"({"statement":"lemma2.jacobian","variant":"frobenius","logits":[0,0,0,0,0,0],"temperature":1})", "violated"},
      {R"({"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"1"})", "violated"},
      {R"({"statement":"cor3.softmax_jacobian.corrected","logits":[1,0,-1],"temperature":1})", "holds"},
      {R"({"statement":"alg5.fd_gradient","variant":"cor3_bound","logits":[0,0],"temperature":1,"epsilon":"0.001","direction":[1,-1]})", "violated"},
      {R"({"statement":"alt.sparsemax","variant":"softmax_bound","logits":[0,0]})", "violated"},
      {R"({"statement":"alt.entmax15","logits":[1,0.5,-2]})", "holds"},
      {R"({"statement":"alt.ssmax","variant":"cor3_transfer","logits":[0,0]})", "violated"},
      {R"({"statement":"alt.sa_softmax","variant":"softmax_band","logits":[2,2]})", "violated"},
      {R"({"statement":"alt.low_temperature","logits":[1,0],"x":[[1],[3]],"top_n":1,"temperature":1,"low_temperature":"0.1"})", "violated"},
  };
  return list;
}
}  // namespace

TEST_CASE("statement_list: every spec id is registered with documented variants", "[registry]") {
  std::set<std::string> ids;
  for (const auto& s : all_statements()) {
    ids.insert(s.info.id);
    CHECK_FALSE(s.info.variants.empty());
    CHECK_FALSE(s.info.paper_ref.empty());
    CHECK_FALSE(s.info.hypotheses.empty());
    for (const auto& v : s.info.variants) {
      CHECK_FALSE(v.claim.empty());
      CHECK_FALSE(v.status.empty());
    }
  }
  for (const char* id : {"lemma1.vanishing", "cor1.softmax_weights", "thm1.fixed", "thm1.random", "cor2.regimes",
                         "thm2.lower", "thm2.upper", "lemma2.jacobian", "cor3.softmax_jacobian",
                         "cor3.softmax_jacobian.corrected", "alg5.fd_gradient"})
    CHECK(ids.count(id) == 1);
}

TEST_CASE("statement_list: each README example evaluates through evaluate_point with its verdict", "[registry]") {
  std::set<std::string> covered;
  for (const auto& ex : examples()) {
    INFO(ex.json);
    const nlohmann::json out = evaluate_point(Instance::parse(ex.json), 256);
    CHECK(out.at("verdict") == ex.verdict);
    CHECK(out.at("certified") == false);
    CHECK(out.at("precision_bits").get<unsigned>() >= 256);
    covered.insert(out.at("statement").get<std::string>());
    if (out.at("statement") == "cor1.softmax_weights" || out.at("statement") == "lemma1.vanishing")
      CHECK(out.at("sides").size() == 2);
    if (out.at("method") == "monte-carlo") CHECK(out.contains("confidence"));
  }
  CHECK(covered.size() == all_statements().size());
}
