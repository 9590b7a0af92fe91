// attnbound kernels: the cross-validation report (quick mode), its JSON file, and bad options.
#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using attnbound::testing::run_command;

TEST_CASE("attnbound kernels --quick --json prints and writes per-kernel statistics", "[app]") {
  const auto json = std::filesystem::temp_directory_path() / ("attnbound-kernels-" + std::to_string(::getpid()) + ".json");
  const auto r = run_command(std::string(ATTNBOUND_CLI) + " kernels --quick --seed 11 --json '" + json.string() + "'");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("softmax_f32_3pass_f64acc") != std::string::npos);
  CHECK(r.out.find("seed 11") != std::string::npos);
  std::ifstream in(json);
  REQUIRE(in);
  const auto j = nlohmann::json::parse(in);
  CHECK(j.at("seed") == 11);
  CHECK(j.at("certified") == false);
  CHECK(j.at("all_within_bounds") == true);
  CHECK(j.at("kernels").size() == 10);  // the 8 softmax-family kernels, sparsemax and entmax-1.5
  CHECK(r.out.find("sparsemax_f32_sort_f64acc") != std::string::npos);
  CHECK(r.out.find("entmax15_f32_sort_f64acc") != std::string::npos);
  for (const auto& k : j.at("kernels")) {
    CHECK(k.at("ulp").contains("max"));
    CHECK(k.at("rel").contains("median"));
    CHECK(k.contains("worst_input"));
  }
  std::filesystem::remove(json);
}

TEST_CASE("attnbound kernels: bad options exit 2 with a message", "[app]") {
  const auto r = run_command(std::string(ATTNBOUND_CLI) + " kernels --threads 0");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("threads") != std::string::npos);
  const auto w = run_command(std::string(ATTNBOUND_CLI) + " kernels --quick --json /nonexistent-dir/x.json");
  CHECK(w.exit_code == 2);
  CHECK(w.err.find("--json") != std::string::npos);
}
