#include "reports/reference_data.hpp"

#include "theory/errors.hpp"
#include "theory/instance.hpp"
#include "theory/softmax.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace attnbound::reports {
namespace {

using json = nlohmann::json;

const json& field(const json& parent, const std::string& key, const std::string& path) {
  if (!parent.is_object() || !parent.contains(key)) throw InputError(path, "missing");
  return parent.at(key);
}

// The L x L matrix under outputs.<key>.data; entries are decimal text or null.
const json& matrix(const json& outputs, const std::string& key, std::size_t L) {
  const std::string path = "outputs." + key;
  const json& m = field(field(outputs, key, path), "data", path + ".data");
  if (!m.is_array() || m.size() != L) throw InputError(path + ".data", fmt::format("must be a {} x {} array", L, L));
  for (const auto& row : m)
    if (!row.is_array() || row.size() != L)
      throw InputError(path + ".data", fmt::format("must be a {} x {} array", L, L));
  return m;
}

double number(const json& v, const std::string& path) {
  return std::strtod(decimal_of(v, path).c_str(), nullptr);
}

}  // namespace

std::string decimal_div8(const std::string& x) { return decimal_scale(x, 125, -3); }

std::string decimal_scale(const std::string& x, unsigned long long m, long long e10) {
  if (!is_decimal(x)) throw InputError("logit", "not a decimal: " + x);
  std::size_t i = 0;
  bool negative = false;
  if (x[i] == '+' || x[i] == '-') negative = x[i++] == '-';
  std::string digits;
  long long exponent = 0;
  for (; i < x.size() && x[i] != 'e' && x[i] != 'E'; ++i) {
    if (x[i] == '.') continue;
    digits += x[i];
  }
  const std::size_t dot = x.find('.');
  const std::size_t epos = x.find_first_of("eE");
  if (dot != std::string::npos) exponent -= static_cast<long long>((epos == std::string::npos ? x.size() : epos) - dot - 1);
  if (epos != std::string::npos) exponent += std::stoll(x.substr(epos + 1));
  // digits * m, schoolbook on the decimal string (m < 2^59, so digit * m + carry fits in 64 bits).
  if (m >= (1ULL << 59)) throw InputError("logit", "scale factor too large");
  std::string out;
  unsigned long long carry = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    const unsigned long long v = static_cast<unsigned long long>(*it - '0') * m + carry;
    out += static_cast<char>('0' + v % 10);
    carry = v / 10;
  }
  while (carry) {
    out += static_cast<char>('0' + carry % 10);
    carry /= 10;
  }
  std::reverse(out.begin(), out.end());
  const std::size_t nz = out.find_first_not_of('0');
  out = nz == std::string::npos ? "0" : out.substr(nz);
  return (negative && out != "0" ? "-" : "") + out + "e" + std::to_string(exponent + e10);
}

ReferenceExample load_reference(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("reference", "cannot read " + path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  json parsed;
  try {
    parsed = parse_json_exact(text);  // numbers kept as their exact decimal text
  } catch (const InputError& e) {
    throw InputError("reference", path + ": " + e.what());
  }
  const json& root = parsed;

  ReferenceExample ex;
  ex.name = std::filesystem::path(path).stem().string();
  const json& prompt = field(root, "prompt", "prompt");
  if (prompt.is_string()) ex.prompt = prompt.get<std::string>();
  const json& tokens = field(root, "tokens", "tokens");
  if (!tokens.is_array() || tokens.empty()) throw InputError("tokens", "must be a non-empty array");
  ex.length = tokens.size();
  const json& outputs = field(root, "outputs", "outputs");

  // Count layers and heads from the keys present: block_{l}_attn_head_{h}_attn.
  int layers = 0, heads = 0;
  while (outputs.contains(fmt::format("block_{}_attn_head_0_attn", layers))) ++layers;
  while (outputs.contains(fmt::format("block_0_attn_head_{}_attn", heads))) ++heads;
  if (layers == 0 || heads == 0) throw InputError("outputs", "no block_{l}_attn_head_{h}_attn matrices");
  ex.layers = layers;
  ex.heads_per_layer = heads;

  const std::size_t L = ex.length;
  for (int l = 0; l < layers; ++l) {
    for (int h = 0; h < heads; ++h) {
      const std::string base = fmt::format("block_{}_attn_head_{}_attn", l, h);
      const json& raw = matrix(outputs, base, L);
      const json& masked = matrix(outputs, base + "_masked", L);
      const json& soft = matrix(outputs, base + "_softmax", L);
      ReferenceHead rh;
      rh.layer = l;
      rh.head = h;
      for (std::size_t t = 0; t < L; ++t) {
        std::vector<std::string> row;
        std::vector<double> vals;
        std::vector<std::size_t> visible;
        for (std::size_t j = 0; j < L; ++j) {
          if (masked[t][j].is_null()) continue;
          const std::string where = fmt::format("outputs.{}.data[{}][{}]", base, t, j);
          row.push_back(decimal_of(raw[t][j], where));
          vals.push_back(std::strtod(row.back().c_str(), nullptr));
          visible.push_back(j);
          const double m = number(masked[t][j], fmt::format("outputs.{}_masked.data[{}][{}]", base, t, j));
          ex.max_scale_deviation =
              std::max(ex.max_scale_deviation, std::abs(m - vals.back() / 8) / std::max(1.0, std::abs(vals.back()) / 8));
        }
        if (visible.empty()) throw InputError(fmt::format("outputs.{}_masked.data[{}]", base, t), "row fully masked");
        if (visible.size() != t + 1 || visible.back() != t) ex.causal = false;
        const Vec<double> p = softmax(vals, 8.0);
        for (std::size_t k = 0; k < visible.size(); ++k) {
          const double s = number(soft[t][visible[k]], fmt::format("outputs.{}_softmax.data[{}][{}]", base, t, visible[k]));
          ex.max_softmax_deviation = std::max(ex.max_softmax_deviation, std::abs(s - p[k]));
        }
        rh.rows.push_back(std::move(row));
        rh.values.push_back(std::move(vals));
      }
      ex.heads.push_back(std::move(rh));
    }
  }
  return ex;
}

}  // namespace attnbound::reports
