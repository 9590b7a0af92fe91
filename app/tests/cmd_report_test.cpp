#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace fs = std::filesystem;
using attnbound::testing::run_command;

namespace {
std::string cli() { return ATTNBOUND_CLI; }
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

TEST_CASE("report without optional data still writes every file, deterministically", "[app][report]") {
  const std::string base = (fs::temp_directory_path() / ("attnbound-report-" + std::to_string(::getpid()))).string();
  // Small fixed work sizes and a budget that does not bind: the JSON is then a function of the seed.
  const std::string args = " report --budget 600 --seed 3 --verify-instances 1 --search-evals 20 --shared /nonexistent/shared "
                           "--corpus /nonexistent/corpus --model /nonexistent/model --out ";
  const auto a = run_command(cli() + args + "'" + base + "-a'");
  INFO(a.err);
  REQUIRE(a.exit_code == 0);
  CHECK(a.err.find("report [") != std::string::npos);  // progress on standard error
  const auto b = run_command(cli() + args + "'" + base + "-b'");
  REQUIRE(b.exit_code == 0);
  for (const char* f : {"report.json", "report.md", "report.html", "timings.json"}) {
    INFO(f);
    CHECK(fs::exists(fs::path(base + "-a") / f));
  }
  CHECK(slurp(fs::path(base + "-a") / "report.json") == slurp(fs::path(base + "-b") / "report.json"));
  const std::string json = slurp(fs::path(base + "-a") / "report.json");
  CHECK(json.find("\"unavailable\"") != std::string::npos);
  for (const char* part : {"\"verify\"", "\"search\"", "\"kernels\"", "\"budget_split\""}) {
    INFO(part);
    CHECK(json.find(part) != std::string::npos);
  }
  CHECK(json.find("cut by the time budget") == std::string::npos);
  CHECK(fs::exists(fs::path(base + "-a") / "figures/kernels_ulp_histogram.svg"));
  CHECK(fs::is_directory(fs::path(base + "-a") / "counterexamples/search"));
  CHECK(a.err.find("[verify]") != std::string::npos);
  fs::remove_all(base + "-a");
  fs::remove_all(base + "-b");
}

TEST_CASE("report rejects a bad budget", "[app][report]") {
  const auto r = run_command(cli() + " report --budget 0");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("budget") != std::string::npos);
}

TEST_CASE("report: a small budget really bounds the run", "[app][report]") {
  const std::string out = (fs::temp_directory_path() / ("attnbound-report-budget-" + std::to_string(::getpid()))).string();
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = run_command(cli() + " report --budget 4 --shared /nonexistent/shared --corpus /nonexistent/corpus "
                             "--model /nonexistent/model --out '" + out + "'");
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(s < 40);  // the budget plus one unit of work per part and the rendering
  CHECK(slurp(fs::path(out) / "report.json").find("cut by the time budget") != std::string::npos);
  fs::remove_all(out);
}

TEST_CASE("report rejects an unknown part to skip", "[app][report]") {
  const auto r = run_command(cli() + " report --skip everything");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("skip") != std::string::npos);
}
