#include "gpt2/capture_writer.hpp"

#include "gpt2/npy.hpp"
#include "gpt2/safetensors.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

using namespace attnbound::gpt2;
namespace fs = std::filesystem;

TEST_CASE("capture writer: npy files and a safetensors file our own loader reads back", "[gpt2][capture_writer]") {
  const fs::path dir = fs::temp_directory_path() / ("attnbound-capwriter-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::vector<Capture> caps{{"blocks.0.attn.hook_pattern", {1, 2, 2}, {1, 0, 0.25f, 0.75f}},
                                  {"blocks.0.hook_resid_pre", {2, 3}, {1, 2, 3, 4, 5, 6}}};
  const auto idx = write_captures(dir / "npy", caps, "npy");
  REQUIRE(idx.size() == 2);
  CHECK(idx[0]["axes"] == "head_index query_pos key_pos");
  CHECK(idx[1]["axes"] == "pos d_model");
  CHECK(read_npy(dir / "npy" / "blocks.0.attn.hook_pattern.npy").data == std::vector<double>{1, 0, 0.25, 0.75});
  write_captures(dir / "st", caps, "safetensors");
  const auto f = SafetensorsFile::open(dir / "st" / "captures.safetensors");
  std::vector<float> v(6);
  f.read_f32(*f.find("blocks.0.hook_resid_pre"), v.data());
  CHECK(v == caps[1].data);
  CHECK_THROWS_WITH(write_captures(dir, caps, "csv"), Catch::Contains("--format"));
  fs::remove_all(dir);
  CHECK(capture_axes("blocks.3.attn.hook_q") == "pos head_index d_head");
  CHECK(capture_axes("logits") == "pos d_vocab");
  CHECK(capture_axes("blocks.3.mlp.hook_post") == "pos d_mlp");
}
