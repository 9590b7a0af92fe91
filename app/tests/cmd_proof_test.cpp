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
  auto u = run_command(cli() + " proof --statement no.such_statement --instance -",
                       R"({"logits":["0","0"],"temperature":"1"})");
  CHECK(u.exit_code == 2);
  CHECK(u.err.find("statement") != std::string::npos);
}

TEST_CASE("proof: the corrected Corollary 3 replays, every step exact at a tie", "[cli][proof]") {
  auto r = run_command(cli() + " proof --statement cor3.softmax_jacobian.corrected --instance -",
                       R"({"statement":"cor3.softmax_jacobian.corrected","logits":["0","0"],"temperature":"1"})");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("popoviciu") != std::string::npos);
  CHECK(r.out.find("no false step") != std::string::npos);
}

TEST_CASE("proof: Lemma 2's Frobenius reading names its first false step", "[cli][proof]") {
  const char* six = R"({"statement":"lemma2.jacobian","variant":"frobenius","logits":["0","0","0","0","0","0"],"temperature":"1"})";
  auto text = run_command(cli() + " proof --statement lemma2.jacobian --instance -", six);
  INFO("stderr: " << text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("first false step: 3. diagonal-norm") != std::string::npos);
  CHECK(text.out.find("MC") == std::string::npos);  // every step certified: no Monte Carlo legend
}

TEST_CASE("proof: Theorem 1 random as an upper bound, JSON", "[cli][proof]") {
  const char* inst = R"({"statement":"thm1.random","variant":"main_as_upper","weights":["0.5","0.3","0.2"],)"
                     R"("x":[["1","0"],["0","1"],["-1","1"]],"top_n":1})";
  auto json = run_command(cli() + " proof --statement thm1.random --instance - --json", inst);
  INFO("stderr: " << json.err);
  REQUIRE(json.exit_code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["first_false_step"] == "reverse-jensen");
  CHECK(j["certified"] == true);
  CHECK(j["steps"][0]["step"] == "exclusion-split");
  CHECK(j["steps"][0]["status"] == "exact");
}

TEST_CASE("proof: Theorem 2's Monte Carlo steps are labelled statistical, with the seed", "[cli][proof]") {
  const char* inst = R"({"statement":"thm2.lower","weights":["0.4","0.3","0.2","0.1"],"top_n":2,"radius":"10",)"
                     R"("sphere_radius":"1","dimension":3})";
  auto text = run_command(cli() + " proof --statement thm2.lower --instance - --seed 7 --samples 2000", inst);
  INFO("stderr: " << text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("seed 7, 2000 samples") != std::string::npos);
  CHECK(text.out.find("NOT certified") != std::string::npos);
  CHECK(text.out.find("first statistically false step (Monte Carlo, not certified): 1. drop-outside-condition") !=
        std::string::npos);
  auto json = run_command(cli() + " proof --statement thm2.lower --instance - --json --seed 7 --samples 2000", inst);
  REQUIRE(json.exit_code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["certified"] == false);
  CHECK(j["monte_carlo"]["seed"] == 7);
  CHECK(j["monte_carlo"]["samples"] == 2000);
  CHECK(j["first_false_step"].is_null());
  auto bad = run_command(cli() + " proof --statement thm2.lower --instance - --samples 1", inst);
  CHECK(bad.exit_code == 2);
}
