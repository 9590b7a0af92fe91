// CLI tests of `attnbound proof`.
#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

using attnbound::testing::run_command;

namespace {
std::string cli() { return ATTNBOUND_CLI; }
const char* kTie = R"({"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"1"})";
}  // namespace

TEST_CASE("proof: Corollary 3 at a tie names its first false step, in text and JSON", "[cli][proof]") {
  auto text = run_command(cli() + " proof --statement cor3.softmax_jacobian --instance -", kTie);
  INFO("stderr: " << text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("first false step: 2. diagonal") != std::string::npos);
  auto json = run_command(cli() + " proof --statement cor3.softmax_jacobian --instance - --json", kTie);
  REQUIRE(json.exit_code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["first_false_step"] == "diagonal");
  CHECK(j["steps"].back()["status"] == "false");
}

TEST_CASE("proof: mismatched or unsupported statements are bad input (exit 2)", "[cli][proof][bad-input]") {
  auto r = run_command(cli() + " proof --statement thm1.fixed --instance -", kTie);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("statement") != std::string::npos);
  auto u = run_command(cli() + " proof --statement cor3.softmax_jacobian.corrected --instance -",
                       R"({"statement":"cor3.softmax_jacobian.corrected","logits":["0","0"],"temperature":"1"})");
  CHECK(u.exit_code == 2);
  CHECK(u.err.find("no proof replay") != std::string::npos);
}
