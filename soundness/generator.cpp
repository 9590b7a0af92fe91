// Adversarial instance generator: see generator.hpp for the families and the replay guarantee.
#include "soundness/generator.hpp"

#include "soundness/exact_reference.hpp"
#include "theory/scalar.hpp"
#include "theory/statement.hpp"

#include <fmt/format.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attnbound::soundness {

std::vector<unsigned> engine_precisions(unsigned start_bits, unsigned max_bits) {
  std::vector<unsigned> out;
  const unsigned start = std::max(start_bits, 16u), cap = std::max(max_bits, start);
  for (unsigned bits = start;; bits = std::min(cap, bits * 2)) {  // the escalation of verify/certify.cpp
    PrecisionScope scope(bits);
    out.push_back(PrecisionScope::current_bits());
    if (bits >= cap) break;
  }
  return out;
}

std::uint64_t SplitMix64::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
std::uint64_t SplitMix64::below(std::uint64_t n) { return next() % n; }
std::int64_t SplitMix64::between(std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
}
double SplitMix64::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

std::vector<std::pair<std::string, std::vector<std::string>>> statement_variants() {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const Statement& st : all_statements()) {
    std::vector<std::string> v;
    for (const auto& vi : st.info.variants) v.push_back(vi.name);
    out.push_back({st.info.id, v});
  }
  return out;
}

