#include "reports/reproduce_reference_grid.hpp"

#include "theory/errors.hpp"
#include "theory/instance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace attnbound::reports::reference {

ScaleChange scale_change(const ReferenceExample& d, const std::string& to) {
  ScaleChange c;
  if (d.logit_scale == to) return c;
  if (d.sqrt_d_head.empty())
    throw InputError("logit-scale", fmt::format("{} holds {} scores and sqrt(d_head) is not known as an integer (no "
                                                "hook_v or d_head metadata, or d_head is not a perfect square): only "
                                                "--logit-scale {} can be analysed",
                                                d.name, d.logit_scale, d.logit_scale));
  const unsigned long long k = std::strtoull(d.sqrt_d_head.c_str(), nullptr, 10);
  c.identity = false;
  if (to == "raw") {  // scaled -> raw: times sqrt(d_head)
    c.factor = static_cast<double>(k);
    c.mul = k;
    return c;
  }
  // raw -> scaled: divided by sqrt(d_head), exact in decimal when it is a power of two (2^m: times 5^m / 10^m).
  if (k == 0 || (k & (k - 1)) != 0)
    throw InputError("logit-scale", fmt::format("{}: dividing by sqrt(d_head) = {} is not exact in decimal", d.name, k));
  c.factor = 1.0 / static_cast<double>(k);
  for (unsigned long long b = k; b > 1; b /= 2) c.mul *= 5, c.e10 -= 1;
  return c;
}

std::vector<double> Grid::row(const std::vector<ReferenceExample>& data, const RowKey& k) const {
  std::vector<double> l = data[k.ex].heads[k.head].values[k.row];
  for (auto& x : l) x *= sc.factor;  // exact: an integer or a power of two (see the header)
  return l;
}

std::vector<std::string> Grid::row_text(const std::vector<ReferenceExample>& data, const RowKey& k) const {
  std::vector<std::string> text = data[k.ex].heads[k.head].rows[k.row];
  if (!sc.identity)
    for (auto& t : text) t = decimal_scale(t, sc.mul, sc.e10);
  return text;
}

std::string Grid::where(const std::vector<ReferenceExample>& data, const RowKey& k, bool uses_eps) const {
  const ReferenceHead& h = data[k.ex].heads[k.head];
  std::string w = fmt::format("{} layer {} head {} row {} (n = {}), T = {}", data[k.ex].name, h.layer, h.head, k.row,
                              h.rows[k.row].size(), temps[k.ti]);
  if (uses_eps) w += ", eps = " + eps[k.ei];
  return w;
}

Grid make_grid(const std::vector<ReferenceExample>& data, const ReproduceOptions& opt) {
  if (opt.logit_scale != "raw" && opt.logit_scale != "scaled")
    throw InputError("logit-scale", "must be raw or scaled, got " + opt.logit_scale);
  if (data.empty()) throw InputError("reference", "no reference file given");
  for (const auto& ex : data)
    if (ex.source != data[0].source || ex.logit_scale != data[0].logit_scale || ex.sqrt_d_head != data[0].sqrt_d_head)
      throw InputError("reference", ex.name + ": another source, scale or d_head than " + data[0].name);
  Grid g;
  g.capture = data[0].source == "attention";
  g.logit_scale = opt.logit_scale;
  g.sc = scale_change(data[0], opt.logit_scale);
  if (opt.logit_scale == "raw" && data[0].sqrt_d_head.empty())
    throw InputError("logit-scale", data[0].name + ": raw scores need an integer sqrt(d_head) (the native T), which is "
                                    "unknown: give --logit-scale scaled");
  g.native = opt.logit_scale == "scaled" ? "1" : data[0].sqrt_d_head;
  g.temps = opt.temperatures.empty() ? default_temperatures(opt.logit_scale, g.native) : opt.temperatures;
  g.eps = opt.epsilons;
  if (g.temps.empty()) throw InputError("temperatures", "at least one temperature is needed");
  if (g.eps.empty()) throw InputError("epsilons", "at least one eps is needed (Algorithm 5)");
  for (const auto& t : g.temps)
    if (!is_decimal(t) || !(std::strtod(t.c_str(), nullptr) > 0)) throw InputError("temperatures", "must be > 0, got " + t);
  for (const auto& e : g.eps)
    if (!is_decimal(e) || !(std::strtod(e.c_str(), nullptr) > 0)) throw InputError("epsilons", "must be > 0, got " + e);
  for (const auto& t : g.temps) g.T.push_back(std::strtod(t.c_str(), nullptr));
  for (const auto& e : g.eps) g.E.push_back(std::strtod(e.c_str(), nullptr));
  const double native = std::strtod(g.native.c_str(), nullptr);
  g.native_ti = static_cast<std::size_t>(std::find(g.T.begin(), g.T.end(), native) - g.T.begin());
  g.H = data[0].heads_per_layer;
  g.layers = data[0].layers;
  for (const auto& ex : data)
    if (ex.layers != g.layers || ex.heads_per_layer != g.H)
      throw InputError("reference", ex.name + ": a different layer/head count than " + data[0].name);
  g.nheads = static_cast<std::size_t>(g.H * g.layers);
  return g;
}

}  // namespace attnbound::reports::reference
