#include "prove/branch_and_bound.hpp"

#include "counterexamples/certify.hpp"
#include "counterexamples/corpus.hpp"
#include "counterexamples/draw.hpp"
#include "counterexamples/instance_space.hpp"
#include "counterexamples/shrink.hpp"
#include "prove/cor3_ratio_enclosure.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"
#include "theory/scalar.hpp"
#include "theory/statement.hpp"
#include "verify/certificate.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

namespace attnbound::prove {

namespace {

using Box = std::vector<DoubleInterval>;
using Clock = std::chrono::steady_clock;

// Lower end (as a double, rounded down) of a positive decimal.
double decimal_down(const std::string& text) {
  PrecisionScope scope(256);
  return round_down(lower_of(from_decimal<Interval>(text)));
}

// kappa_hi >= 1 / (c min{1/4, sqrt 2 T}) with c = 2 (spectral, frobenius: ||A|| = ratio_corrected / 2) or
// 2 sqrt 2 (per_weight: ||A e_i|| = ratio_corrected / (2 sqrt 2)), so ratio_paper <= kappa_hi ratio_corrected.
// Every factor of the denominator is rounded down, the quotient up.
double paper_factor_upper(const ProveDomain& d) {
  const double t_lo = decimal_down(d.temperature);
  const double m_lo = std::min(0.25, mul_down(sqrt_down(2), t_lo));
  const double c_lo = d.variant == "per_weight" ? mul_down(2, sqrt_down(2)) : 2.0;
  return div_up(1, mul_down(c_lo, m_lo));
}
double paper_factor_estimate(const ProveDomain& d) {
  const double t = std::stod(d.temperature);
  const double m = std::min(0.25, std::sqrt(2.0) * t);
  return 1 / ((d.variant == "per_weight" ? 2 * std::sqrt(2.0) : 2.0) * m);
}

// A box of the reduced domain holds a sorted point (z_1 = 0 >= z_2 >= ... >= z_L) iff lo_j <= min_{i<j} hi_i
// for every j (then z_j = min(hi_j, z_{j-1}) is one, by induction); so it is certainly empty iff some lo_j
// exceeds a hi_i with i < j.
bool holds_sorted_point(const Box& b) {
  double running_min = b[0].hi;
  for (std::size_t j = 1; j < b.size(); ++j) {
    if (b[j].lo > running_min) return false;
    running_min = std::min(running_min, b[j].hi);
  }
  return true;
}

// A coordinate narrower than 2^-36 relative (about 1.5e-11) is not split further: below that the rounding of
// the enclosures (relative 2^-52 per step) rather than the width decides, and bisecting on would multiply
// leaves without closing them. The box stays open.
bool worth_splitting(const DoubleInterval& x) {
  const double scale = std::max({1.0, std::fabs(x.lo), std::fabs(x.hi)});
  return x.hi - x.lo > 0x1p-36 * scale;
}

double volume_of(const Box& b) {
  double v = 1;
  for (std::size_t k = 1; k < b.size(); ++k) v *= b[k].hi - b[k].lo;
  return v;
}

std::vector<double> centre_of(const Box& b) {
  std::vector<double> c;
  for (const auto& x : b) c.push_back(std::clamp(0.5 * x.lo + 0.5 * x.hi, x.lo, x.hi));
  return c;
}

nlohmann::json instance_at(const ProveDomain& d, const std::vector<double>& z) {
  nlohmann::json logits = nlohmann::json::array();
  const double t = d.corrected() ? 1.0 : std::stod(d.temperature);
  for (double v : z) logits.push_back(double_text(v * t));  // a decimal near l = z T; certified as given
  return {{"statement", d.statement}, {"variant", d.variant}, {"logits", logits},
          {"temperature", d.corrected() ? std::string("1") : d.temperature}};
}

// A positive decimal cut to `digits` significant digits: truncation moves a positive number down, so a lower
// end stays a lower end. Accepts the mantissa-exponent text of to_decimal_down ("d.ddd...e-1" or "ddd").
std::string truncated_decimal(const std::string& text, std::size_t digits) {
  const auto e = text.find_first_of("eE");
  const std::string mantissa = text.substr(0, e), exponent = e == std::string::npos ? "" : text.substr(e);
  std::string out;
  std::size_t significant = 0;
  bool leading = true;
  for (char ch : mantissa) {
    if (ch == '.' || ch == '-' || ch == '+') {
      out.push_back(ch);
      continue;
    }
    if (ch != '0') leading = false;
    if (!leading && significant == digits) {
      if (mantissa.find('.') != std::string::npos && out.find('.') != std::string::npos) break;
      out.push_back('0');  // an integer part keeps its magnitude
      continue;
    }
    out.push_back(ch);
    if (!leading) ++significant;
  }
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out + exponent;
}

// Certified lower end of the ratio q / b of the instance's one side: q >= lo(q) >= 0 and 0 < b <= hi(b), so
// q / b >= lo(q) / hi(b), rounded down. "" when the engine did not certify a finite enclosure.
std::string certified_ratio_lower(const CertifiedResult& r) {
  if (r.sides.size() != 1 || !r.certified) return "";
  PrecisionScope scope(256);
  const Interval q = from_decimal<Interval>(r.sides[0].quantity.lo);
  const Interval b = from_decimal<Interval>(r.sides[0].bound.hi);
  if (!(lower_of(b) > 0)) return "";
  return truncated_decimal(to_decimal_down(lower_of(Interval(q / b))), 17);
}

struct Refutation {
  bool refuted = false;
  nlohmann::json counterexample;
  std::string ratio_lower;
};

Refutation try_refute(const ProveDomain& d, const ProveOptions& o, const std::vector<double>& z, const ProveResult& so_far,
                      double started_seconds) {
  Refutation out;
  const nlohmann::json inst_json = instance_at(d, z);
  const CertifiedResult first = certify(Instance::from_json(inst_json));
  if (!(first.certified && first.verdict == Verdict::violated)) return out;
  const Statement& st = find_statement(d.statement);
  const search::InstanceSpace* space = search::find_instance_space(d.statement);
  nlohmann::json shrunk_instance = inst_json;
  int steps = 0;
  std::optional<search::ShrinkResult> shrunk;
  const auto t0 = Clock::now();
  if (space) {
    shrunk = search::shrink_violation(st, *space, d.variant, inst_json);
    if (shrunk->certificate.violated()) {
      shrunk_instance = shrunk->instance;
      steps = shrunk->steps;
    }
  }
  const double shrink_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const Instance inst = Instance::from_json(shrunk_instance);
  const CertifiedResult final_result = certify(inst);
  if (!(final_result.certified && final_result.verdict == Verdict::violated)) return out;  // cannot happen: shrink keeps violations
  out.refuted = true;
  out.ratio_lower = certified_ratio_lower(final_result);
  out.counterexample = {{"instance", shrunk_instance},
                        {"found_at", inst_json},
                        {"shrink_steps", steps},
                        {"certificate", make_certificate(inst, final_result)}};
  if (!o.corpus_dir.empty() && space) {
    search::SearchConfig config;
    config.statement = d.statement;
    config.variant = d.variant;
    config.strategy = "prove";
    config.seed = 0;
    config.budget_seconds = o.budget_seconds;
    config.max_evaluations = so_far.boxes;
    search::Found found;
    found.instance = inst_json;
    found.ratio = cor3_corrected_ratio_estimate(cor3_norm_of(d.variant), z);
    found.strategy = "prove";
    found.evaluation = so_far.boxes;
    found.certificate = search::certify(st, inst_json, d.variant);
    search::SearchResult result;
    result.best = found;
    result.violation = found;
    result.evaluations = so_far.boxes;
    result.certifications = static_cast<std::uint64_t>(so_far.refutation_attempts + 1);
    result.seconds = started_seconds;
    result.stopped_by = "violation";
    const auto entry = search::make_corpus_entry(config, result, found, *space, shrunk, shrink_seconds);
    out.counterexample["corpus_file"] = search::write_corpus_entry(o.corpus_dir, entry).string();
  }
  return out;
}

}  // namespace

std::string double_text(double v) { return search::shortest_decimal(v); }

ProveResult prove(const ProveDomain& d, const ProveOptions& o, const ProveProgress& progress) {
  const Cor3Norm norm = cor3_norm_of(d.variant);
  const double kappa_hi = d.corrected() ? 1.0 : paper_factor_upper(d);
  const double kappa_estimate = d.corrected() ? 1.0 : paper_factor_estimate(d);
  const double target_lo = decimal_down(o.target_ratio);  // U <= target_lo implies U <= target
  if (!(target_lo > 0)) throw InputError("target-ratio", "must be > 0");
  const auto t0 = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };

