#include "gpt2/model_path.hpp"

#include "theory/errors.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace attnbound::gpt2 {
namespace fs = std::filesystem;

std::filesystem::path find_model_dir(const std::string& explicit_path) {
  auto complete = [](const fs::path& d) { return fs::exists(d / "config.json") && fs::exists(d / "model.safetensors"); };
  auto resolve = [&](const fs::path& p, const std::string& what) {
    const fs::path d = fs::is_regular_file(p) ? p.parent_path() : p;
    if (!fs::exists(p)) throw InputError("--model", what + " " + p.string() + " does not exist");
    if (!complete(d)) throw InputError("--model", what + " " + d.string() + " lacks config.json or model.safetensors");
    return d;
  };
  if (!explicit_path.empty()) return resolve(explicit_path, "path");
  if (const char* env = std::getenv("ATTNBOUND_GPT2_MODEL"); env && *env) return resolve(env, "$ATTNBOUND_GPT2_MODEL");
  fs::path hub;
  if (const char* c = std::getenv("HF_HUB_CACHE"); c && *c) hub = c;
  else if (const char* h = std::getenv("HF_HOME"); h && *h) hub = fs::path(h) / "hub";
  else if (const char* home = std::getenv("HOME"); home && *home) hub = fs::path(home) / ".cache" / "huggingface" / "hub";
  std::string tried = "no --model, no $ATTNBOUND_GPT2_MODEL";
  for (const char* repo : {"models--gpt2", "models--openai-community--gpt2"}) {
    const fs::path snaps = hub / repo / "snapshots";
    tried += ", " + snaps.string();
    std::error_code ec;
    if (!fs::is_directory(snaps, ec)) continue;
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(snaps, ec)) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    for (const auto& d : dirs)
      if (complete(d)) return d;
  }
  throw InputError("--model", "no GPT-2 checkpoint found (" + tried + "); pass --model DIR");
}

}  // namespace attnbound::gpt2
