// Tests of reports/qk_part: Corollary 1 on genuine GPT-2 queries and keys.
#include "reports/qk_part.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <fstream>
#include <unistd.h>

using namespace attnbound::reports;

TEST_CASE("qk part: absent data is unavailable, malformed data is bad input", "[reports]") {
  CHECK(qk_part("", PartContext{}).section.status == "unavailable");
  CHECK(find_qk_file("/nonexistent").empty());
  const auto bad = std::filesystem::temp_directory_path() / ("attnbound-qk-" + std::to_string(::getpid()) + ".json");
  std::ofstream(bad) << R"({"queries": [[[[1]]]], "keys": "no"})";
  PartContext ctx;
  ctx.progress = [](const std::string&) {};
  CHECK_THROWS_AS(qk_part(bad, ctx), attnbound::InputError);
  std::filesystem::remove(bad);
}

TEST_CASE("qk part: a tiny export gives certified verdicts for both readings, each handed to the re-check",
          "[reports]") {
  // One layer, one head, three tokens in d = 2. Row 2: q = (1, 0), keys (0, 0), (10, 0), (0, 1), T = 8:
  // the literal reading's lower side fails at key 0 (Delta_0 = 0 gives the bound 1/3 > alpha_0).
  const auto file = std::filesystem::temp_directory_path() / ("attnbound-qk-tiny-" + std::to_string(::getpid()) + ".json");
  std::ofstream(file) << R"({"queries": [[[[1, 0], [1, 0], [1, 0]]]], "keys": [[[[0, 0], [10, 0], [0, 1]]]],
                             "pattern": [[[[1, 0, 0], [0.2227001388, 0.7772998612, 0], [0.1934926542, 0.6753147951, 0.1311925507]]]]})";
  PartContext ctx;
  ctx.progress = [](const std::string&) {};
  std::size_t rechecked = 0;
  ctx.recheck = [&](const attnbound::Instance&, const attnbound::CertifiedResult& r, const std::string&) {
    CHECK(r.certified);
    ++rechecked;
  };
  const PartOutcome o = qk_part(file, ctx);
  std::filesystem::remove(file);
  CHECK(o.section.status == "ran");
  REQUIRE(o.verdicts.size() == 2);
  CHECK(o.verdicts[0].variant == "max_key");
  CHECK(o.verdicts[0].verdict == "holds");
  CHECK(o.verdicts[0].certified_holds == 3);
  CHECK(o.verdicts[1].variant == "literal");
  CHECK(o.verdicts[1].verdict == "violated");
  CHECK(o.verdicts[1].counterexamples.size() == 1);
  CHECK(rechecked == 6);
  REQUIRE(o.notes.size() == 1);
  CHECK(o.notes[0].find("matches its stored attention pattern to") != std::string::npos);
}

TEST_CASE("qk part: the genuine GPT-2 export, both readings on every head and row", "[reports][shared]") {
  const auto p = attnbound::testing::shared_file_or_skip("data/gpt2-qk/john-smith.json");
  if (p.empty()) return;
  PartContext ctx;
  ctx.progress = [](const std::string&) {};
  const PartOutcome o = qk_part(find_qk_file(attnbound::testing::shared_dir()), ctx);
  REQUIRE(o.verdicts.size() == 2);
  // 12 layers x 12 heads x 9 causal rows: max_key is a theorem, so every certified verdict holds.
  CHECK(o.verdicts[0].certified_holds == 1296);
  CHECK(o.verdicts[0].verdict == "holds");
}