  ProveResult r;
  Box root(static_cast<std::size_t>(d.length), DoubleInterval{d.lo, d.hi});
  root[0] = DoubleInterval::point(0);
  r.domain_volume = volume_of(root);
  r.sup_hi = 0;
  double best_estimate = -1;
  std::vector<double> best_point;
  bool out_of_budget = false;
  struct Node {
    Box box;
    int depth;
  };
  std::vector<Node> stack{{root, 0}};
  auto leave_open = [&](const Box& box, double upper, int depth) {
    r.tree.push_back('o');
    r.leaf_upper.push_back(upper);
    ++r.open;
    r.open_volume += volume_of(box);
    r.sup_hi = std::max(r.sup_hi, upper);
    if (r.open_boxes.size() < kListedOpenBoxes) r.open_boxes.push_back({box, upper, depth});
  };
  while (!stack.empty()) {
    Node node = std::move(stack.back());
    stack.pop_back();
    if (!holds_sorted_point(node.box)) {
      r.tree.push_back('p');
      ++r.pruned;
      continue;
    }
    const RatioUpper ru = cor3_corrected_ratio_upper(norm, node.box);
    const double upper = d.corrected() ? ru.upper : mul_up(kappa_hi, ru.upper);
    if (out_of_budget) {
      leave_open(node.box, upper, node.depth);
      continue;
    }
    ++r.boxes;
    r.max_depth = std::max(r.max_depth, node.depth);
    if (upper <= target_lo) {
      r.tree.push_back('c');
      r.leaf_upper.push_back(upper);
      ++r.closed;
      r.sup_hi = std::max(r.sup_hi, upper);
    } else {
      const std::vector<double> c = centre_of(node.box);
      const double estimate = kappa_estimate * cor3_corrected_ratio_estimate(norm, c);
      if (estimate > best_estimate) best_estimate = estimate, best_point = c;
      if (estimate > 1 + 0x1p-40 && r.refutation_attempts < kMaxRefutationAttempts) {
        ++r.refutation_attempts;
        Refutation ref = try_refute(d, o, c, r, elapsed());
        if (ref.refuted) {
          r.status = "refuted";
          r.stopped_by = "counterexample";
          r.counterexample = std::move(ref.counterexample);
          r.sup_lo = ref.ratio_lower;
          r.sup_lo_instance = r.counterexample.at("instance");
          r.sup_hi = std::numeric_limits<double>::infinity();
          r.tree.clear();
          r.leaf_upper.clear();
          r.seconds = elapsed();
          return r;
        }
      }
      const std::size_t k = ru.split;
      const double mid = c[k];
      if (node.depth >= o.max_depth || !worth_splitting(node.box[k])) {
        leave_open(node.box, upper, node.depth);
      } else {
        r.tree.push_back(static_cast<char>('A' + (k - 1)));
        Box left = node.box, right = node.box;
        left[k].hi = mid;
        right[k].lo = mid;
        stack.push_back({std::move(right), node.depth + 1});
        stack.push_back({std::move(left), node.depth + 1});
      }
    }
    if ((r.boxes & 0xfff) == 0) {
      const double s = elapsed();
      if ((o.max_boxes && r.boxes >= o.max_boxes) || s >= o.budget_seconds) {
        out_of_budget = true;
        r.stopped_by = (o.max_boxes && r.boxes >= o.max_boxes) ? "boxes" : "seconds";
      }
      if (progress && (r.boxes & 0xfffff) == 0) {
        r.seconds = s;
        progress(r);
      }
    } else if (o.max_boxes && r.boxes >= o.max_boxes) {
      out_of_budget = true;
      r.stopped_by = "boxes";
    }
  }
  if (r.open == 0) {
    r.status = "proved";
    r.stopped_by = "closed";
  } else {
    r.status = "incomplete";
    if (r.stopped_by.empty()) r.stopped_by = "unsplittable";
  }
  if (!best_point.empty()) {
    const nlohmann::json inst_json = instance_at(d, best_point);
    r.sup_lo = certified_ratio_lower(certify(Instance::from_json(inst_json)));
    if (!r.sup_lo.empty()) r.sup_lo_instance = inst_json;
  }
  r.seconds = elapsed();
  return r;
}

