#include "verify/instance_family.hpp"

#include "theory/seeded_normal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace attnbound {
namespace {

// Decimal text of a double with 12 significant digits: exact as text, which is all an instance needs.
std::string dec(double v) { return fmt::format("{:.12g}", v); }

std::uint64_t mix(std::uint64_t seed, const std::string& id) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the id, so every statement gets its own stream
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ULL;
  return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

// Uniform double in [0, 1) from 53 random bits (integer-only, so identical on every platform).
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
std::size_t pick(std::mt19937_64& rng, std::size_t n) { return static_cast<std::size_t>(rng() % n); }

constexpr std::size_t kLengths[] = {2, 3, 4, 5, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
const char* const kTemperatures[] = {"1e-6", "1e-3", "0.01", "0.1", "0.5", "1", "8", "100", "1e3", "1e6"};

struct Scenario {
  std::string kind;
  std::vector<std::string> logits;
  std::string temperature;
  double range = 1;
};

Scenario logits_scenario(std::mt19937_64& rng, std::size_t L, int kind) {
  Scenario s;
  s.temperature = kTemperatures[pick(rng, std::size(kTemperatures))];
  const double ranges[] = {1, 10, 1e3, 1e6};
  s.range = ranges[pick(rng, 4)];
  s.logits.resize(L);
  switch (kind) {
    case 0: {  // uniform random logits in [-range, range]
      s.kind = "random";
      for (auto& l : s.logits) l = dec(s.range * (2 * unit(rng) - 1));
      break;
    }
    case 1: {  // all logits equal: the uniform distribution
      s.kind = "all-tied";
      const std::string c = dec(s.range * (2 * unit(rng) - 1));
      for (auto& l : s.logits) l = c;
      break;
    }
    case 2: {  // an exact two-way tie at the top
      s.kind = "two-way-tie";
      const double top = s.range * unit(rng);
      for (auto& l : s.logits) l = dec(top - s.range * (0.01 + unit(rng)));
      const std::size_t i = pick(rng, L), j = (i + 1 + pick(rng, L - 1)) % L;
      s.logits[i] = s.logits[j] = dec(top);
      break;
    }
    case 3: {  // a near-tie near 1e6 (or the range): the top two differ by 10^-k, k in [6, 18]
      s.kind = "near-tie";
      const std::string base = s.range >= 1e6 ? "1000000" : dec(std::floor(s.range));
      for (auto& l : s.logits) l = dec(std::floor(s.range) - 1 - s.range * unit(rng));
      const int k = 6 + static_cast<int>(pick(rng, 13));
      const std::size_t i = pick(rng, L), j = (i + 1 + pick(rng, L - 1)) % L;
      s.logits[i] = base;
      s.logits[j] = base + "." + std::string(static_cast<std::size_t>(k - 1), '0') + "1";
      if (base.find('.') != std::string::npos || base.find('e') != std::string::npos) s.logits[j] = base;
      break;
    }
    case 4: {  // the one-hot limit: one large logit, a small temperature
      s.kind = "one-hot";
      for (auto& l : s.logits) l = "0";
      s.logits[pick(rng, L)] = dec(s.range);
      s.temperature = pick(rng, 2) ? "1e-6" : "1e-3";
      break;
    }
    default: {  // logits near 1e6 with small temperature: needs precision escalation
      s.kind = "large-logits";
      s.range = 1e6;
      for (auto& l : s.logits) l = dec(1e6 - std::floor(1000 * unit(rng)) * 1e-3);
      s.temperature = "1e-3";
      break;
    }
  }
  return s;
}

// One spherical embedding row: a Gaussian direction scaled to radius M, printed with 12 digits (so on the
// sphere to ~1e-12 relative, which statements that need exact radii do not assume of x).
std::vector<std::string> sphere_row(std::mt19937_64& rng, std::size_t d, double M) {
  std::vector<double> v(d);
  double n2 = 0;
  do {
    n2 = 0;
    for (auto& x : v) { x = standard_normal(rng, UnitPair::complement); n2 += x * x; }
  } while (!(n2 > 1e-12));
  std::vector<std::string> out;
  for (double x : v) out.push_back(dec(M * x / std::sqrt(n2)));
  return out;
}

// Largest absolute value of the decimals, as the text that has it (exact: compared as doubles only to
// choose; every text here came from dec() so the double order is the decimal order).
std::string max_abs_text(const std::vector<std::string>& texts) {
  std::string best = "0";
  double bv = 0;
  for (const auto& t : texts) {
    const double v = std::fabs(std::stod(t));
    if (v > bv) { bv = v; best = t[0] == '-' ? t.substr(1) : t; }
  }
  return best;
}

bool declares(const StatementInfo& info, const std::string& field) {
  return std::find(info.inputs.begin(), info.inputs.end(), field) != info.inputs.end();
}

}  // namespace

const std::vector<FamilyLengthCap>& family_length_caps() {
  static const std::vector<FamilyLengthCap> caps{
      {"thm1.random", 32, "subsets / Monte Carlo x L x d"},
      {"cor2.regimes", 32, "subsets / Monte Carlo x L x d"},
      {"thm2.lower", 256, "Monte Carlo over spheres"},
      {"thm2.upper", 256, "Monte Carlo over spheres"},
      {"lemma2.jacobian", 64, "dense L x L Jacobian, O(L^3) spectral norm"},
      {"alt.sparsemax", 64, "dense L x L Jacobian, O(L^3) spectral norm"},
      {"alt.sa_softmax", 64, "dense L x L Jacobian, O(L^3) spectral norm"},
      {"alt.low_temperature", 64, "dense L x L Jacobian (Laplacian form), O(L^3) spectral norm"},
  };
  return caps;
}

std::size_t family_max_length(const StatementInfo& info) {
  for (const auto& cap : family_length_caps())
    if (cap.statement == info.id) return cap.max_length;
  if (declares(info, "x")) return 256;      // L x d embeddings, O(L^2 d) pairwise distances (d_1)
  if (declares(info, "keys")) return 1024;  // L x d keys
  return 4096;
}

std::vector<FamilyInstance> instance_family(const StatementInfo& info, std::uint64_t seed, std::size_t count) {
  std::mt19937_64 rng(mix(seed, info.id));
  const std::size_t max_L = family_max_length(info);
  std::vector<std::size_t> lengths;
  for (std::size_t L : kLengths)
    if (L <= max_L) lengths.push_back(L);
  std::vector<FamilyInstance> out;
  for (std::size_t k = 0; k < count; ++k) {
    // Sizes cycle through the whole range (small first), kinds through the six scenarios.
    const std::size_t L = lengths[k % lengths.size()];
    const int kind = static_cast<int>((k / lengths.size() + k) % 6);
    Scenario s = logits_scenario(rng, L, kind);
    nlohmann::json j{{"statement", info.id}};
    std::string label = fmt::format("{} L={} T={}", s.kind, L, s.temperature);
    const std::size_t d = std::size_t{1} << pick(rng, 5);  // 1 .. 16
    const double M = pick(rng, 2) ? 1.0 : 2.5;
    const bool uses_logits = declares(info, "logits");
    if (uses_logits) j["logits"] = s.logits;
    if (declares(info, "temperature")) j["temperature"] = s.temperature;
    if (declares(info, "a")) {
      // Lemma 1's box [-a, a]: the tightest a, or a with slack.
      std::string a = max_abs_text(s.logits);
      if (a == "0" || pick(rng, 3) == 0) a = dec(std::max(1.0, std::fabs(std::stod(a)) * 2));
      j["a"] = a;
    }
    if (declares(info, "x")) {
      std::vector<std::vector<std::string>> x;
      for (std::size_t i = 0; i < L; ++i) x.push_back(sphere_row(rng, d, M));
      j["x"] = x;
      label += fmt::format(" d={} M={}", d, M);
    }
    if (declares(info, "top_n")) {
      const std::size_t choices[] = {1, 2, std::max<std::size_t>(1, L / 16), L / 2, L - 1, L};
      std::size_t n = choices[pick(rng, std::size(choices))];
      n = std::clamp<std::size_t>(n, 1, L);
      j["top_n"] = n;
      label += fmt::format(" N={}", n);
    }
    if (declares(info, "query") && declares(info, "keys")) {
      const double scale = pick(rng, 3) == 0 ? 10.0 : pick(rng, 2) ? 1.0 : 0.1;
      std::vector<std::string> q;
      for (std::size_t i = 0; i < d; ++i) q.push_back(dec(scale * standard_normal(rng, UnitPair::complement)));
      std::vector<std::vector<std::string>> keys;
      for (std::size_t i = 0; i < L; ++i) {
        std::vector<std::string> row;
        for (std::size_t c = 0; c < d; ++c) row.push_back(dec(scale * standard_normal(rng, UnitPair::complement)));
        keys.push_back(row);
      }
      if (s.kind == "two-way-tie" || s.kind == "all-tied")
        for (std::size_t i = 1; i < L; i += 2) keys[i] = keys[i - 1];  // exact ties of logits
      j["query"] = q;
      j["keys"] = keys;
      label = fmt::format("{} L={} d={} T={} scale={}", s.kind == "two-way-tie" || s.kind == "all-tied" ? "tied-keys" : "random-qk", L, d, s.temperature, scale);
    }
    if (declares(info, "radius") && declares(info, "sphere_radius")) {
      const double r_over_m[] = {0.01, 0.1, 0.3, 0.5, 1, 2};
      const double r = r_over_m[pick(rng, std::size(r_over_m))] * M;
      j["radius"] = dec(r);
      j["sphere_radius"] = dec(M);
      if (declares(info, "dimension")) j["dimension"] = d < 2 ? 2 : d;
      if (declares(info, "delta")) j["delta"] = pick(rng, 2) ? "0" : dec(0.01 * M);
      label += fmt::format(" r={} M={} d={}", dec(r), M, d < 2 ? 2 : d);
    }
    if (declares(info, "epsilon")) {
      const char* const eps[] = {"1e-8", "1e-4", "0.01", "1"};
      j["epsilon"] = eps[pick(rng, 4)];
      label += fmt::format(" eps={}", j["epsilon"].get<std::string>());
    }
    if (declares(info, "direction")) {
      std::vector<std::string> v;
      for (std::size_t i = 0; i < L; ++i) v.push_back(dec(standard_normal(rng, UnitPair::complement)));
      j["direction"] = v;
    }
    out.push_back({label, std::move(j)});
  }
  return out;
}

std::vector<FamilyInstance> corpus_instances(const std::string& dir, const std::string& statement_id,
                                             std::vector<std::string>* errors) {
  namespace fs = std::filesystem;
  std::vector<FamilyInstance> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream buf;
    buf << in.rdbuf();
    nlohmann::json j;
    try {
      j = Instance::parse(buf.str()).raw();  // keeps every number's literal text
    } catch (const std::exception& e) {
      if (errors) errors->push_back(f.filename().string() + ": " + e.what());
      continue;
    }
    // A counterexample-corpus entry (counterexamples/corpus.cpp) nests the instance under "instance", beside
    // its certificate and search record; a plain instance file is read as it is.
    if (j.is_object() && j.contains("instance") && j["instance"].is_object()) j = nlohmann::json(j["instance"]);
    std::vector<nlohmann::json> items;
    items.push_back(j);
    for (std::size_t k = 0; k < items.size(); ++k) {
      const auto& item = items[k];
      if (!item.is_object() || !item.contains("statement") || item["statement"] != statement_id) continue;
      // Corpus files carry annotations (a "certificate", notes): keep only what the statement reads.
      nlohmann::json kept = nlohmann::json::object();
      const auto& inputs = find_statement(statement_id).info.inputs;
      for (auto it = item.begin(); it != item.end(); ++it)
        if (it.key() == "statement" || it.key() == "variant" ||
            std::find(inputs.begin(), inputs.end(), it.key()) != inputs.end())
          kept[it.key()] = it.value();
      out.push_back({fmt::format("corpus {}{}", f.filename().string(), items.size() > 1 ? fmt::format("[{}]", k) : ""),
                     kept});
    }
  }
  return out;
}

}  // namespace attnbound
