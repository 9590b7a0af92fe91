// attnbound check (and eval --certificate) through the built CLI: a certificate round trip, a tampered
// certificate (exit 3), the corpus directory, and bad input with exit code 2 and a one-line message.
#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using attnbound::testing::run_command;
namespace fs = std::filesystem;

namespace {
std::string cli() { return ATTNBOUND_CLI; }

fs::path temp_dir() {
  const fs::path d = fs::temp_directory_path() / ("attnbound_cmd_check_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

const char* kTie = R"({"statement":"cor3.softmax_jacobian","variant":"spectral","logits":["0","0"],"temperature":"1"})";

fs::path write_certificate(const std::string& instance, const std::string& name) {
  const fs::path f = temp_dir() / name;
  auto r = run_command(cli() + " eval --instance - --certificate '" + f.string() + "'", instance);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::exists(f));
  return f;
}

void write(const fs::path& f, const std::string& text) { std::ofstream(f) << text; }
}  // namespace

TEST_CASE("check cli: eval --certificate then check confirms, exit 0", "[cli][check]") {
  const fs::path f = write_certificate(kTie, "tie.json");
  auto r = run_command(cli() + " check '" + f.string() + "'");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["checked"] == 1);
  CHECK(j["confirmed"] == 1);
  CHECK(j["rejected"] == 0);
  CHECK(j["rejections"].empty());
}

TEST_CASE("check cli: a tampered certificate is rejected with exit 3 and the reason", "[cli][check]") {
  const fs::path f = write_certificate(kTie, "tampered.json");
  nlohmann::json c;
  std::ifstream(f) >> c;
  c["verdict"] = "holds";
  c["sides"][0]["verdict"] = "holds";
  write(f, c.dump());
  auto r = run_command(cli() + " check '" + f.string() + "'");
  REQUIRE(r.exit_code == 3);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["rejected"] == 1);
  REQUIRE(j["rejections"].size() == 1);
  CHECK(j["rejections"][0]["file"] == f.string());
  CHECK(j["rejections"][0]["statement"] == "cor3.softmax_jacobian");
  CHECK(j["rejections"][0]["variant"] == "spectral");
  CHECK(!j["rejections"][0]["why"].get<std::string>().empty());
}

TEST_CASE("check cli: a directory of certificates and the corpus are checked recursively", "[cli][check]") {
  const fs::path d = temp_dir() / "dir";
  fs::create_directories(d / "sub");
  const fs::path a = write_certificate(kTie, "dir/a.json");
  const fs::path b = write_certificate(
      R"({"statement":"cor3.softmax_jacobian.corrected","variant":"frobenius","logits":["1","2"],"temperature":"0.5"})",
      "dir/sub/b.json");
  auto r = run_command(cli() + " check '" + d.string() + "' '" + std::string(ATTNBOUND_SOURCE_DIR) + "/counterexamples/corpus'");
  INFO("stderr: " << r.err << "\nout: " << r.out);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["from_instances"].get<int>() >= 8);
  CHECK(j["confirmed"].get<int>() >= 10);
  CHECK(j["rejected"] == 0);
}

TEST_CASE("check cli: bad input is exit 2 with a one-line message naming the file and field", "[cli][check]") {
  const fs::path d = temp_dir();
  write(d / "not_json.json", "{ this is not json");
  auto r = run_command(cli() + " check '" + (d / "not_json.json").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("attnbound: error: " + (d / "not_json.json").string() + ": json: malformed JSON") == 0);

  nlohmann::json c;
  std::ifstream(write_certificate(kTie, "missing.json")) >> c;
  c.erase("sides");
  write(d / "missing.json", c.dump());
  r = run_command(cli() + " check '" + (d / "missing.json").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("sides: missing") != std::string::npos);

  c["sides"] = nlohmann::json::array({{{"name", "claim"}}});
  c["statement"] = "lemma9.nothing";
  c["instance"]["statement"] = "lemma9.nothing";
  c["sides"][0] = {{"name", "claim"}, {"relation", "at_most"}, {"verdict", "holds"},
                   {"quantity", {{"lo", "0"}, {"hi", "1"}}}, {"bound", {{"lo", "1"}, {"hi", "1"}}}};
  write(d / "unknown.json", c.dump());
  r = run_command(cli() + " check '" + (d / "unknown.json").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("statement: unknown statement \"lemma9.nothing\"") != std::string::npos);

  r = run_command(cli() + " check '" + (d / "does_not_exist.json").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no such file or directory") != std::string::npos);
}

TEST_CASE("check cli: eval --certificate writes nothing for an uncertified result and says so", "[cli][check][eval]") {
  const fs::path f = temp_dir() / "none.json";
  fs::remove(f);
  // A two-way tie at T = 0.1 is exact equality for the corrected spectral bound: never certified holds/violated.
  auto r = run_command(cli() + " eval --instance - --certificate '" + f.string() + "'",
                       R"({"statement":"cor3.softmax_jacobian.corrected","variant":"spectral","logits":["0","0"],"temperature":"0.1"})");
  CHECK(r.exit_code == 0);
  CHECK(!fs::exists(f));
  CHECK(r.err.find("no certificate written") != std::string::npos);
  r = run_command(cli() + " eval --uncertified --instance - --certificate '" + f.string() + "'", kTie);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--certificate") != std::string::npos);
}
