// attnbound normalisers: writes the comparison (JSON, CSV, figures) on a small synthetic grid and the tiny
// GPT-2 fixture, with a verdict per guideline, the d~ and N_s/N columns and their figures; bad lengths and a
// dimension of 0 exit 2; the certified spot checks re-checked in Arb with their certificates beside the report.
#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using attnbound::testing::run_command;

TEST_CASE("attnbound normalisers writes report.json, CSV tables and figures for every normaliser", "[app]") {
  const auto out = std::filesystem::temp_directory_path() / ("attnbound-normalisers-" + std::to_string(::getpid()));
  std::filesystem::remove_all(out);
  const auto fixture = attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json";
  const auto r = run_command(std::string(ATTNBOUND_CLI) + " normalisers --lengths 16 256 --rows 2 --reference '" +
                             fixture.string() + "' --dimension 8 --out '" + out.string() + "'");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto summary = nlohmann::json::parse(r.out);
  CHECK(summary.at("certified") == false);
  CHECK(summary.at("guidelines").size() == 3);
  CHECK(summary.at("dimension") == 8);
  for (const char* f : {"report.json", "report.md", "report.html", "tables/normalisers_synthetic.csv",
                        "tables/normalisers_slopes.csv", "tables/normalisers_gpt2.csv", "figures/normalisers_vanishing.csv",
                        "figures/normalisers_jacobian.csv", "figures/normalisers_top_mass.csv",
                        "figures/normalisers_distance.csv", "figures/normalisers_separability.csv"}) {
    INFO(f);
    CHECK(std::filesystem::exists(out / f));
  }
  std::ifstream in(out / "tables/normalisers_synthetic.csv");
  const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const char* n : {"softmax T=0.01", "sparsemax", "entmax15", "ssmax s=2", "sa_softmax", "sa_softmax_normalised"})
    CHECK(csv.find(n) != std::string::npos);
  CHECK(csv.find("d~") != std::string::npos);
  CHECK(csv.find("N_s/N") != std::string::npos);
  std::ifstream rj(out / "report.json");
  const auto report = nlohmann::json::parse(rj);
  CHECK(report.at("config").at("dimension") == 8);
  // The certified spot checks: every certified verdict re-checked by the Arb checker and confirmed, one
  // certificate per re-checked row (attnbound check re-reads them), the table beside the others.
  const auto& cc = summary.at("certified_checks");
  const long certified = cc.at("holds").get<long>() + cc.at("violated").get<long>();
  CHECK(certified > 0);
  CHECK(cc.at("independent_check").at("checked") == certified);
  CHECK(cc.at("independent_check").at("confirmed") == certified);
  CHECK(cc.at("independent_check").at("rejected") == 0);
  CHECK(cc.at("certificates") == certified);
  CHECK(std::filesystem::exists(out / "tables/normalisers_certified_checks.csv"));
  CHECK_FALSE(std::filesystem::exists(out / "tables/normalisers_certified_not_confirmed.csv"));
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(out / "certificates/normalisers")) files += e.is_regular_file();
  CHECK(files == static_cast<std::size_t>(certified));
  const auto check = run_command(std::string(ATTNBOUND_CLI) + " check '" + (out / "certificates").string() + "'");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  std::filesystem::remove_all(out);
}

TEST_CASE("attnbound normalisers: a length outside [1, 65536] is bad input", "[app]") {
  const auto r = run_command(std::string(ATTNBOUND_CLI) + " normalisers --lengths 0 --out /tmp/attnbound-normalisers-bad");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("lengths") != std::string::npos);
  const auto d = run_command(std::string(ATTNBOUND_CLI) + " normalisers --dimension 0 --out /tmp/attnbound-normalisers-bad");
  CHECK(d.exit_code == 2);
  CHECK(d.err.find("dimension") != std::string::npos);
}