nlohmann::json to_json(const ProveResult& r, const ProveDomain& d, const ProveOptions& o) {
  nlohmann::json j{{"statement", d.statement}, {"variant", d.variant}, {"domain", d.to_json()},
                   {"reductions", d.reductions()}, {"target_ratio", o.target_ratio}, {"status", r.status},
                   {"stopped_by", r.stopped_by}};
  j["sup_ratio"] = {{"lo", r.sup_lo.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.sup_lo)},
                    {"hi", std::isfinite(r.sup_hi) ? nlohmann::json(double_text(r.sup_hi)) : nlohmann::json(nullptr)},
                    {"lo_instance", r.sup_lo_instance},
                    {"certified", true},
                    {"meaning", "lo: the engine's certified lower end of the ratio at the best point seen (MPFI); hi: the "
                                "largest certified upper end over the leaves (double intervals, outward rounding); null "
                                "when not bounded (refuted)"}};
  j["boxes"] = r.boxes;
  j["boxes_per_second"] = r.seconds > 0 ? static_cast<double>(r.boxes) / r.seconds : 0.0;
  j["closed"] = r.closed;
  j["pruned"] = r.pruned;
  nlohmann::json open_list = nlohmann::json::array();
  for (const auto& b : r.open_boxes) {
    nlohmann::json coords = nlohmann::json::array();
    for (const auto& x : b.box) coords.push_back({double_text(x.lo), double_text(x.hi)});
    open_list.push_back({{"box", coords}, {"upper", double_text(b.upper)}, {"depth", b.depth}});
  }
  double open_upper = 0;
  for (std::size_t i = 0, leaf = 0; i < r.tree.size(); ++i) {
    if (r.tree[i] == 'c' || r.tree[i] == 'o') {
      if (r.tree[i] == 'o') open_upper = std::max(open_upper, r.leaf_upper[leaf]);
      ++leaf;
    }
  }
  j["open"] = {{"count", r.open}, {"volume", r.open_volume}, {"domain_volume", r.domain_volume},
               {"largest_upper", r.open ? nlohmann::json(double_text(open_upper)) : nlohmann::json(nullptr)},
               {"first_boxes", open_list}};
  j["max_depth"] = r.max_depth;
  j["seconds"] = r.seconds;
  j["refutation_attempts"] = r.refutation_attempts;
  if (!r.counterexample.is_null()) j["counterexample"] = r.counterexample;
  j["precision"] = "boxes: double intervals with outward rounding (each step directed, exp widened by 2 ulps); "
                   "counterexample and sup_ratio.lo: MPFI (verify/certify)";
  j["certified"] = true;  // every number above is certified (sup_ratio.hi also when incomplete: open boxes are enclosed too)
  if (r.status == "incomplete" && d.corrected() && std::isfinite(r.sup_hi) && r.sup_hi <= 1 + 1e-9)
    j["note"] = "every box is within " + double_text(r.sup_hi) + " of the bound: the corrected Corollary 3 ratio attains 1 "
                "exactly at a two-way tie (p = (1/2, 1/2, 0, ...) at L = 2, approached for L > 2), and no enclosure of a "
                "box that holds or approaches the attainment point can be below 1; a target such as 1.000000001 is "
                "proved, 'proved' at exactly 1 needs a local argument near the attainment set, which prove does not make";
  return j;
}

nlohmann::json make_prove_certificate(const ProveResult& r, const ProveDomain& d, const ProveOptions& o) {
  nlohmann::json j{{"format", "attnbound-prove-certificate"}, {"version", 1}, {"statement", d.statement},
                   {"variant", d.variant}, {"length", d.length}, {"logits", {{"lo", d.logits_lo}, {"hi", d.logits_hi}}},
                   {"temperature", d.corrected() ? std::string("1") : d.temperature}, {"reductions", d.reductions()},
                   {"target_ratio", o.target_ratio}, {"status", r.status}};
  j["sup_ratio"] = {{"lo", r.sup_lo.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.sup_lo)},
                    {"hi", std::isfinite(r.sup_hi) ? nlohmann::json(double_text(r.sup_hi)) : nlohmann::json(nullptr)}};
  j["tree"] = r.tree;
  nlohmann::json uppers = nlohmann::json::array();
  for (double u : r.leaf_upper) uppers.push_back(u);
  j["leaf_upper"] = uppers;
  if (!r.counterexample.is_null()) j["counterexample"] = r.counterexample;
  return j;
}

}  // namespace attnbound::prove
