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
  const std::string args = " report --budget 600 --seed 3 --verify-instances 1 --search-evals 20 --prove-max-length 3 --shared /nonexistent/shared "
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
  const auto r = run_command(cli() + " report --budget 4 --prove-max-length 2 --shared /nonexistent/shared --corpus /nonexistent/corpus "
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

TEST_CASE("report --attention adds the capture's part, a broken capture is bad input", "[app][report][attention]") {
  const fs::path dir = fs::temp_directory_path() / ("attnbound-report-attention-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "cap");
  // A folder of .npy captures (TransformerLens names, causal scores with -inf above the diagonal), no hook_v.
  const std::string make = "cd '" + (dir / "cap").string() + "' && /usr/bin/python3 -c \"import numpy as np; "
                           "r = np.random.default_rng(4); m = np.triu(np.ones((6, 6), bool), 1)\n"
                           "for l in range(2):\n"
                           "  s = r.normal(0, 2, (3, 6, 6)).astype(np.float32); s[:, m] = -np.inf\n"
                           "  np.save(f'blocks.{l}.attn.hook_attn_scores.npy', s)\"";
  if (std::system(make.c_str()) != 0) {
    WARN("SKIPPED: /usr/bin/python3 with NumPy could not write the test capture");
    return;
  }
  const std::string args = " report --budget 600 --skip verify --skip search --skip kernels --skip reproduce_model --skip prove "
                           "--shared /nonexistent/shared --corpus /nonexistent/corpus --attention '" + (dir / "cap").string() + "'";
  auto r = run_command(cli() + args + " --attention-logit-scale scaled --out '" + (dir / "out").string() + "'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string json = slurp(dir / "out" / "report.json");
  CHECK(json.find("\"reproduce_attention\"") != std::string::npos);
  CHECK(json.find("captured attention rows") != std::string::npos);  // the verdicts' evidence names the data
  CHECK(fs::exists(dir / "out" / "tables" / "attention_checks.csv"));
  // Raw needs sqrt(d_head), which this capture does not give (no hook_v, no metadata).
  r = run_command(cli() + args + " --out '" + (dir / "out2").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("attention-logit-scale") != std::string::npos);
  // A NaN: exit 2 before any part runs, one line naming the tensor.
  const std::string nan = "cd '" + (dir / "cap").string() + "' && /usr/bin/python3 -c \"import numpy as np; "
                          "f = 'blocks.1.attn.hook_attn_scores.npy'; a = np.load(f); a[2, 4, 1] = np.nan; np.save(f, a)\"";
  REQUIRE(std::system(nan.c_str()) == 0);
  r = run_command(cli() + args + " --attention-logit-scale scaled --out '" + (dir / "out3").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "attnbound: error: blocks.1.attn.hook_attn_scores: nan at [2, 4, 1] (scores must be finite or -inf "
                 "for masked keys)\n");
  fs::remove_all(dir);
}
