// Tests of reports/findings: the findings rows and the settings table.
#include "reports/findings.hpp"

#include "testing/catch.hpp"

using namespace attnbound::reports;

TEST_CASE("findings: one row per evaluated reading, the counterexample and the first false step inline", "[reports]") {
  Report r;
  VerdictRow violated;
  violated.statement = "cor3.softmax_jacobian";
  violated.variant = "spectral";
  violated.verdict = "violated";
  violated.certified = true;
  violated.evidence_list.push_back({"verify", "violated", true, "", std::nullopt, 0});
  violated.smallest_counterexample =
      CounterexampleFinding{"counterexamples/x.json", R"({"statement":"cor3.softmax_jacobian","logits":["0","0"]})", "claim", "[0.5, 0.5]", "[0.25, 0.25]", 261,
                            "diagonal"};
  VerdictRow holds;
  holds.statement = "lemma1.vanishing";
  holds.variant = "two_sided";
  holds.verdict = "holds";
  holds.certified = true;
  holds.certified_holds = 12;
  holds.evidence_list.push_back({"verify", "holds", true, "", std::nullopt, 12});
  VerdictRow none;
  none.statement = "thm1.fixed";
  none.variant = "tight";
  none.verdict = "not evaluated";
  r.verdicts = {violated, holds, none};
  const auto rows = finding_rows(r);
  REQUIRE(rows.size() == 2);  // the reading nothing evaluated is not a finding
  REQUIRE(rows[0].size() == finding_headings().size());
  CHECK(rows[0][2] == "violated (certified)");
  CHECK(rows[0][3].rfind(R"({"logits":["0","0"]}: claim)", 0) == 0);  // shown without statement and variant
  CHECK(rows[0][3].find("[0.5, 0.5] vs bound [0.25, 0.25]") != std::string::npos);
  CHECK(rows[0][5] == "diagonal");
  CHECK(rows[1][2] == "holds on 12 instance(s) (certified)");
}

TEST_CASE("findings: settings are flattened to dotted keys in the config's order", "[reports]") {
  ojson config = ojson::object();
  config["seed"] = 7;
  config["verify"] = {{"instances", 6}, {"statements", {"a", "b"}}};
  config["name"] = "x";
  const auto rows = settings_rows(config);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] == std::pair<std::string, std::string>{"seed", "7"});
  CHECK(rows[1] == std::pair<std::string, std::string>{"verify.instances", "6"});
  CHECK(rows[2] == std::pair<std::string, std::string>{"verify.statements", R"(["a","b"])"});
  CHECK(rows[3] == std::pair<std::string, std::string>{"name", "x"});
}
