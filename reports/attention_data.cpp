#include "reports/attention_data.hpp"

#include "gpt2/npy.hpp"
#include "gpt2/safetensors.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <regex>

namespace attnbound::reports {
namespace {

namespace fs = std::filesystem;

// The tensors of a capture, by name: shapes up front, data on demand (as doubles).
struct Tensors {
  std::map<std::string, std::vector<std::int64_t>> shapes;
  std::function<std::vector<double>(const std::string&)> read;
  std::string d_head;  // from the file's metadata or an index.json; "" when absent
  std::string prompt;
};

Tensors from_safetensors(const fs::path& file) {
  auto st = std::make_shared<gpt2::SafetensorsFile>(gpt2::SafetensorsFile::open(file));
  Tensors t;
  for (const auto& [name, info] : st->tensors()) t.shapes[name] = info.shape;
  if (auto it = st->metadata().find("d_head"); it != st->metadata().end()) t.d_head = it->second;
  if (auto it = st->metadata().find("prompt"); it != st->metadata().end()) t.prompt = it->second;
  t.read = [st](const std::string& name) {
    const gpt2::SafetensorInfo& info = *st->find(name);
    std::vector<float> f(static_cast<std::size_t>(info.numel()));
    try {
      st->read_f32(info, f.data());
    } catch (const InputError& e) {
      throw InputError(name, e.what());
    }
    return std::vector<double>(f.begin(), f.end());
  };
  return t;
}

Tensors from_npy_folder(const fs::path& dir) {
  auto arrays = std::make_shared<std::map<std::string, gpt2::NpyArray>>();
  static const std::regex wanted(R"(blocks\.\d+\.attn\.hook_(attn_scores|v))");
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string stem = e.path().stem().string();
    if (e.path().extension() != ".npy" || !std::regex_match(stem, wanted)) continue;
    try {
      (*arrays)[stem] = gpt2::read_npy(e.path());
    } catch (const InputError& err) {
      throw InputError(stem, err.what());
    }
  }
  Tensors t;
  for (const auto& [name, a] : *arrays) t.shapes[name] = a.shape;
  // `attnbound gpt2` writes index.json beside the captures: d_head = n_embd / n_head.
  if (std::ifstream in(dir / "index.json"); in) {
    try {
      const nlohmann::json j = nlohmann::json::parse(in);
      const auto& c = j.at("config");
      const long long embd = c.at("n_embd").get<long long>(), heads = c.at("n_head").get<long long>();
      if (heads > 0 && embd % heads == 0) t.d_head = std::to_string(embd / heads);
    } catch (const std::exception&) {
      // An index without the config says nothing about d_head: hook_v or --logit-scale scaled decide.
    }
  }
  t.read = [arrays](const std::string& name) { return arrays->at(name).data; };
  return t;
}

std::string shape_text(const std::vector<std::int64_t>& s) { return fmt::format("[{}]", fmt::join(s, ", ")); }

// The shape without a leading batch dimension of 1; InputError naming the tensor for any other rank.
std::vector<std::int64_t> unbatched(const std::string& name, std::vector<std::int64_t> s, std::size_t rank,
                                    const std::string& axes) {
  if (s.size() == rank + 1) {
    if (s[0] != 1)
      throw InputError(name, fmt::format("shape {}: the batch dimension must be 1 ({} or [1, {}])", shape_text(s),
                                         "[" + axes + "]", axes));
    s.erase(s.begin());
  }
  if (s.size() != rank)
    throw InputError(name, fmt::format("wrong rank: shape {}, expected [{}] or [1, {}]", shape_text(s), axes, axes));
  for (auto d : s)
    if (d <= 0) throw InputError(name, fmt::format("empty shape {}", shape_text(s)));
  return s;
}

// Integer sqrt of d when d is a perfect square, else "".
std::string exact_sqrt(long long d) {
  if (d <= 0) return "";
  long long r = static_cast<long long>(std::llround(std::sqrt(static_cast<double>(d))));
  while (r * r > d) --r;
  while ((r + 1) * (r + 1) <= d) ++r;
  return r * r == d ? std::to_string(r) : "";
}

}  // namespace

