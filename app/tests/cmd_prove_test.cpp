#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

using attnbound::testing::run_command;

namespace {
std::string cli() { return ATTNBOUND_CLI; }
}  // namespace

TEST_CASE("prove: --json refutes the paper's Corollary 3 at L = 2", "[cli][prove]") {
  auto r = run_command(cli() + " prove --statement cor3.softmax_jacobian --length 2 --json");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "refuted");
  CHECK(j["counterexample"]["certificate"]["verdict"] == "violated");
  CHECK(j["sup_ratio"]["hi"].is_null());
}

TEST_CASE("prove: a proof's certificate passes attnbound check, and the output names the reductions", "[cli][prove]") {
  const auto cert = std::filesystem::temp_directory_path() / "attnbound-prove-cert.json";
  auto r = run_command(cli() + " prove --statement cor3.softmax_jacobian.corrected --variant per_weight --length 3 "
                               "--target-ratio 1.000001 --json --certificate " + cert.string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "proved");
  CHECK(j["reductions"].size() == 3);
  CHECK(j["boxes_per_second"].get<double>() > 0);
  auto c = run_command(cli() + " check " + cert.string());
  INFO(c.out);
  CHECK(c.exit_code == 0);
  CHECK(nlohmann::json::parse(c.out)["confirmed"] == 1);
  std::filesystem::remove(cert);
}

TEST_CASE("prove: bad input exits 2 naming the field", "[cli][prove]") {
  auto r = run_command(cli() + " prove --statement thm1.fixed --length 2");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("statement") != std::string::npos);
  r = run_command(cli() + " prove --statement cor3.softmax_jacobian.corrected --length 2 --target-ratio abc");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("target-ratio") != std::string::npos);
  r = run_command(cli() + " prove --statement cor3.softmax_jacobian.corrected --length 2 --domain -",
                  R"({"logits": {"lo": "-0.3", "hi": "0"}})");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("domain.logits.lo") != std::string::npos);
}