namespace {

using Json = nlohmann::json;
using Strings = std::vector<std::string>;

// A decimal with `digits` significant digits, uniform in [lo, hi] (the text is the exact value).
std::string random_decimal(SplitMix64& r, double lo, double hi, int digits = 6) {
  const double v = lo + (hi - lo) * r.unit();
  std::string t = fmt::format("{:.{}g}", v, std::max(1, digits));
  return t == "-0" ? "0" : t;
}
std::string power_of_ten(SplitMix64& r, int lo_exp, int hi_exp) {
  const int e = static_cast<int>(r.between(lo_exp, hi_exp));
  const int mant = static_cast<int>(r.between(1, 9));
  return fmt::format("{}e{}", mant, e);
}

// A working precision of the engine, the first ones (where most verdicts are decided) more often.
unsigned pick_precision(SplitMix64& r, const std::vector<unsigned>& precisions) {
  std::size_t k = 0;
  while (k + 1 < precisions.size() && r.chance(0.45)) ++k;
  return precisions[k];
}

// x (1 + sign 2^-rel_bits) (or sign 2^-rel_bits when x = 0), as an exact decimal carrying enough bits.
std::string nudged(const std::string& x, int rel_bits, int sign) {
  PrecisionScope scope(static_cast<unsigned>(std::max(rel_bits, 16) + 96));
  Real v = from_decimal<Real>(x);
  const Real step = ldexp(Real(1), -rel_bits);
  if (v == 0) v = Real(sign) * step;
  else v = v + Real(sign) * abs(v) * step;
  return to_decimal(v);
}

int tie_bits(SplitMix64& r, const std::vector<unsigned>& precisions) {
  return static_cast<int>(pick_precision(r, precisions)) + static_cast<int>(r.between(-8, 8));
}

struct LogitDraw {
  Strings logits;
  std::string temperature = "1";
  std::string family;
  bool all_equal = false;
  bool two_way_tie_only = false;  // exactly two logits, equal
};

std::string temperature_for(SplitMix64& r) {
  switch (r.below(4)) {
    case 0: return "1";
    case 1: return random_decimal(r, 0.05, 5, 3);
    case 2: return power_of_ten(r, -3, 3);
    default: return random_decimal(r, 0.2, 2, 8);
  }
}

LogitDraw draw_logits(SplitMix64& r, const std::vector<unsigned>& P, std::size_t max_len, bool allow_grouped) {
  LogitDraw d;
  const std::size_t L = static_cast<std::size_t>(r.between(2, static_cast<std::int64_t>(std::max<std::size_t>(2, max_len))));
  const double pick = r.unit();
  d.temperature = temperature_for(r);
  if (pick < 0.15) {
    d.family = "random";
    for (std::size_t i = 0; i < L; ++i) d.logits.push_back(random_decimal(r, -5, 5, static_cast<int>(r.between(1, 9))));
  } else if (pick < 0.42) {
    d.family = "near_tie";
    const std::string top = r.chance(0.25) ? "0" : random_decimal(r, -3, 3, static_cast<int>(r.between(1, 6)));
    d.logits.push_back(top);
    d.logits.push_back(nudged(top, tie_bits(r, P), r.chance(0.5) ? 1 : -1));
    if (r.chance(0.3) && L >= 3) d.logits.push_back(nudged(top, tie_bits(r, P), r.chance(0.5) ? 1 : -1));
    while (d.logits.size() < L) d.logits.push_back(random_decimal(r, -6, 0, 5));
  } else if (pick < 0.55 && allow_grouped) {
    d.family = "grouped";
    const std::size_t m = std::vector<std::size_t>{1, 2, 5, 50, 200}[r.below(5)];
    const std::string top = r.chance(0.5) ? "0" : random_decimal(r, -2, 2, 4);
    d.logits.push_back(top);
    d.logits.push_back(r.chance(0.3) ? top : nudged(top, r.chance(0.7) ? tie_bits(r, P) : static_cast<int>(r.between(2, 40)), -1));
    const std::string low = random_decimal(r, -12, -0.05, static_cast<int>(r.between(1, 8)));
    for (std::size_t i = 0; i < m; ++i) d.logits.push_back(low);
  } else if (pick < 0.70) {
    d.family = "underflow";
    d.temperature = r.chance(0.5) ? power_of_ten(r, -12, 12) : "1";
    const int gap_exp = static_cast<int>(r.chance(0.85) ? r.between(5, 17) : r.between(18, 20));
    const std::string top = r.chance(0.5) ? "0" : random_decimal(r, -3, 3, 3);
    d.logits.push_back(top);
    const long double T = std::strtold(d.temperature.c_str(), nullptr);
    for (std::size_t i = 1; i < std::min<std::size_t>(L, 5); ++i) {
      const long double gap = T * std::pow(10.0L, gap_exp) * (1 + 8 * r.unit());
      d.logits.push_back(fmt::format("{:.6Lg}", std::strtold(top.c_str(), nullptr) - gap));
    }
    if (r.chance(0.3)) d.logits.push_back(top);
  } else if (pick < 0.80) {
    d.family = "extreme_t";
    d.temperature = r.chance(0.5) ? power_of_ten(r, -12, 12) : fmt::format("1e{}", r.between(-12, 12));
    for (std::size_t i = 0; i < L; ++i) d.logits.push_back(random_decimal(r, -3, 3, static_cast<int>(r.between(1, 7))));
  } else if (pick < 0.85) {
    d.family = "exponent_limit";
    const bool big = r.chance(0.5);
    for (std::size_t i = 0; i < L; ++i)
      d.logits.push_back(r.chance(0.5) ? "0"
                                       : fmt::format("{}{}e{}", r.chance(0.5) ? "-" : "", r.between(1, 9),
                                                     big ? r.between(99990, 100001) : -r.between(99990, 100001)));
    if (r.chance(0.5)) d.temperature = fmt::format("1e{}", big ? r.between(99990, 100001) : -r.between(99990, 100001));
  } else if (pick < 0.95) {
    d.family = "one_hot";
    const std::string top = r.chance(0.5) ? "0" : random_decimal(r, -2, 2, 3);
    d.logits.push_back(top);
    const long double T = std::strtold(d.temperature.c_str(), nullptr);
    for (std::size_t i = 1; i < L; ++i) {
      const long double gap = T * std::pow(10.0L, 1.0L + 4.0L * static_cast<long double>(r.unit()));
      d.logits.push_back(fmt::format("{:.8Lg}", std::strtold(top.c_str(), nullptr) - gap));
    }
  } else {
    d.family = "exact_equality";
    const std::size_t n = r.chance(0.5) ? 2 : L;
    const std::string v = r.chance(0.5) ? "0" : random_decimal(r, -3, 3, 4);
    d.logits.assign(n, v);
    d.all_equal = true;
    d.two_way_tie_only = n == 2;
  }
  // Shuffle so the top logit is not always first (steering by index must not matter).
  for (std::size_t i = d.logits.size(); i > 1; --i) std::swap(d.logits[i - 1], d.logits[r.below(i)]);
  return d;
}

// ----- per statement -----

void put_logits(Json& j, const LogitDraw& d, bool with_temperature = true) {
  j["logits"] = d.logits;
  if (with_temperature) j["temperature"] = d.temperature;
}

Json f_choice(SplitMix64& r, const LogitDraw& d, bool allow_ssmax) {
  Json j;
  switch (r.below(allow_ssmax ? 7 : 6)) {
    case 0: j["temperature"] = d.temperature; break;  // F = exp by default
    case 1: j["F"] = "exp"; j["temperature"] = d.temperature; break;
    case 2: j["F"] = "softplus"; j["temperature"] = d.temperature; break;
    case 3: j["F"] = "sigmoid"; j["temperature"] = d.temperature; break;
    case 4: j["F"] = "gaussian"; j["temperature"] = d.temperature; break;
    case 5: j["F"] = "quadratic"; if (r.chance(0.7)) j["offset"] = power_of_ten(r, -6, 3); break;
    default: j["F"] = "ssmax"; j["ssmax_scale"] = random_decimal(r, 0.1, 3, 3); break;
  }
  return j;
}

GeneratedInstance lemma1(SplitMix64& r, const std::vector<unsigned>& P) {
  GeneratedInstance g;
  LogitDraw d = draw_logits(r, P, 8, false);
  if (r.chance(0.05)) d = LogitDraw{{"-800000000", "-800000000"}, r.chance(0.5) ? "1" : "1e-3", "underflow", true, true};
  Json j = f_choice(r, d, false);
  j["logits"] = d.logits;
  if (r.chance(0.3)) {  // a given explicitly: = max |l_i|, or a hair above it
    std::string amax = "0";
    long double best = -1;
    for (const auto& t : d.logits) {
      const long double v = std::fabs(std::strtold(t.c_str(), nullptr));
      if (v > best) best = v, amax = t[0] == '-' ? t.substr(1) : t;
    }
    j["a"] = r.chance(0.5) ? amax : nudged(amax == "0" ? "0" : amax, tie_bits(r, P), 1);
  }
  // All logits 0 (a = 0): alpha_i = 1/L = C1/L = C2/L exactly, for every F.
  g.exact_equality = d.all_equal && !j.contains("a") && std::strtold(d.logits[0].c_str(), nullptr) == 0 &&
                     std::all_of(d.logits.begin(), d.logits.end(), [](const std::string& t) { return t == "0"; });
  g.family = d.family;
  g.instance = j;
  return g;
}

GeneratedInstance cor1(SplitMix64& r, const std::vector<unsigned>& P) {
  GeneratedInstance g;
  Json j;
  const std::size_t dim = static_cast<std::size_t>(r.between(1, 3));
  const std::size_t L = static_cast<std::size_t>(r.between(1, 6));
  Strings q(dim);
  std::vector<Strings> keys(L, Strings(dim));
  const double pick = r.unit();
  std::string T = temperature_for(r);
  if (pick < 0.25) {
    g.family = "random";
    for (auto& x : q) x = random_decimal(r, -2, 2, 4);
    for (auto& k : keys) for (auto& x : k) x = random_decimal(r, -2, 2, 4);
  } else if (pick < 0.45) {
    g.family = "underflow";
    T = power_of_ten(r, -12, -3);
    for (auto& x : q) x = random_decimal(r, -2, 2, 3);
    for (auto& k : keys) for (auto& x : k) x = random_decimal(r, -3000, 3000, 4);
  } else if (pick < 0.65) {
    g.family = "near_tie";
    for (auto& x : q) x = random_decimal(r, -2, 2, 4);
    for (auto& x : keys[0]) x = random_decimal(r, -2, 2, 4);
    for (std::size_t i = 1; i < L; ++i)
      for (std::size_t c = 0; c < dim; ++c)
        keys[i][c] = r.chance(0.6) ? nudged(keys[0][c], tie_bits(r, P), r.chance(0.5) ? 1 : -1) : random_decimal(r, -2, 2, 4);
  } else if (pick < 0.75) {
    g.family = "extreme_t";
    T = power_of_ten(r, -12, 12);
    for (auto& x : q) x = random_decimal(r, -2, 2, 4);
    for (auto& k : keys) for (auto& x : k) x = random_decimal(r, -2, 2, 4);
  } else if (pick < 0.85) {
    g.family = "near_tie";  // a tiny query: Delta -> 0, both sides approach equality
    for (auto& x : q) x = fmt::format("{}e-{}", r.between(1, 9), static_cast<int>(tie_bits(r, P) * 0.30103));
    for (auto& k : keys) for (auto& x : k) x = random_decimal(r, -2, 2, 4);
  } else {
    g.family = "exact_equality";  // q = 0: every l_j = 0, alpha_i = 1/L = both bounds
    for (auto& x : q) x = "0";
    for (auto& k : keys) for (auto& x : k) x = random_decimal(r, -2, 2, 4);
    g.exact_equality = true;
  }
  if (r.chance(0.02)) {  // issue 13's example
    q = {"1"};
    keys = {{"2000"}, {"-500"}};
    T = "1e-6";
    g.family = "underflow";
    g.exact_equality = false;
  }
  j["query"] = q;
  j["keys"] = keys;
  j["temperature"] = T;
  g.instance = j;
  return g;
}

// Weights that sum to exactly 1: integers over 10^k; near ties and one-hot limits among them.
Strings exact_weights(SplitMix64& r, std::size_t L, const std::vector<unsigned>& P, std::string* family) {
  Strings out;
  const double pick = r.unit();
  if (pick < 0.3) {
    *family = "one_hot";
    out.assign(L, "0");
    out[r.below(L)] = "1";
    return out;
  }
  if (pick < 0.6 && L >= 2) {
    *family = "near_tie";  // 1/2, 1/2 - 10^-k, 10^-k, 0, ...: the second and third differ from a tie by 10^-k
    const int k = static_cast<int>(tie_bits(r, P) * 0.30103);
    out.push_back("0.5");
    if (L == 2) {
      out.push_back("0.5");
      return out;
    }
    out.push_back("0.4" + std::string(static_cast<std::size_t>(k - 1), '9'));
    out.push_back(fmt::format("1e-{}", k));
    while (out.size() < L) out.push_back("0");
    return out;
  }
  *family = "random";
  std::vector<std::int64_t> n(L);
  std::int64_t total = 0;
  for (auto& x : n) total += (x = r.between(0, 1000));
  if (total == 0) n[0] = total = 1;
  // weights n_i / total are not decimals in general: use 10^6 units instead.
  std::int64_t units = 1000000, used = 0;
  for (std::size_t i = 0; i < L; ++i) {
    const std::int64_t u = i + 1 == L ? units - used : n[i] * units / total;
    used += u;
    out.push_back(fmt::format("{}e-6", u));
  }
  return out;
}

std::vector<Strings> embeddings(SplitMix64& r, std::size_t L) {
  const std::size_t dim = static_cast<std::size_t>(r.between(1, 3));
  std::vector<Strings> x(L, Strings(dim));
  for (auto& row : x) for (auto& v : row) v = r.chance(0.2) ? "0" : random_decimal(r, -3, 3, 3);
  if (r.chance(0.2)) for (auto& row : x) row = x[0];  // identical embeddings: d~ = 0
  return x;
}

void weights_or_logits(SplitMix64& r, const std::vector<unsigned>& P, std::size_t max_len, Json& j,
                       GeneratedInstance& g, std::size_t* L) {
  if (r.chance(0.5)) {
    *L = static_cast<std::size_t>(r.between(1, static_cast<std::int64_t>(max_len)));
    j["weights"] = exact_weights(r, *L, P, &g.family);
  } else {
    const LogitDraw d = draw_logits(r, P, max_len, false);
    put_logits(j, d);
    *L = d.logits.size();
    g.family = d.family;
  }
}

GeneratedInstance thm1_fixed(SplitMix64& r, const std::vector<unsigned>& P) {
  GeneratedInstance g;
  Json j;
  std::size_t L = 0;
  weights_or_logits(r, P, 7, j, g, &L);
  j["x"] = embeddings(r, L);
  const std::size_t N = static_cast<std::size_t>(r.between(1, static_cast<std::int64_t>(L)));
  j["top_n"] = N;
  if (r.chance(0.3)) j["distance"] = r.chance(0.5) ? "sum_of_norms" : "norm_of_sum";
  g.instance = j;
  return g;
}

GeneratedInstance expectation(SplitMix64& r, const std::vector<unsigned>& P) {
  GeneratedInstance g;
  Json j;
  std::size_t L = 0;
  weights_or_logits(r, P, 7, j, g, &L);
  j["x"] = embeddings(r, L);
  j["top_n"] = r.between(1, static_cast<std::int64_t>(L));
  g.instance = j;
  return g;
}

GeneratedInstance thm2(SplitMix64& r, const std::vector<unsigned>& P, const std::string& variant) {
  GeneratedInstance g;
  Json j;
  std::size_t L = 0;
  weights_or_logits(r, P, 6, j, g, &L);
  j["top_n"] = r.between(1, static_cast<std::int64_t>(L));
  j["radius"] = random_decimal(r, 0.01, 3, 3);
  j["sphere_radius"] = random_decimal(r, 0.1, 3, 3);
  j["dimension"] = r.between(1, 6);
  if (variant == "xi_b" || r.chance(0.2)) j["delta"] = random_decimal(r, 0, 2, 3);
  g.instance = j;
  return g;
}

GeneratedInstance lemma2(SplitMix64& r, const std::vector<unsigned>& P) {
  GeneratedInstance g;
  const LogitDraw d = draw_logits(r, P, 7, false);
  Json j = f_choice(r, d, true);
  j["logits"] = d.logits;
  g.family = d.family;
  g.instance = j;
  return g;
}

// Tuned Corollary 3 instances: the norm within ~2^-bits of its bound (exact_reference.hpp solves for them).
bool tuned_cor3(SplitMix64& r, const std::vector<unsigned>& P, const std::string& statement, const std::string& norm,
                Json& j) {
  const std::string T = r.chance(0.6) ? "1" : random_decimal(r, 0.2, 4, 3);
  const int bits = tie_bits(r, P);
  std::optional<Strings> logits;
  if (r.chance(0.5)) {
    const std::size_t low_count = std::vector<std::size_t>{1, 3, 20, 200}[r.below(4)];
    const int hair_bits = r.chance(0.5) ? tie_bits(r, P) : static_cast<int>(r.between(4, 60));
    logits = tune_grouped_cor3(statement, norm, T, low_count, hair_bits, bits);
  } else {
    logits = tune_two_logit_cor3(statement, norm, T, bits);
  }
  if (!logits) return false;
  j["logits"] = *logits;
  j["temperature"] = T;
  return true;
}

GeneratedInstance cor3(SplitMix64& r, const std::vector<unsigned>& P, const std::string& statement,
                       const std::string& variant) {
  GeneratedInstance g;
  Json j;
  const std::string norm = variant == "max_weight" ? "spectral" : variant;
  if (r.chance(0.2) && statement == "cor3.softmax_jacobian" && tuned_cor3(r, P, statement, norm, j)) {
    g.family = "tuned";
    g.instance = j;
    return g;
  }
  const LogitDraw d = draw_logits(r, P, 8, true);
  put_logits(j, d);
  g.family = d.family;
  // Corrected forms are attained exactly at a two-way tie (L = 2); max_weight at any all-equal vector.
  if (statement == "cor3.softmax_jacobian.corrected")
    g.exact_equality = (d.two_way_tie_only) || (variant == "max_weight" && d.all_equal && d.logits.size() >= 2);
  g.instance = j;
  return g;
}

// The alternatives (alt.*, theory/alt_*.hpp, issue 18): the logit families of Corollary 3, at most 8 logits
// (sparsemax and SA-Softmax enclose dense Jacobians); temperature and s only for SSMax. Exact equalities the
// generator knows: sparsemax and SSMax spectral at a two-way tie of L = 2 (||J||_2 = 1, resp. |s| log 2/(2T)),
// SSMax vanishing at L = 2 (max p = 1/(1 + e^{-D}) for every pair).
GeneratedInstance alternatives(SplitMix64& r, const std::vector<unsigned>& P, const std::string& statement,
                               const std::string& variant) {
  GeneratedInstance g;
  Json j;
  const LogitDraw d = draw_logits(r, P, 8, true);
  const bool ssmax = statement == "alt.ssmax";
  put_logits(j, d, ssmax);
  // SA-Softmax is not shift invariant: logits of size 1e3 and beyond only scale J by |z| and cost the dense
  // enclosure many escalations (3.6 s per instance measured); the near-tie families keep their structure at
  // |z| <= 64 (the shift to the first logit keeps every difference).
  if (statement == "alt.sa_softmax") {
    const double first = std::strtod(d.logits[0].c_str(), nullptr);  // +-inf or 0 out of range: redrawn below
    if (!(std::abs(first) <= 64)) {
      Strings shifted;
      for (const auto& t : d.logits) {
        const double v = std::strtod(t.c_str(), nullptr) - first;
        shifted.push_back(std::abs(v) <= 64 ? fmt::format("{:.17g}", v) : random_decimal(r, -8, 8, 6));
      }
      j["logits"] = shifted;
    }
  }
  if (ssmax && r.chance(0.5)) j["ssmax_scale"] = random_decimal(r, 0.05, 4, 3);
  g.family = d.family;
  g.exact_equality = ((statement == "alt.sparsemax" || ssmax) && variant == "spectral" && d.two_way_tie_only) ||
                     (ssmax && variant == "vanishing" && d.logits.size() == 2);
  g.instance = j;
  return g;
}

// alt.low_temperature (theory/alt_low_temperature.hpp): the Corollary 3 logit families (L <= 8), embeddings as
// for Theorem 1, top_n in [1, L], T1 from the families' temperatures and T2 = T1 / 10^k (k in 1..4) when that is
// <= 1/10, else a power of ten in [1e-4, 1e-1] below T1 (T2 < T1 and T2 <= 1/10 always). Exact equalities the
// generator knows: none (one_over_T is attained at all-equal logits, but the interval secular root of both
// sides is not exact).
GeneratedInstance low_temperature(SplitMix64& r, const std::vector<unsigned>& P) {
  GeneratedInstance g;
  Json j;
  const LogitDraw d = draw_logits(r, P, 8, true);
  put_logits(j, d);
  const std::size_t L = d.logits.size();
  j["x"] = embeddings(r, L);
  j["top_n"] = r.between(1, static_cast<std::int64_t>(L));
  const double high = std::strtod(d.temperature.c_str(), nullptr);
  const int k = static_cast<int>(r.between(1, 4));
  if (high * std::pow(10.0, -k) <= 0.1 * (1 - 1e-12)) {
    // exactly T1 / 10^k: the decimal's exponent lowered by k
    const std::size_t e = d.temperature.find_first_of("eE");
    j["low_temperature"] = e == std::string::npos
                               ? fmt::format("{}e-{}", d.temperature, k)
                               : fmt::format("{}e{}", d.temperature.substr(0, e), std::stol(d.temperature.substr(e + 1)) - k);
  } else {
    // high > 10^(k-1) >= 1 here, so every power 10^-m with m >= 1 is < T1.
    j["low_temperature"] = fmt::format("1e-{}", r.between(1, 4));
  }
  g.family = d.family;
  g.instance = j;
  return g;
}

GeneratedInstance alg5(SplitMix64& r, const std::vector<unsigned>& P, const std::string& variant) {
  GeneratedInstance g;
  Json j;
  LogitDraw d = draw_logits(r, P, 6, false);
  const std::size_t L = d.logits.size();
  Strings dir(L, "0");
  std::string eps;
  const double pick = r.unit();
  if (pick < 0.3) {  // a tie with direction (1, -1): g -> 1/(2T) as eps -> 0, margin ~ eps^2 / T^3
    d.logits.assign(L, d.logits[0]);
    dir[0] = "1";
    dir[1] = "-1";
    const int bits = tie_bits(r, P);
    PrecisionScope scope(static_cast<unsigned>(bits + 64));
    Real e = ldexp(Real(1), -bits / 2) * from_decimal<Real>(d.temperature);
    eps = to_decimal(e);
    d.family = "near_tie";
  } else if (pick < 0.45) {
    for (auto& v : dir) v = random_decimal(r, -1, 1, 3);
    dir[0] = "1";
    eps = fmt::format("1e-{}", r.between(100, 2000));
    d.family = "extreme_epsilon";
  } else {
    for (auto& v : dir) v = random_decimal(r, -1, 1, 3);
    dir[r.below(L)] = "0.5";
    eps = power_of_ten(r, -9, 1);
  }
  if (variant == "simplex_diameter" && r.chance(0.2)) eps = power_of_ten(r, -3, 3);
  put_logits(j, d);
  j["epsilon"] = eps;
  j["direction"] = dir;
  g.family = d.family;
  g.instance = j;
  return g;
}

}  // namespace

