#include "gpt2/capture_writer.hpp"

#include "gpt2/npy.hpp"
#include "theory/errors.hpp"

#include <fstream>

namespace attnbound::gpt2 {
namespace {
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

std::string capture_axes(const std::string& name) {
  if (ends_with(name, "hook_q") || ends_with(name, "hook_k") || ends_with(name, "hook_v") || ends_with(name, "hook_z"))
    return "pos head_index d_head";
  if (ends_with(name, "hook_attn_scores") || ends_with(name, "hook_pattern")) return "head_index query_pos key_pos";
  if (ends_with(name, "mlp.hook_pre") || ends_with(name, "mlp.hook_post")) return "pos d_mlp";
  if (name == "logits") return "pos d_vocab";
  return "pos d_model";
}

nlohmann::json write_captures(const std::filesystem::path& dir, const std::vector<Capture>& captures,
                              const std::string& format) {
  if (format != "npy" && format != "safetensors")
    throw InputError("--format", "'" + format + "' is not npy or safetensors");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError("--out", "cannot create " + dir.string() + ": " + ec.message());
  nlohmann::json index = nlohmann::json::array();
  for (const auto& c : captures)
    index.push_back({{"name", c.name}, {"file", format == "npy" ? c.name + ".npy" : "captures.safetensors"},
                     {"shape", c.shape}, {"axes", capture_axes(c.name)}, {"dtype", "float32"}});
  if (format == "npy") {
    for (const auto& c : captures) write_npy_f32(dir / (c.name + ".npy"), c.shape, c.data.data());
    return index;
  }
  nlohmann::json header = {{"__metadata__", {{"producer", "attnbound gpt2"}}}};
  std::uint64_t offset = 0;
  for (const auto& c : captures) {
    const std::uint64_t bytes = c.data.size() * sizeof(float);
    header[c.name] = {{"dtype", "F32"}, {"shape", c.shape}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string h = header.dump();
  h.append((8 - h.size() % 8) % 8, ' ');  // keeps the data 8-byte aligned
  std::ofstream out(dir / "captures.safetensors", std::ios::binary);
  if (!out) throw InputError("--out", "cannot write " + (dir / "captures.safetensors").string());
  const std::uint64_t n = h.size();
  for (int i = 0; i < 8; ++i) out.put(static_cast<char>(n >> (8 * i)));
  out << h;
  for (const auto& c : captures)
    out.write(reinterpret_cast<const char*>(c.data.data()), static_cast<std::streamsize>(c.data.size() * sizeof(float)));
  if (!out) throw InputError("--out", "write failed (disk full?)");
  return index;
}

}  // namespace attnbound::gpt2
