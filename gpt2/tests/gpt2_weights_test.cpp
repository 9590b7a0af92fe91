#include "gpt2/gpt2_weights.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

using attnbound::gpt2::load_gpt2_checkpoint;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

struct T {
  std::string name;
  std::vector<std::int64_t> shape;
};

// The HF tensor list of a GPT-2 with n_layer=1, n_embd=4, vocab 10, 8 positions.
std::vector<T> tiny_tensors() {
  std::vector<T> t{{"wte.weight", {10, 4}}, {"wpe.weight", {8, 4}}};
  for (auto [n, s] : std::vector<std::pair<std::string, std::vector<std::int64_t>>>{
           {"ln_1.weight", {4}}, {"ln_1.bias", {4}}, {"attn.c_attn.weight", {4, 12}}, {"attn.c_attn.bias", {12}},
           {"attn.c_proj.weight", {4, 4}}, {"attn.c_proj.bias", {4}}, {"ln_2.weight", {4}}, {"ln_2.bias", {4}},
           {"mlp.c_fc.weight", {4, 16}}, {"mlp.c_fc.bias", {16}}, {"mlp.c_proj.weight", {16, 4}}, {"mlp.c_proj.bias", {4}}})
    t.push_back({"h.0." + n, s});
  t.push_back({"ln_f.weight", {4}});
  t.push_back({"ln_f.bias", {4}});
  t.push_back({"h.0.attn.bias", {1, 1, 8, 8}});  // the causal-mask buffer real checkpoints carry: ignored
  return t;
}

// Writes config.json + model.safetensors; element k of every tensor is 0.01 * k (F32) or its F16 / BF16 form.
fs::path write_tiny(const std::string& tag, std::vector<T> tensors, const std::string& dtype = "F32",
                    const std::string& prefix = "", float poison = 0.0f) {
  const fs::path dir = fs::temp_directory_path() / ("attnbound-weights-" + tag + "-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "config.json") << R"({"n_layer":1,"n_head":2,"n_embd":4,"n_positions":8,"vocab_size":10})";
  nlohmann::json h = nlohmann::json::object();
  std::vector<unsigned char> data;
  for (const auto& t : tensors) {
    std::uint64_t n = 1;
    for (auto d : t.shape) n *= d;
    const std::string dt = t.name == "h.0.attn.bias" ? "BOOL" : dtype;
    const std::uint64_t begin = data.size();
    for (std::uint64_t k = 0; k < n; ++k) {
      float v = 0.01f * static_cast<float>(k);
      if (k == 1 && t.name == "wpe.weight" && poison != 0.0f) v = poison;
      std::uint32_t bits;
      std::memcpy(&bits, &v, 4);
      if (dt == "BOOL") {
        data.push_back(1);
      } else if (dt == "F32") {
        for (int i = 0; i < 4; ++i) data.push_back(static_cast<unsigned char>(bits >> (8 * i)));
      } else {  // BF16 by truncation; F16 only for values that are exact (0 and 0.01*k is not; use BF16 check)
        data.push_back(static_cast<unsigned char>(bits >> 16));
        data.push_back(static_cast<unsigned char>(bits >> 24));
      }
    }
    h[prefix + t.name] = {{"dtype", dt}, {"shape", t.shape}, {"data_offsets", {begin, data.size()}}};
  }
  const std::string header = h.dump();
  std::ofstream out(dir / "model.safetensors", std::ios::binary);
  const std::uint64_t len = header.size();
  for (int i = 0; i < 8; ++i) out.put(static_cast<char>(len >> (8 * i)));
  out << header;
  out.write(reinterpret_cast<const char*>(data.data()), data.size());
  return dir;
}

}  // namespace

TEST_CASE("weights: a well-formed tiny checkpoint loads with HF names and Conv1D [in, out] layout", "[gpt2][weights]") {
  const auto dir = write_tiny("ok", tiny_tensors());
  const auto w = load_gpt2_checkpoint(dir);
  CHECK(w.layers.size() == 1);
  CHECK(w.wte.rows() == 10);
  CHECK(w.layers[0].c_attn_w.rows() == 4);
  CHECK(w.layers[0].c_attn_w.cols() == 12);
  // Row-major [in, out]: element (i, j) is flat index i * 12 + j.
  CHECK(w.layers[0].c_attn_w(1, 2) == 0.01f * 14);
  CHECK(w.layers[0].mlp_c_proj_w(15, 3) == 0.01f * 63);
  CHECK(w.dtype == "F32");
  fs::remove_all(dir);
}

TEST_CASE("weights: the transformer. prefix and BF16 tensors are accepted", "[gpt2][weights]") {
  const auto dir = write_tiny("prefix", tiny_tensors(), "BF16", "transformer.");
  const auto w = load_gpt2_checkpoint(dir);
  CHECK(w.dtype == "BF16");
  CHECK(std::abs(w.wpe(0, 1) - 0.01f) < 0.01f * 0x1p-7f);  // BF16 keeps 8 significant bits
  fs::remove_all(dir);
}

TEST_CASE("weights bad file: a missing tensor is named", "[gpt2][weights]") {
  auto t = tiny_tensors();
  t.erase(t.begin() + 6);  // h.0.attn.c_proj.weight
  const auto dir = write_tiny("missing", t);
  CHECK_THROWS_WITH(load_gpt2_checkpoint(dir), Contains("model.safetensors") && Contains("missing tensor 'h.0.attn.c_proj.weight'"));
  fs::remove_all(dir);
}

TEST_CASE("weights bad file: a shape that disagrees with config.json", "[gpt2][weights]") {
  auto t = tiny_tensors();
  t[4].shape = {12, 4};  // c_attn transposed (nn.Linear [out, in] instead of Conv1D [in, out])
  const auto dir = write_tiny("shape", t);
  CHECK_THROWS_WITH(load_gpt2_checkpoint(dir),
                    Contains("'h.0.attn.c_attn.weight' has shape [12, 4] but config.json implies [4, 12]"));
  fs::remove_all(dir);
}

TEST_CASE("weights bad file: non-finite weights", "[gpt2][weights]") {
  const auto dir = write_tiny("nan", tiny_tensors(), "F32", "", std::numeric_limits<float>::quiet_NaN());
  CHECK_THROWS_WITH(load_gpt2_checkpoint(dir), Contains("'wpe.weight' holds a non-finite value at flat index 1"));
  fs::remove_all(dir);
}

TEST_CASE("weights bad file: missing config.json or model.safetensors", "[gpt2][weights]") {
  const auto dir = write_tiny("nofile", tiny_tensors());
  fs::remove(dir / "model.safetensors");
  CHECK_THROWS_WITH(load_gpt2_checkpoint(dir), Contains("no model.safetensors"));
  fs::remove(dir / "config.json");
  CHECK_THROWS_WITH(load_gpt2_checkpoint(dir), Contains("no config.json"));
  fs::remove_all(dir);
}