Generator::Generator(std::vector<unsigned> precisions) : precisions_(std::move(precisions)) {
  if (precisions_.empty()) throw std::invalid_argument("Generator: no precisions");
}

GeneratedInstance Generator::generate(std::uint64_t seed, std::uint64_t index) const {
  // One independent stream per (seed, index): instance i is reproducible without generating 0..i-1.
  SplitMix64 mix(seed ^ 0x5851f42d4c957f2dULL);
  SplitMix64 r(mix.next() ^ (index * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL));
  r.next();
  // Statement weights (per mille): the Jacobian statements, where the algorithms are, get the most.
  // SA-Softmax is drawn rarely: its dense Jacobian and its reference cost about 3.6 s per instance.
  static const std::vector<std::pair<std::string, int>> weights{
      {"lemma1.vanishing", 80}, {"cor1.softmax_weights", 90}, {"thm1.fixed", 70}, {"thm1.random", 50},
      {"cor2.regimes", 50},     {"thm2.lower", 20},           {"thm2.upper", 20}, {"lemma2.jacobian", 80},
      {"cor3.softmax_jacobian", 180}, {"cor3.softmax_jacobian.corrected", 170}, {"alg5.fd_gradient", 120},
      {"alt.sparsemax", 20},    {"alt.entmax15", 20},         {"alt.ssmax", 18},  {"alt.sa_softmax", 2},
      {"alt.low_temperature", 10}};
  std::int64_t pick = static_cast<std::int64_t>(r.below(1000));
  std::string id = weights.back().first;
  for (const auto& [name, w] : weights) {
    if (pick < w) { id = name; break; }
    pick -= w;
  }
  const Statement& st = find_statement(id);
  const std::string variant = st.info.variants[r.below(st.info.variants.size())].name;
  GeneratedInstance g;
  if (id == "lemma1.vanishing") g = lemma1(r, precisions_);
  else if (id == "cor1.softmax_weights") g = cor1(r, precisions_);
  else if (id == "thm1.fixed") g = thm1_fixed(r, precisions_);
  else if (id == "thm1.random" || id == "cor2.regimes") g = expectation(r, precisions_);
  else if (id == "thm2.lower" || id == "thm2.upper") g = thm2(r, precisions_, variant);
  else if (id == "lemma2.jacobian") g = lemma2(r, precisions_);
  else if (id == "alg5.fd_gradient") g = alg5(r, precisions_, variant);
  else if (id == "alt.low_temperature") g = low_temperature(r, precisions_);
  else if (id.rfind("alt.", 0) == 0) g = alternatives(r, precisions_, id, variant);
  else g = cor3(r, precisions_, id, variant);
  if (id == "thm1.fixed" && variant == "tight") {
    // N = L with reading (a): d~ = 0 and the bound is 0 (both sums are empty): exact equality.
    const Json& j = g.instance;
    const std::size_t L = j.contains("weights") ? j["weights"].size() : j["logits"].size();
    g.exact_equality = j["top_n"].get<std::size_t>() == L &&
                       (!j.contains("distance") || j["distance"] == "sum_of_norms");
  }
  Json ordered{{"statement", id}, {"variant", variant}};
  for (auto& [k, v] : g.instance.items()) ordered[k] = v;
  g.instance = std::move(ordered);
  g.seed = seed;
  g.index = index;
  return g;
}

}  // namespace attnbound::soundness