ReferenceExample load_attention(const std::string& path) {
  const fs::path p(path);
  std::error_code ec;
  Tensors t;
  if (fs::is_directory(p, ec)) {
    t = fs::exists(p / "captures.safetensors") ? from_safetensors(p / "captures.safetensors") : from_npy_folder(p);
  } else if (fs::exists(p, ec)) {
    t = from_safetensors(p);
  } else {
    throw InputError("attention", "cannot read " + path);
  }

  // Layers 0, 1, ... without gaps; hook_v in every layer or in none.
  static const std::regex name_re(R"(blocks\.(\d+)\.attn\.hook_(attn_scores|v))");
  int max_layer = -1;
  bool any_v = false;
  for (const auto& [name, shape] : t.shapes) {
    std::smatch m;
    if (!std::regex_match(name, m, name_re)) continue;
    max_layer = std::max(max_layer, std::stoi(m[1].str()));
    any_v = any_v || m[2].str() == "v";
  }
  const auto scores_name = [](int l) { return fmt::format("blocks.{}.attn.hook_attn_scores", l); };
  const auto v_name = [](int l) { return fmt::format("blocks.{}.attn.hook_v", l); };
  if (max_layer < 0)
    throw InputError(scores_name(0), "missing: " + path + " has no blocks.{l}.attn.hook_attn_scores tensor");
  for (int l = 0; l <= max_layer; ++l) {
    if (!t.shapes.count(scores_name(l)))
      throw InputError(scores_name(l), fmt::format("missing (the file has tensors of layer {})", max_layer));
    if (any_v && !t.shapes.count(v_name(l)))
      throw InputError(v_name(l), "missing (hook_v is given for other layers: give it for every layer or none)");
  }

  ReferenceExample ex;
  ex.name = p.filename().empty() ? p.parent_path().filename().string() : p.filename().string();
  ex.prompt = t.prompt;
  ex.source = "attention";
  ex.logit_scale = "scaled";
  ex.layers = max_layer + 1;
  std::int64_t H = 0, L = 0, dh = 0;
  std::vector<std::vector<std::vector<std::size_t>>> visible;  // per head, per row: key positions
  for (int l = 0; l <= max_layer; ++l) {
    const std::string sn = scores_name(l);
    const auto s = unbatched(sn, t.shapes.at(sn), 3, "head, query, key");
    if (s[1] != s[2]) throw InputError(sn, fmt::format("shape {}: query and key lengths differ", shape_text(s)));
    if (l == 0) H = s[0], L = s[1];
    if (s[0] != H || s[1] != L)
      throw InputError(sn, fmt::format("shape {} disagrees with {}'s [{}, {}, {}]", shape_text(s), scores_name(0), H, L, L));
    std::vector<double> v;
    std::int64_t d = 0;
    if (any_v) {
      const std::string vn = v_name(l);
      const auto vs = unbatched(vn, t.shapes.at(vn), 3, "pos, head, d_head");
      if (l == 0) dh = vs[2];
      if (vs[0] != L || vs[1] != H || vs[2] != dh)
        throw InputError(vn, fmt::format("shape {} disagrees with [pos, head, d_head] = [{}, {}, {}] ({}{})",
                                         shape_text(vs), L, H, dh, sn, l ? " and " + v_name(0) : std::string()));
      v = t.read(vn);
      for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i]))
          throw InputError(vn, fmt::format("{} at flat index {} (values must be finite)", v[i], i));
      d = vs[2];
    }
    const std::vector<double> sc = t.read(sn);
    for (std::int64_t h = 0; h < H; ++h) {
      ReferenceHead rh;
      rh.layer = l;
      rh.head = static_cast<int>(h);
      std::vector<std::vector<std::size_t>> vis;
      for (std::int64_t q = 0; q < L; ++q) {
        std::vector<std::string> row;
        std::vector<double> vals;
        std::vector<std::size_t> keys;
        for (std::int64_t k = 0; k < L; ++k) {
          const double x = sc[static_cast<std::size_t>((h * L + q) * L + k)];
          if (std::isnan(x) || x == HUGE_VAL)
            throw InputError(sn, fmt::format("{} at [{}, {}, {}] (scores must be finite or -inf for masked keys)", x, h, q, k));
          if (x == -HUGE_VAL) continue;
          row.push_back(fmt::format("{}", x));
          vals.push_back(x);
          keys.push_back(static_cast<std::size_t>(k));
        }
        if (row.empty()) throw InputError(sn, fmt::format("row [{}, {}] is fully masked (-inf everywhere)", h, q));
        if (keys.size() != static_cast<std::size_t>(q + 1) || keys.back() != static_cast<std::size_t>(q)) ex.causal = false;
        rh.rows.push_back(std::move(row));
        rh.values.push_back(std::move(vals));
        vis.push_back(std::move(keys));
      }
      if (any_v) {
        rh.x.assign(static_cast<std::size_t>(L), std::vector<double>(static_cast<std::size_t>(d)));
        for (std::int64_t pos = 0; pos < L; ++pos)
          for (std::int64_t c = 0; c < d; ++c)
            rh.x[static_cast<std::size_t>(pos)][static_cast<std::size_t>(c)] =
                v[static_cast<std::size_t>((pos * H + h) * d + c)];
      }
      ex.heads.push_back(std::move(rh));
      visible.push_back(std::move(vis));
    }
  }
  if (!ex.causal)
    for (std::size_t i = 0; i < ex.heads.size(); ++i) ex.heads[i].keys = std::move(visible[i]);
  ex.heads_per_layer = static_cast<int>(H);
  ex.length = static_cast<std::size_t>(L);
  if (any_v) {
    ex.sqrt_d_head = exact_sqrt(dh);
  } else if (!t.d_head.empty()) {
    char* end = nullptr;
    const long long d = std::strtoll(t.d_head.c_str(), &end, 10);
    if (end == t.d_head.c_str() || *end != '\0' || d <= 0)
      throw InputError("d_head", "metadata d_head must be a positive integer, got '" + t.d_head + "'");
    ex.sqrt_d_head = exact_sqrt(d);
  } else {
    ex.sqrt_d_head.clear();
  }
  return ex;
}

}  // namespace attnbound::reports
