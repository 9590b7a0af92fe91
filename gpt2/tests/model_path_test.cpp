#include "gpt2/model_path.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cstdlib>
#include <fstream>

using attnbound::gpt2::find_model_dir;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {
void touch_checkpoint(const fs::path& d) {
  fs::create_directories(d);
  std::ofstream(d / "config.json") << "{}";
  std::ofstream(d / "model.safetensors") << "";
}
}  // namespace

TEST_CASE("model path: --model, $ATTNBOUND_GPT2_MODEL, then the Hugging Face cache", "[gpt2][model_path]") {
  const fs::path root = fs::temp_directory_path() / ("attnbound-model-path-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path explicit_dir = root / "explicit", env_dir = root / "env";
  const fs::path snap = root / "hub" / "models--gpt2" / "snapshots" / "607a30d783dfa663caf39e06633721c8d4cfcd7e";
  touch_checkpoint(explicit_dir);
  touch_checkpoint(env_dir);
  touch_checkpoint(snap);
  fs::create_directories(root / "hub" / "models--gpt2" / "snapshots" / "000-incomplete");
  ::unsetenv("ATTNBOUND_GPT2_MODEL");
  ::setenv("HF_HUB_CACHE", (root / "hub").c_str(), 1);
  CHECK(find_model_dir(explicit_dir.string()) == explicit_dir);
  CHECK(find_model_dir((explicit_dir / "model.safetensors").string()) == explicit_dir);  // the file itself
  CHECK(find_model_dir("") == snap);  // the incomplete snapshot is skipped
  ::setenv("ATTNBOUND_GPT2_MODEL", env_dir.c_str(), 1);
  CHECK(find_model_dir("") == env_dir);
  ::unsetenv("ATTNBOUND_GPT2_MODEL");
  CHECK_THROWS_WITH(find_model_dir((root / "nope").string()), Contains("--model") && Contains("does not exist"));
  CHECK_THROWS_WITH(find_model_dir((root / "hub").string()), Contains("lacks config.json or model.safetensors"));
  ::setenv("HF_HUB_CACHE", (root / "empty-hub").c_str(), 1);
  CHECK_THROWS_WITH(find_model_dir(""), Contains("no GPT-2 checkpoint found") && Contains("models--gpt2"));
  ::unsetenv("HF_HUB_CACHE");
  fs::remove_all(root);
}
