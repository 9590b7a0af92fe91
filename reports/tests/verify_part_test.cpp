#include "reports/verify_part.hpp"

#include "testing/catch.hpp"

#include <nlohmann/json.hpp>

using namespace attnbound::reports;

namespace {
PartContext unlimited() {
  PartContext c;
  c.progress = [](const std::string&) {};
  return c;
}
}  // namespace

TEST_CASE("verify part: one verdict per variant, counterexamples written and linked, deterministic", "[reports]") {
  VerifyPartOptions o;
  o.seed = 11;
  o.instances = 3;
  o.statements = {"cor3.softmax_jacobian", "cor1.softmax_weights"};
  const PartOutcome a = verify_part(o, unlimited());
  CHECK(a.section.status == "ran");
  CHECK(a.section.detail.find("cut by the time budget") == std::string::npos);
  REQUIRE(a.tables.size() == 1);
  CHECK(a.tables[0].rows.size() == a.verdicts.size());
  CHECK(a.verdicts.size() >= 5);  // cor3: spectral, frobenius, per_weight; cor1: max_key, literal
  CHECK_FALSE(a.config.contains("budget_seconds"));
  for (const auto& v : a.verdicts) {
    INFO(v.statement << " " << v.variant << " " << v.verdict);
    if (v.verdict == "violated" && v.certified) {
      REQUIRE(v.counterexamples.size() == 1);
      bool written = false;
      for (const auto& [rel, content] : a.generated)
        if (rel == v.counterexamples[0]) {
          written = true;
          const auto j = nlohmann::json::parse(content);
          CHECK(j["statement"] == v.statement);
          CHECK(j.contains("instance"));
        }
      CHECK(written);
    }
    // The corrected Corollary 1 reading holds on every family instance.
    if (v.statement == "cor1.softmax_weights" && v.variant == "max_key") CHECK(v.verdict != "violated");
  }
  const PartOutcome b = verify_part(o, unlimited());
  REQUIRE(b.verdicts.size() == a.verdicts.size());
  for (std::size_t i = 0; i < a.verdicts.size(); ++i) {
    CHECK(a.verdicts[i].verdict == b.verdicts[i].verdict);
    CHECK(a.verdicts[i].evidence == b.verdicts[i].evidence);
  }
  CHECK(a.generated == b.generated);
}

TEST_CASE("verify part: a spent budget skips instances and says so", "[reports]") {
  VerifyPartOptions o;
  o.instances = 2;
  o.statements = {"cor3.softmax_jacobian"};
  PartContext c = unlimited();
  c.deadline = Clock::now();
  const PartOutcome r = verify_part(o, c);
  CHECK(r.section.detail.find("cut by the time budget") != std::string::npos);
  for (const auto& v : r.verdicts) CHECK(v.verdict == "not evaluated");
}
