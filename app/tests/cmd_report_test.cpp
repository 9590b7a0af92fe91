#include "testing/catch.hpp"
#include "testing/run_command.hpp"

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
  const std::string args = " report --budget 5 --seed 3 --shared /nonexistent/shared --corpus /nonexistent/corpus --out ";
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
  CHECK(slurp(fs::path(base + "-a") / "report.json").find("\"unavailable\"") != std::string::npos);
  fs::remove_all(base + "-a");
  fs::remove_all(base + "-b");
}

TEST_CASE("report rejects a bad budget", "[app][report]") {
  const auto r = run_command(cli() + " report --budget 0");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("budget") != std::string::npos);
}
