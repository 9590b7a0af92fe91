#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

using attnbound::testing::run_command;

namespace {
std::string cli() { return ATTNBOUND_CLI; }

nlohmann::json eval_ok(const std::string& instance, const std::string& flags = "") {
  auto r = run_command(cli() + " eval --instance - " + flags, instance);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

double mid(const nlohmann::json& range) {
  return (std::stod(range["lo"].get<std::string>()) + std::stod(range["hi"].get<std::string>())) / 2;
}
}  // namespace

TEST_CASE("eval: Corollary 3 spectral reading at a two-way tie is violated (0.5 > 0.25)", "[cli][eval]") {
  auto j = eval_ok(R"({"statement":"cor3.softmax_jacobian","variant":"spectral","logits":["0","0"],"temperature":"1"})");
  CHECK(j["statement"] == "cor3.softmax_jacobian");
  CHECK(j["variant"] == "spectral");
  CHECK(mid(j["quantity"]) == Approx(0.5).epsilon(1e-15));
  CHECK(mid(j["bound"]) == Approx(0.25).epsilon(1e-15));
  CHECK(j["verdict"] == "violated");
  CHECK(j["precision_bits"].get<int>() >= 256);
}

TEST_CASE("eval: precision flag is honoured and reported", "[cli][eval]") {
  auto j = eval_ok(R"({"statement":"cor3.softmax_jacobian","logits":["0","1"],"temperature":"1"})", "--precision 64");
  CHECK(j["precision_bits"].get<int>() >= 64);
  CHECK(j["variant"] == "spectral");  // the documented default
}

TEST_CASE("eval: reads an instance file", "[cli][eval]") {
  const auto path = std::filesystem::temp_directory_path() / "attnbound-eval-instance.json";
  std::ofstream(path) << R"({"statement":"cor3.softmax_jacobian.corrected","logits":[0,0],"temperature":1})";
  auto r = run_command(cli() + " eval --instance '" + path.string() + "'");
  std::filesystem::remove(path);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(mid(j["quantity"]) == Approx(0.5));
  CHECK(mid(j["bound"]) == Approx(0.5));
  CHECK(j["verdict"] != "violated");
}

TEST_CASE("eval: bad input gives a one-line error naming the field and exit code 2", "[cli][eval][bad-input]") {
  struct Case {
    const char* what;
    std::string instance;
    std::string field;
  };
  const std::vector<Case> cases{
      {"malformed JSON", R"({"statement": )", "json"},
      {"not an object", R"([1, 2])", "json"},
      {"unknown statement", R"({"statement":"thm9.nope","logits":[0],"temperature":1})", "statement"},
      {"unknown variant", R"({"statement":"cor3.softmax_jacobian","variant":"nuclear","logits":[0],"temperature":1})", "variant"},
      {"NaN", R"({"statement":"cor3.softmax_jacobian","logits":["nan", 0],"temperature":1})", "logits[0]"},
      {"inf", R"({"statement":"cor3.softmax_jacobian","logits":[0, "inf"],"temperature":1})", "logits[1]"},
      {"T = 0", R"({"statement":"cor3.softmax_jacobian","logits":[0, 1],"temperature":0})", "temperature"},
      {"T < 0", R"({"statement":"cor3.softmax_jacobian","logits":[0, 1],"temperature":"-1e-3"})", "temperature"},
      {"empty logits", R"({"statement":"cor3.softmax_jacobian","logits":[],"temperature":1})", "logits"},
      {"wrong type", R"({"statement":"cor3.softmax_jacobian","logits":"0,1","temperature":1})", "logits"},
      {"missing field", R"({"statement":"cor3.softmax_jacobian","logits":[0, 1]})", "temperature"},
      {"unknown field", R"({"statement":"cor3.softmax_jacobian","logits":[0, 1],"temperature":1,"temprature":2})", "temprature"},
      {"hex number", R"({"statement":"cor3.softmax_jacobian","logits":["0x10", 1],"temperature":1})", "logits[0]"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    auto r = run_command(cli() + " eval --instance -", c.instance);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(c.field) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}

TEST_CASE("eval: unreadable instance file is bad input", "[cli][eval][bad-input]") {
  auto r = run_command(cli() + " eval --instance /nonexistent/instance.json");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("instance") != std::string::npos);
}

TEST_CASE("cli: --help and --version succeed", "[cli]") {
  auto help = run_command(cli() + " --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("eval") != std::string::npos);
  auto version = run_command(cli() + " --version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.find("attnbound") != std::string::npos);
}
