#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

using attnbound::testing::run_command;

namespace {
std::string cli() { return ATTNBOUND_CLI; }
std::string tok_flag() {
  return " --tokenizer '" + (attnbound::testing::shared_dir() / "data" / "gpt2-tokenizer").string() + "'";
}
bool have_tokenizer() { return !attnbound::testing::shared_file_or_skip("data/gpt2-tokenizer/encoder.json").empty(); }
}  // namespace

TEST_CASE("tokenize: --prompt prints the ids as a JSON array", "[cli][tokenize]") {
  if (!have_tokenizer()) return;
  auto r = run_command(cli() + " tokenize --prompt 'The dog'" + tok_flag());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out) == nlohmann::json::parse("[464, 3290]"));
}

TEST_CASE("tokenize: --text reads a file, detokenize gives the text back", "[cli][tokenize]") {
  if (!have_tokenizer()) return;
  const auto path = std::filesystem::temp_directory_path() / "attnbound-tokenize-text.txt";
  const std::string text = "Привет, мир!\nThe dog's ball — 42.";
  std::ofstream(path, std::ios::binary) << text;
  auto r = run_command(cli() + " tokenize --text '" + path.string() + "'" + tok_flag());
  std::filesystem::remove(path);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto ids = nlohmann::json::parse(r.out);
  CHECK(ids.size() > 5);
  auto back = run_command(cli() + " detokenize --input -" + tok_flag(), ids.dump());
  REQUIRE(back.exit_code == 0);
  CHECK(back.out == text);
  auto direct = run_command(cli() + " detokenize --ids '[464,3290]'" + tok_flag());
  CHECK(direct.out == "The dog");
}

TEST_CASE("tokenize/detokenize: bad input exits 2 with a message naming the field", "[cli][tokenize]") {
  if (!have_tokenizer()) return;
  auto r = run_command(cli() + " detokenize --ids '[464, 99999999]'" + tok_flag());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown token id 99999999") != std::string::npos);
  r = run_command(cli() + " detokenize --ids '[1,' " + tok_flag());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--ids") != std::string::npos);
  r = run_command(cli() + " detokenize --ids '[1.5]' " + tok_flag());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--ids[0]") != std::string::npos);
  r = run_command(cli() + " tokenize --prompt x --tokenizer /nonexistent-dir");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--tokenizer") != std::string::npos);
  r = run_command(cli() + " tokenize" + tok_flag());
  CHECK(r.exit_code == 2);
  r = run_command(cli() + " tokenize --text -" + tok_flag(), "bad \xff byte");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("invalid UTF-8") != std::string::npos);
}
