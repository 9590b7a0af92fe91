#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;
using attnbound::testing::run_command;

namespace {
std::string cli() { return ATTNBOUND_CLI; }
std::string tiny() { return (attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string(); }
}  // namespace

TEST_CASE("reproduce --reference writes a report and says what --model needs", "[app][reproduce]") {
  const fs::path out = fs::temp_directory_path() / ("attnbound-reproduce-" + std::to_string(::getpid()));
  const auto r = run_command(cli() + " reproduce --reference '" + tiny() + "' --temperatures 0.1 8 --certify-rows 2 --out '" +
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
