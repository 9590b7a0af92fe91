// CLI tests of `attnbound verify` (and of the certified `attnbound eval` output it shares the engine with).
#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

using attnbound::testing::run_command;

namespace {
std::string cli() { return ATTNBOUND_CLI; }
nlohmann::json read_json(const std::filesystem::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}
}  // namespace

TEST_CASE("verify: prints seed and configuration, a table, and a certified Corollary 3 counterexample", "[cli][verify]") {
  const auto path = std::filesystem::temp_directory_path() / "attnbound-verify-cli.json";
  auto r = run_command(cli() + " verify --statement cor3.softmax_jacobian --instances 8 --max-precision 256 --corpus '' --json '" +
                       path.string() + "'");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("seed 20250823") != std::string::npos);
  CHECK(r.out.find("replay: attnbound verify --seed 20250823") != std::string::npos);
  CHECK(r.out.find("statement") != std::string::npos);
  CHECK(r.out.find("certified counterexample cor3.softmax_jacobian/spectral") != std::string::npos);
  CHECK(r.err.find("verify: 24/24 instances") != std::string::npos);  // not a terminal: plain progress lines
  const auto j = read_json(path);
  std::filesystem::remove(path);
  REQUIRE(j["rows"].size() == 3);
  CHECK(j["rows"][0]["variant"] == "spectral");
  CHECK(j["rows"][0]["violated"].get<int>() > 0);
  CHECK(j["rows"][0]["counterexample"]["result"]["certified"] == true);
  CHECK(j["timings"]["note"].get<std::string>().find("not deterministic") != std::string::npos);
}

TEST_CASE("verify: --certificates writes one certificate per certified verdict, and check confirms them all",
          "[cli][verify][check]") {
  const auto dir = std::filesystem::temp_directory_path() / ("attnbound-verify-certs-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string json = (dir / "verify.json").string();
  auto r = run_command(cli() + " verify --statement cor3.softmax_jacobian.corrected --statement cor1.softmax_weights "
                       "--instances 6 --corpus '' --json '" + json + "' --certificates '" + (dir / "certs").string() + "'");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = read_json(json);
  long certified = 0;
  for (const auto& row : j["rows"]) certified += row["holds"].get<long>() + row["violated"].get<long>();
  long files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "certs")) files += e.path().extension() == ".json";
  CHECK(files == certified);
  CHECK(files > 0);
  auto c = run_command(cli() + " check '" + (dir / "certs").string() + "'");
  INFO("check: " << c.out << c.err);
  CHECK(c.exit_code == 0);
  const auto summary = nlohmann::json::parse(c.out);
  CHECK(summary["checked"].get<long>() == files);
  CHECK(summary["confirmed"].get<long>() == files);
  CHECK(summary["rejected"] == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("verify: an unknown statement is bad input (exit 2)", "[cli][verify][bad-input]") {
  auto r = run_command(cli() + " verify --statement thm9.nope");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("statement") != std::string::npos);
}

TEST_CASE("eval: certified output with method, widths and escalation", "[cli][eval][certify]") {
  auto r = run_command(cli() + " eval --precision 64 --instance -",
                       R"({"statement":"cor3.softmax_jacobian.corrected","logits":["1000000","1000000.000000000000000001"],"temperature":"0.001"})");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["verdict"] == "holds");
  CHECK(j["certified"] == true);
  CHECK(j["method"] == "interval");
  CHECK(j["escalation"].size() >= 2);
  CHECK(j["precision_bits"].get<int>() > 64);
  CHECK(j["widths"]["quantity"].get<double>() >= 0);
  auto fixed = run_command(cli() + " eval --precision 64 --max-precision 64 --instance -",
                           R"({"statement":"cor3.softmax_jacobian.corrected","logits":["1000000","1000000.000000000000000001"],"temperature":"0.001"})");
  REQUIRE(fixed.exit_code == 0);
  const auto k = nlohmann::json::parse(fixed.out);
  CHECK(k["verdict"] == "undecided");
  CHECK(k["escalation"].size() == 1);
  auto point = run_command(cli() + " eval --uncertified --instance -",
                           R"({"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"1"})");
  REQUIRE(point.exit_code == 0);
  CHECK(nlohmann::json::parse(point.out)["certified"] == false);
}
