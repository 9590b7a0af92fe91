// cli.cpp: attnbound-soundness --precisions and --replay --instance-only (the executable is built beside
// this test; its path comes from CMake).
#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

TEST_CASE("attnbound-soundness prints the engine precisions and replays an instance", "[soundness]") {
  const auto p = attnbound::testing::run_command(std::string(ATTNBOUND_SOUNDNESS_EXE) + " --precisions");
  REQUIRE(p.exit_code == 0);
  const auto bits = nlohmann::json::parse(p.out);
  REQUIRE(bits.size() == 5);
  const auto r = attnbound::testing::run_command(std::string(ATTNBOUND_SOUNDNESS_EXE) + " --seed 5 --replay 12 --instance-only");
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).contains("statement"));
}
