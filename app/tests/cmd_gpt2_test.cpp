#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

using attnbound::testing::run_command;
namespace fs = std::filesystem;

namespace {
std::string cli() { return ATTNBOUND_CLI; }

// A tiny GPT-2 with the real vocabulary size (so real token ids are valid) made by the NumPy reference script.
fs::path tiny_model() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("attnbound-cli-gpt2-" + std::to_string(::getpid()));
    const std::string cmd = "/usr/bin/python3 '" +
                            (attnbound::testing::source_dir() / "gpt2" / "tests" / "gpt2_reference.py").string() +
                            "' make-checkpoint --out '" + d.string() +
                            "' --seed 11 --n-layer 2 --n-head 2 --n-embd 16 --n-positions 16 --vocab 50257";
    return std::system(cmd.c_str()) == 0 ? d : fs::path();
  }();
  return dir;
}
std::string tok_flag() {
  return " --tokenizer '" + (attnbound::testing::shared_dir() / "data" / "gpt2-tokenizer").string() + "'";
}
bool ready() {
  if (attnbound::testing::shared_file_or_skip("data/gpt2-tokenizer/encoder.json").empty()) return false;
  if (tiny_model().empty()) {
    WARN("SKIPPED: /usr/bin/python3 with NumPy could not generate the test checkpoint");
    return false;
  }
  return true;
}
}  // namespace

TEST_CASE("gpt2: writes the selected captures and an index", "[cli][gpt2]") {
  if (!ready()) return;
  const fs::path out = fs::temp_directory_path() / ("attnbound-cli-gpt2-out-" + std::to_string(::getpid()));
  auto r = run_command(cli() + " gpt2 --model '" + tiny_model().string() + "' --prompt 'The dog' --capture "
                       "'blocks.*.attn.hook_pattern,logits' --out '" + out.string() + "' --threads 2" + tok_flag());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["token_ids"] == nlohmann::json::parse("[464, 3290]"));
  CHECK(j["certified"] == false);
  REQUIRE(j["captures"].size() == 3);
  CHECK(j["captures"][0]["name"] == "blocks.0.attn.hook_pattern");
  CHECK(j["captures"][0]["shape"] == nlohmann::json::parse("[2, 2, 2]"));
  CHECK(j["captures"][2]["shape"] == nlohmann::json::parse("[2, 50257]"));
  CHECK(fs::exists(out / "blocks.1.attn.hook_pattern.npy"));
  CHECK(fs::exists(out / "index.json"));
  // --max-tokens cuts the text; safetensors output is one file.
  fs::remove_all(out);
  r = run_command(cli() + " gpt2 --model '" + tiny_model().string() + "' --text - --max-tokens 3 --capture "
                  "blocks.0.hook_resid_pre --format safetensors --out '" + out.string() + "'" + tok_flag(),
                  "one two three four five");
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["token_ids"].size() == 3);
  CHECK(fs::exists(out / "captures.safetensors"));
  fs::remove_all(out);
}

TEST_CASE("gpt2: bad model, capture name or text exits 2 naming the field", "[cli][gpt2]") {
  if (!ready()) return;
  const std::string out = (fs::temp_directory_path() / "attnbound-cli-gpt2-bad").string();
  auto r = run_command(cli() + " gpt2 --model /nonexistent --prompt x --out '" + out + "'" + tok_flag());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--model") != std::string::npos);
  r = run_command(cli() + " gpt2 --model '" + tiny_model().string() + "' --prompt x --capture blocks.0.hook_typo --out '" +
                  out + "'" + tok_flag());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--capture") != std::string::npos);
  r = run_command(cli() + " gpt2 --model '" + tiny_model().string() + "' --out '" + out + "'" + tok_flag());
  CHECK(r.exit_code == 2);
  // A corrupted checkpoint: the header length field overwritten.
  const fs::path broken = fs::temp_directory_path() / ("attnbound-cli-gpt2-broken-" + std::to_string(::getpid()));
  fs::create_directories(broken);
  fs::copy_file(tiny_model() / "config.json", broken / "config.json", fs::copy_options::overwrite_existing);
  fs::copy_file(tiny_model() / "model.safetensors", broken / "model.safetensors", fs::copy_options::overwrite_existing);
  {
    std::fstream f(broken / "model.safetensors", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(7);
    f.put('\x7f');
  }
  r = run_command(cli() + " gpt2 --model '" + broken.string() + "' --prompt x --out '" + out + "'" + tok_flag());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("model.safetensors: header length") != std::string::npos);
  fs::remove_all(broken);
  fs::remove_all(out);
}
