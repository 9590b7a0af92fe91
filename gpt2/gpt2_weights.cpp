#include "gpt2/gpt2_weights.hpp"

#include "theory/errors.hpp"

#include <cmath>
#include <fstream>
#include <iterator>
#include <set>

namespace attnbound::gpt2 {
namespace {

struct Reader {
  const SafetensorsFile& file;
  std::string prefix;  // "" or "transformer."
  std::set<std::string> dtypes;

  const SafetensorInfo& info(const std::string& name, std::vector<std::int64_t> shape) {
    const SafetensorInfo* t = file.find(prefix + name);
    if (!t) throw InputError(file.label(), "missing tensor '" + prefix + name + "'");
    if (t->shape != shape) {
      auto txt = [](const std::vector<std::int64_t>& s) {
        std::string r = "[";
        for (std::size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
        return r + "]";
      };
      throw InputError(file.label(), "tensor '" + t->name + "' has shape " + txt(t->shape) + " but config.json implies " + txt(shape));
    }
    dtypes.insert(t->dtype);
    return *t;
  }
  void check_finite(const SafetensorInfo& t, const float* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isfinite(p[i]))
        throw InputError(file.label(), "tensor '" + t.name + "' holds a non-finite value at flat index " + std::to_string(i));
  }
  MatrixRM matrix(const std::string& name, std::int64_t rows, std::int64_t cols) {
    const auto& t = info(name, {rows, cols});
    MatrixRM m(rows, cols);
    file.read_f32(t, m.data());
    check_finite(t, m.data(), m.size());
    return m;
  }
  RowVec vec(const std::string& name, std::int64_t n) {
    const auto& t = info(name, {n});
    RowVec v(n);
    file.read_f32(t, v.data());
    check_finite(t, v.data(), v.size());
    return v;
  }
};

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError(p.string(), "cannot read");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

Gpt2Weights load_gpt2_weights(const SafetensorsFile& file, const Gpt2Config& c) {
  Reader r{file, file.find("wte.weight") ? "" : (file.find("transformer.wte.weight") ? "transformer." : ""), {}};
  const std::int64_t d = c.n_embd;
  Gpt2Weights w;
  w.config = c;
  w.source = file.label();
  w.wte = r.matrix("wte.weight", c.vocab_size, d);
  w.wpe = r.matrix("wpe.weight", c.n_positions, d);
  for (int l = 0; l < c.n_layer; ++l) {
    const std::string h = "h." + std::to_string(l) + ".";
    Gpt2Layer L;
    L.ln_1_g = r.vec(h + "ln_1.weight", d);
    L.ln_1_b = r.vec(h + "ln_1.bias", d);
    L.c_attn_w = r.matrix(h + "attn.c_attn.weight", d, 3 * d);
    L.c_attn_b = r.vec(h + "attn.c_attn.bias", 3 * d);
    L.attn_c_proj_w = r.matrix(h + "attn.c_proj.weight", d, d);
    L.attn_c_proj_b = r.vec(h + "attn.c_proj.bias", d);
    L.ln_2_g = r.vec(h + "ln_2.weight", d);
    L.ln_2_b = r.vec(h + "ln_2.bias", d);
    L.c_fc_w = r.matrix(h + "mlp.c_fc.weight", d, 4 * d);
    L.c_fc_b = r.vec(h + "mlp.c_fc.bias", 4 * d);
    L.mlp_c_proj_w = r.matrix(h + "mlp.c_proj.weight", 4 * d, d);
    L.mlp_c_proj_b = r.vec(h + "mlp.c_proj.bias", d);
    w.layers.push_back(std::move(L));
  }
  w.ln_f_g = r.vec("ln_f.weight", d);
  w.ln_f_b = r.vec("ln_f.bias", d);
  for (const auto& t : r.dtypes) w.dtype += (w.dtype.empty() ? "" : "+") + t;
  return w;
}

Gpt2Weights load_gpt2_checkpoint(const std::filesystem::path& dir) {
  const auto cfg_path = dir / "config.json";
  const auto st_path = dir / "model.safetensors";
  if (!std::filesystem::exists(cfg_path)) throw InputError("--model", "no config.json in " + dir.string());
  if (!std::filesystem::exists(st_path))
    throw InputError("--model", "no model.safetensors in " + dir.string() + " (only the safetensors format is read)");
  const Gpt2Config c = parse_gpt2_config(read_text(cfg_path), cfg_path.string());
  return load_gpt2_weights(SafetensorsFile::open(st_path), c);
}

}  // namespace attnbound::gpt2
