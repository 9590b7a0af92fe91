// Captured attention (reports/attention_data.hpp): what is read from safetensors and .npy captures, and
// every defect a capture can have rejected with the tensor's name. Captures are written with gpt2/'s own
// writer (write_captures), the one `attnbound gpt2` uses.
#include "reports/attention_data.hpp"

#include "gpt2/capture_writer.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

using namespace attnbound::reports;
using attnbound::InputError;
using attnbound::gpt2::Capture;
namespace fs = std::filesystem;

namespace {

constexpr float kMasked = -std::numeric_limits<float>::infinity();

// Causal scores [H, L, L] with entry (h, q, k) = h + q / 4 - k / 8 for k <= q, -inf after the diagonal.
Capture scores(int layer, int H, int L, bool batch = false) {
  Capture c{"blocks." + std::to_string(layer) + ".attn.hook_attn_scores", {H, L, L}, {}};
  if (batch) c.shape.insert(c.shape.begin(), 1);
  for (int h = 0; h < H; ++h)
    for (int q = 0; q < L; ++q)
      for (int k = 0; k < L; ++k) c.data.push_back(k <= q ? static_cast<float>(h + q / 4.0 - k / 8.0) : kMasked);
  return c;
}

// Values [L, H, d] with entry (pos, h, c) = pos - h + c / 2.
Capture values(int layer, int L, int H, int d) {
  Capture c{"blocks." + std::to_string(layer) + ".attn.hook_v", {L, H, d}, {}};
  for (int p = 0; p < L; ++p)
    for (int h = 0; h < H; ++h)
      for (int i = 0; i < d; ++i) c.data.push_back(static_cast<float>(p - h + i / 2.0));
  return c;
}

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag)
      : path(fs::temp_directory_path() / ("attnbound-attention-" + tag + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

// Writes the captures as captures.safetensors and returns that file.
std::string safetensors(const TempDir& d, const std::vector<Capture>& caps) {
  attnbound::gpt2::write_captures(d.path, caps, "safetensors");
  return (d.path / "captures.safetensors").string();
}

// The message of load_attention's InputError (empty when it does not throw one).
std::string error_of(const std::string& path) {
  try {
    load_attention(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a safetensors capture with values reads as causal heads on the scaled scale", "[reports][attention]") {
  TempDir d("read");
  const std::string file = safetensors(d, {scores(0, 2, 4), values(0, 4, 2, 16), scores(1, 2, 4), values(1, 4, 2, 16)});
  const ReferenceExample ex = load_attention(file);
  CHECK(ex.source == "attention");
  CHECK(ex.logit_scale == "scaled");
  CHECK(ex.sqrt_d_head == "4");  // d_head = 16 from hook_v
  CHECK(ex.layers == 2);
  CHECK(ex.heads_per_layer == 2);
  CHECK(ex.length == 4);
  CHECK(ex.causal);
  REQUIRE(ex.heads.size() == 4);
  const ReferenceHead& h = ex.heads[3];  // layer 1, head 1
  CHECK(h.layer == 1);
  CHECK(h.head == 1);
  REQUIRE(h.rows.size() == 4);
  CHECK(h.rows[2].size() == 3);        // row t sees t + 1 keys
  CHECK(h.values[2][1] == 1 + 0.5 - 0.125);
  CHECK(std::strtod(h.rows[2][1].c_str(), nullptr) == h.values[2][1]);  // text and double are the same number
  CHECK(h.keys.empty());
  REQUIRE(h.x.size() == 4);
  CHECK(h.x[3][5] == 3 - 1 + 2.5);
}

TEST_CASE("batched shapes, .npy folders, non-causal masks and d_head from index.json", "[reports][attention]") {
  TempDir d("forms");
  {
    const std::string file = safetensors(d, {scores(0, 3, 5, true)});
    const ReferenceExample ex = load_attention(file);
    CHECK(ex.heads_per_layer == 3);
    CHECK(ex.sqrt_d_head.empty());  // no hook_v, no metadata: unknown
    CHECK(load_attention(d.path.string()).length == 5);  // the folder holding captures.safetensors
  }
  fs::remove_all(d.path);
  Capture s = scores(0, 1, 3);
  s.data[0 * 3 + 1] = 0.5f;       // row 0 also sees key 1: not causal
  s.data[2 * 3 + 0] = kMasked;    // row 2 does not see key 0
  attnbound::gpt2::write_captures(d.path, {s, values(0, 3, 1, 4)}, "npy");
  const ReferenceExample ex = load_attention(d.path.string());
  CHECK_FALSE(ex.causal);
  REQUIRE(ex.heads[0].keys.size() == 3);
  CHECK(ex.heads[0].keys[0] == std::vector<std::size_t>{0, 1});
  CHECK(ex.heads[0].keys[2] == std::vector<std::size_t>{1, 2});
  CHECK(ex.sqrt_d_head == "2");
  fs::remove(d.path / "blocks.0.attn.hook_v.npy");
  std::ofstream(d.path / "index.json") << R"({"config": {"n_embd": 48, "n_head": 3}})";
  CHECK(load_attention(d.path.string()).sqrt_d_head == "4");  // d_head = 48 / 3
}

TEST_CASE("broken captures are bad input naming the tensor", "[reports][attention]") {
  TempDir d("broken");
  const std::string s0 = "blocks.0.attn.hook_attn_scores", s1 = "blocks.1.attn.hook_attn_scores",
                    v0 = "blocks.0.attn.hook_v", v1 = "blocks.1.attn.hook_v";
  SECTION("wrong rank") {
    Capture c = scores(0, 2, 3);
    c.shape = {6, 3};
    const std::string e = error_of(safetensors(d, {c}));
    CHECK(e.rfind(s0 + ": wrong rank", 0) == 0);
  }
  SECTION("a batch of two") {
    Capture c = scores(0, 2, 3);
    c.shape = {2, 1, 3, 3};
    CHECK(error_of(safetensors(d, {c})).rfind(s0 + ": shape [2, 1, 3, 3]", 0) == 0);
  }
  SECTION("NaN and +inf") {
    Capture c = scores(1, 2, 3);
    c.data[4] = std::nanf("");
    CHECK(error_of(safetensors(d, {scores(0, 2, 3), c})).rfind(s1 + ": nan at [0, 1, 1]", 0) == 0);
    fs::remove_all(d.path);
    c.data[4] = std::numeric_limits<float>::infinity();
    CHECK(error_of(safetensors(d, {scores(0, 2, 3), c})).rfind(s1 + ": inf at [0, 1, 1]", 0) == 0);
    fs::remove_all(d.path);
    Capture v = values(0, 3, 2, 4);
    v.data[7] = std::nanf("");
    CHECK(error_of(safetensors(d, {scores(0, 2, 3), v})).rfind(v0 + ": nan at flat index 7", 0) == 0);
  }
  SECTION("shapes that disagree between layers") {
    CHECK(error_of(safetensors(d, {scores(0, 2, 3), scores(1, 2, 4)})).rfind(s1 + ": shape [2, 4, 4] disagrees", 0) == 0);
    fs::remove_all(d.path);
    CHECK(error_of(safetensors(d, {scores(0, 2, 3), scores(1, 2, 3), values(0, 3, 2, 4), values(1, 3, 2, 8)}))
              .rfind(v1 + ": shape [3, 2, 8] disagrees", 0) == 0);
    fs::remove_all(d.path);
    Capture c = scores(0, 2, 3);
    c.shape = {2, 3, 2};
    c.data.resize(12);
    CHECK(error_of(safetensors(d, {c})).rfind(s0 + ": shape [2, 3, 2]: query and key lengths differ", 0) == 0);
  }
  SECTION("missing tensors") {
    CHECK(error_of(safetensors(d, {scores(0, 2, 3), scores(2, 2, 3)})).rfind(s1 + ": missing", 0) == 0);
    fs::remove_all(d.path);
    CHECK(error_of(safetensors(d, {scores(0, 2, 3), scores(1, 2, 3), values(1, 3, 2, 4)})).rfind(v0 + ": missing", 0) == 0);
    fs::remove_all(d.path);
    CHECK(error_of(safetensors(d, {Capture{"blocks.0.hook_resid_pre", {3, 4}, std::vector<float>(12, 0.0f)}}))
              .rfind(s0 + ": missing", 0) == 0);
    CHECK(error_of((d.path / "nothing.safetensors").string()).rfind("attention: cannot read", 0) == 0);
  }
  SECTION("a fully masked row") {
    Capture c = scores(0, 1, 3);
    c.data[0] = kMasked;
    CHECK(error_of(safetensors(d, {c})).rfind(s0 + ": row [0, 0] is fully masked", 0) == 0);
  }
  SECTION("a truncated file") {
    const std::string file = safetensors(d, {scores(0, 2, 3), values(0, 3, 2, 4)});
    fs::resize_file(file, fs::file_size(file) - 5);
    const std::string e = error_of(file);
    INFO(e);
    CHECK(e.find("captures.safetensors") != std::string::npos);
    CHECK(e.find(v0) != std::string::npos);  // the last tensor is the one cut
    CHECK(e.find('\n') == std::string::npos);
  }
}
