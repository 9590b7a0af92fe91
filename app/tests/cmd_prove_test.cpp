#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

using attnbound::testing::run_command;

namespace {
std::string cli() { return ATTNBOUND_CLI; }
}  // namespace

TEST_CASE("prove: --json refutes the paper's Corollary 3 at L = 2", "[cli][prove]") {
  auto r = run_command(cli() + " prove --statement cor3.softmax_jacobian --length 2 --json");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "refuted");
  CHECK(j["counterexample"]["certificate"]["verdict"] == "violated");
  CHECK(j["sup_ratio"]["hi"].is_null());
}

TEST_CASE("prove: a proof's certificate passes attnbound check, and the output names the reductions", "[cli][prove]") {
  const auto cert = std::filesystem::temp_directory_path() / "attnbound-prove-cert.json";
  auto r = run_command(cli() + " prove --statement cor3.softmax_jacobian.corrected --variant per_weight --length 3 "
                               "--target-ratio 1.000001 --json --certificate " + cert.string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "proved");
  CHECK(j["reductions"].size() == 3);
  CHECK(j["boxes_per_second"].get<double>() > 0);
  auto c = run_command(cli() + " check " + cert.string());
  INFO(c.out);
  CHECK(c.exit_code == 0);
  CHECK(nlohmann::json::parse(c.out)["confirmed"] == 1);
  std::filesystem::remove(cert);
}

TEST_CASE("prove: bad input exits 2 naming the field", "[cli][prove]") {
  auto r = run_command(cli() + " prove --statement thm1.random --length 2");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("statement") != std::string::npos);
  r = run_command(cli() + " prove --statement thm1.fixed --length 3 --top-n 3");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("top-n") != std::string::npos);
  r = run_command(cli() + " prove --statement thm1.fixed --length 2 --dim 4");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("dim") != std::string::npos);
  r = run_command(cli() + " prove --statement thm1.fixed --length 2 --domain -", R"({"x": {"lo": "2", "hi": "-2"}})");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("domain.x") != std::string::npos);
  r = run_command(cli() + " prove --statement cor3.softmax_jacobian.corrected --length 2 --target-ratio abc");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("target-ratio") != std::string::npos);
  r = run_command(cli() + " prove --statement cor3.softmax_jacobian.corrected --length 2 --domain -",
                  R"({"logits": {"lo": "-0.3", "hi": "0"}})");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("domain.logits.lo") != std::string::npos);
}

TEST_CASE("prove: thm1.fixed with --dim and an x box is proved within a target, and its certificate checks", "[cli][prove]") {
  const auto cert = std::filesystem::temp_directory_path() / "attnbound-prove-thm1-cert.json";
  auto r = run_command(cli() + " prove --statement thm1.fixed --length 2 --dim 1 --top-n 1 --target-ratio 1.25 --json "
                               "--domain - --certificate " + cert.string(),
                       R"({"logits": {"lo": "-4", "hi": "-1"}, "x": {"lo": "-2", "hi": "2"}})");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "proved");
  CHECK(j["sup_ratio"]["hi"] == "1.25");
  CHECK(j["domain"]["top_n"] == 1);
  CHECK(j["reductions"].size() == 5);
  CHECK(j["note"].get<std::string>().find("smallest target proven") != std::string::npos);
  auto c = run_command(cli() + " check " + cert.string());
  INFO(c.out);
  CHECK(c.exit_code == 0);
  CHECK(nlohmann::json::parse(c.out)["confirmed"] == 1);
  std::filesystem::remove(cert);
}

TEST_CASE("prove: the alternatives through the CLI (closed form, refutation, SSMax reduction) and their certificates check", "[cli][prove]") {
  const auto dir = std::filesystem::temp_directory_path() / "attnbound-prove-alt-cli";
  std::filesystem::create_directories(dir);
  // sparsemax spectral: J is an orthogonal projection of rank |K| - 1, sup ratio exactly 1 (attained).
  auto s = run_command(cli() + " prove --statement alt.sparsemax --variant spectral --length 3 --json --certificate " +
                       (dir / "sparsemax.json").string());
  INFO(s.err);
  REQUIRE(s.exit_code == 0);
  const auto sj = nlohmann::json::parse(s.out);
  CHECK(sj["status"] == "proved");
  CHECK(sj["method"] == "closed-form");
  CHECK(sj["sup_ratio"]["lo"] == "1");
  CHECK(sj["sup_ratio"]["hi"] == "1");
  // softmax's bound 1/2 for sparsemax: refuted at the tie, ratio exactly 2.
  auto b = run_command(cli() + " prove --statement alt.sparsemax --variant softmax_bound --length 3 --json");
  REQUIRE(b.exit_code == 0);
  CHECK(nlohmann::json::parse(b.out)["status"] == "refuted");
  // SSMax spectral by the reduction onto the corrected Corollary 3.
  auto m = run_command(cli() + " prove --statement alt.ssmax --length 3 --target-ratio 1.000001 --json --certificate " +
                       (dir / "ssmax.json").string());
  INFO(m.err);
  REQUIRE(m.exit_code == 0);
  const auto mj = nlohmann::json::parse(m.out);
  CHECK(mj["status"] == "proved");
  CHECK(mj["method"].get<std::string>().find("reduction") == 0);
  auto c = run_command(cli() + " check " + dir.string());
  INFO(c.out);
  CHECK(c.exit_code == 0);
  CHECK(nlohmann::json::parse(c.out)["confirmed"] == 2);
  std::filesystem::remove_all(dir);
}
