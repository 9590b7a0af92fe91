#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using attnbound::testing::run_command;
namespace fs = std::filesystem;

namespace {
std::string cli() { return ATTNBOUND_CLI; }
fs::path temp_corpus(const std::string& tag) {
  const fs::path p = fs::temp_directory_path() / ("attnbound-search-cli-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}
}  // namespace

TEST_CASE("search: finds, shrinks and records the Corollary 3 spectral counterexample", "[cli][search]") {
  const fs::path dir = temp_corpus("cex");
  auto r = run_command(cli() + " search --statement cor3.softmax_jacobian --variant spectral --seed 3 "
                               "--max-evals 5000 --budget 120 --corpus " + dir.string());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["result"] == "certified violation");
  CHECK(j["entry"]["kind"] == "counterexample");
  CHECK(j["entry"]["certificate"]["verdict"] == "violated");
  CHECK(j["entry"]["instance"]["logits"].size() == 2);
  CHECK(j["entry"]["search"]["seed"] == 3);
  CHECK(r.err.find("best ratio") != std::string::npos);  // the progress bar
  const fs::path file = j["file"].get<std::string>();
  REQUIRE(fs::exists(file));
  CHECK(file.filename().string() == "cor3.softmax_jacobian.spectral.1.json");
  // The stored instance replays through eval.
  std::ifstream in(file);
  const auto entry = nlohmann::json::parse(in);
  auto e = run_command(cli() + " eval --instance -", entry["instance"].dump());
  REQUIRE(e.exit_code == 0);
  CHECK(nlohmann::json::parse(e.out)["verdict"] == "violated");
  // The summary lists it.
  auto s = run_command(cli() + " search --summary --corpus " + dir.string() + " --summary-json " +
                       (dir / "summary.json").string());
  REQUIRE(s.exit_code == 0);
  CHECK(s.out.find("cor3.softmax_jacobian") != std::string::npos);
  CHECK(fs::exists(dir / "summary.json"));
  fs::remove_all(dir);
}

TEST_CASE("search: output is deterministic for a seed under an evaluation budget", "[cli][search]") {
  const std::string cmd = cli() + " search --statement cor3.softmax_jacobian.corrected --variant frobenius "
                                  "--seed 9 --max-evals 800 --budget 300 --no-write --quiet";
  auto a = run_command(cmd), b = run_command(cmd);
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  CHECK(ja["stopped_by"] == "evaluations");
  CHECK(ja["entry"]["kind"] == "witness");
  for (auto* j : {&ja, &jb}) {  // the documented timing fields are the only ones allowed to differ
    j->erase("seconds");
    (*j)["entry"].erase("timing");
  }
  CHECK(ja == jb);
}

TEST_CASE("search: bad input is exit code 2 with the field named", "[cli][search]") {
  auto r = run_command(cli() + " search --statement cor3.softmax_jacobian --strategy annealing --no-write --quiet");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("strategy") != std::string::npos);
  r = run_command(cli() + " search --statement nope --no-write --quiet");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("statement") != std::string::npos);
  r = run_command(cli() + " search --no-write --quiet");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("statement") != std::string::npos);
}
