#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using attnbound::testing::run_command;

namespace {
std::string cli() { return ATTNBOUND_CLI; }
std::string tiny() { return (attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string(); }
}  // namespace

TEST_CASE("reproduce --reference writes a report and says what --model needs", "[app][reproduce]") {
  const fs::path out = fs::temp_directory_path() / ("attnbound-reproduce-" + std::to_string(::getpid()));
  // No checkpoint anywhere: neither given, nor in the environment, nor in a Hugging Face cache.
  const auto r = run_command("HF_HUB_CACHE=/nonexistent HF_HOME=/nonexistent HOME=/nonexistent ATTNBOUND_GPT2_MODEL= " +
                             cli() + " reproduce --reference '" + tiny() + "' --temperatures 0.1 8 --certify-rows 2 --out '" +
                             out.string() + "'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["sections"]["reproduce_reference"] == "ran");
  CHECK(j["sections"]["reproduce_model"] == "unavailable");
  CHECK(r.err.find("huggingface-cli download gpt2 model.safetensors config.json") != std::string::npos);
  for (const char* f : {"report.json", "report.md", "report.html", "tables/alg5_gradient.csv", "figures/fig4_gradient.csv"})
    CHECK(fs::exists(out / f));
  fs::remove_all(out);
}

TEST_CASE("reproduce rejects a missing reference file and a bad logit scale", "[app][reproduce]") {
  auto r = run_command(cli() + " reproduce --reference /nonexistent/ex0.json --out /tmp/attnbound-unused");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("reference") != std::string::npos);
  r = run_command(cli() + " reproduce --reference '" + tiny() + "' --logit-scale log");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("logit-scale") != std::string::npos);
}

TEST_CASE("reproduce --model runs Algorithms 1-5 on a tiny random checkpoint", "[app][reproduce][model]") {
  const auto tok = attnbound::testing::shared_file_or_skip("data/gpt2-tokenizer/encoder.json");
  if (tok.empty()) return;
  const fs::path dir = fs::temp_directory_path() / ("attnbound-reproduce-model-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string gen = "/usr/bin/python3 '" + (attnbound::testing::source_dir() / "gpt2/tests/gpt2_reference.py").string() +
                          "' make-checkpoint --out '" + (dir / "ck").string() +
                          "' --seed 3 --n-layer 1 --n-head 2 --n-embd 16 --n-positions 64 --vocab 50257 >/dev/null";
  if (std::system(gen.c_str()) != 0) {
    WARN("SKIPPED: python3 with NumPy could not write the test checkpoint");
    return;
  }
  const auto r = run_command(cli() + " reproduce --model '" + (dir / "ck").string() + "' --reference '" + tiny() +
                             "' --lengths 16 32 --top-n 1 5 --critical-grid 1 2 4 --temperatures 0.1 8 --alg5-rows 2 "
                             "--model-certify-rows 1 --certify-rows 1 --ks-level 0.05 --out '" + (dir / "out").string() + "'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["sections"]["reproduce_model"] == "ran");
  for (const char* f : {"figures/fig2a_distance_vs_L.svg", "figures/fig2c_critical_n.csv", "figures/fig3_separability.csv",
                        "tables/alg3_critical_n.csv", "tables/model_certified.csv"})
    CHECK(fs::exists(dir / "out" / f));
  const auto report = nlohmann::json::parse(std::ifstream(dir / "out" / "report.json"));
  CHECK(report["config"]["reproduce_model"]["ks_level"] == 0.05);
  CHECK(report["config"]["reproduce_model"]["x"] == "values");
  fs::remove_all(dir);
}

TEST_CASE("reproduce --model names the field when the checkpoint is missing", "[app][reproduce]") {
  const auto r = run_command(cli() + " reproduce --model /nonexistent/gpt2 --out /tmp/attnbound-unused");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("model") != std::string::npos);
  CHECK(r.err.find("huggingface-cli download gpt2") != std::string::npos);
}
