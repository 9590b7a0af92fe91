#include "prove/branch_and_bound.hpp"

#include "counterexamples/certify.hpp"
#include "counterexamples/corpus.hpp"
#include "counterexamples/draw.hpp"
#include "counterexamples/instance_space.hpp"
#include "counterexamples/shrink.hpp"
#include "prove/cor3_ratio_enclosure.hpp"
#include "prove/lemma2_ratio_enclosure.hpp"
#include "prove/thm1_ratio_enclosure.hpp"
#include "scaleout/process_group.hpp"
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

// The domain's ratio: the corrected Corollary 3 form, the paper's (kappa times it), Lemma 2 with F = exp, or
// Theorem 1 part 1 (quantity d~ over the tight bound, proved in the form Q - target B <= 0; target_lo is the
// decimal target rounded down, so Q <= target_lo B implies Q <= target B as B >= 0 at sorted points).
struct RatioForm {
  RatioForm(const ProveDomain& d, double target_lo)
      : norm(d.thm1() ? Cor3Norm::spectral : cor3_norm_of(d.variant)), lemma2(d.lemma2()), thm1(d.thm1()),
        scale_free(d.scale_free()), kappa_hi(scale_free ? 1.0 : paper_factor_upper(d)),
        kappa_estimate(scale_free ? 1.0 : paper_factor_estimate(d)), target(target_lo),
        shape{static_cast<std::size_t>(d.length), static_cast<std::size_t>(d.dim), static_cast<std::size_t>(d.top_n)} {}
  // The certified upper end over the box, and the coordinate to bisect.
  RatioUpper upper(const Box& box) const {
    if (thm1) return thm1_fixed_ratio_upper(shape, target, box);
    RatioUpper ru = lemma2 ? lemma2_exp_ratio_upper(norm, box) : cor3_corrected_ratio_upper(norm, box);
    if (!scale_free) ru.upper = mul_up(kappa_hi, ru.upper);
    return ru;
  }
  // The upper end reported for a box left open (`upper` is upper(box).upper): thm1.fixed also searches the smallest R
  // its mean-value form proves (prove/thm1_ratio_enclosure.hpp), which only an open box needs.
  double open_upper(const Box& box, double upper) const {
    return thm1 ? std::min(upper, thm1_fixed_ratio_upper(shape, target, box, true).upper) : upper;
  }
  // The ratio at a point in plain double (uncertified: it ranks candidates).
  double estimate(const std::vector<double>& z) const {
    if (thm1) return thm1_fixed_ratio_estimate(shape, z);
    return lemma2 ? lemma2_exp_ratio_estimate(norm, z) : kappa_estimate * cor3_corrected_ratio_estimate(norm, z);
  }
  Cor3Norm norm;
  bool lemma2, thm1, scale_free;
  double kappa_hi, kappa_estimate, target;
  Thm1Shape shape;
};

// The root box: z_0 = 0, z_1..z_{L-1} in [lo, hi]; thm1.fixed: then x_{i,k} in [x_lo, x_hi], and under the rotation
// reduction (prove/prove_domain.hpp) x_{i,k} = 0 for k > i, x_{i,i} in [0, x_hi].
Box root_box(const ProveDomain& d) {
  Box root(static_cast<std::size_t>(d.length), DoubleInterval{d.lo, d.hi});
  root[0] = DoubleInterval::point(0);
  if (d.thm1()) {
    for (int i = 0; i < d.length; ++i)
      for (int k = 0; k < d.dim; ++k) {
        if (d.x_rotation() && k > i) root.push_back(DoubleInterval::point(0));
        else root.push_back({d.x_rotation() && k == i ? 0.0 : d.x_lo, d.x_hi});
      }
  }
  return root;
}

// A box of the reduced domain holds a sorted point (z_1 = 0 >= z_2 >= ... >= z_L) iff lo_j <= min_{i<j} hi_i
// for every j (then z_j = min(hi_j, z_{j-1}) is one, by induction); so it is certainly empty iff some lo_j
// exceeds a hi_i with i < j.
bool holds_sorted_point(const Box& b, std::size_t length) {
  double running_min = b[0].hi;
  for (std::size_t j = 1; j < length; ++j) {
    if (b[j].lo > running_min) return false;
    running_min = std::min(running_min, b[j].hi);
  }
  return true;
}

// A box holds a point of the reduced domain iff its logits hold a sorted point and (thm1.fixed) its x part holds a
// point of the x box's surface: the domain is the product of the two sets. Every box of the tree lies in the root
// box, so its x part touches the surface iff some coordinate reaches x_lo or x_hi (the other points of such a
// coordinate interval are inside the box; a coordinate fixed at 0 or a face x_{i,i} = 0 of the rotation reduction is not surface).
bool holds_domain_point(const ProveDomain& d, const Box& b) {
  if (!holds_sorted_point(b, static_cast<std::size_t>(d.length))) return false;
  if (!d.thm1()) return true;
  for (std::size_t k = static_cast<std::size_t>(d.length); k < b.size(); ++k)
    if (b[k].lo == d.x_lo || b[k].hi == d.x_hi) return true;
  return false;
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

nlohmann::json instance_at(const ProveDomain& d, const std::vector<double>& point) {
  nlohmann::json logits = nlohmann::json::array();
  if (d.thm1()) {  // sorted jointly, so the instance's top-N set (ties by lower index) is I_N = {0..N-1}
    const Thm1Shape shape{static_cast<std::size_t>(d.length), static_cast<std::size_t>(d.dim), static_cast<std::size_t>(d.top_n)};
    const std::vector<double> y = thm1_sorted_point(shape, point);
    nlohmann::json x = nlohmann::json::array();
    for (std::size_t i = 0; i < shape.length; ++i) {
      logits.push_back(double_text(y[i]));
      nlohmann::json row = nlohmann::json::array();
      for (std::size_t k = 0; k < shape.dim; ++k) row.push_back(double_text(y[shape.x_index(i, k)]));
      x.push_back(row);
    }
    return {{"statement", d.statement}, {"variant", d.variant}, {"logits", logits}, {"temperature", "1"},
            {"x", x}, {"top_n", d.top_n}};
  }
  const std::vector<double>& z = point;
  const double t = d.scale_free() ? 1.0 : std::stod(d.temperature);
  for (double v : z) logits.push_back(double_text(v * t));  // a decimal near l = z T; certified as given
  return {{"statement", d.statement}, {"variant", d.variant}, {"logits", logits},
          {"temperature", d.scale_free() ? std::string("1") : d.temperature}};
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
// q / b >= lo(q) / hi(b), rounded down. "" when the engine did not enclose the sides rigorously (method other than
// "interval"). An undecided verdict (certified false: q and b overlap, as where a bound is attained, Theorem 1's
// ratio 1) still has rigorous enclosures, so its lower end stands.
std::string certified_ratio_lower(const CertifiedResult& r) {
  if (r.sides.size() != 1 || r.method != "interval") return "";
  if (!is_decimal(r.sides[0].quantity.lo) || !is_decimal(r.sides[0].bound.hi)) return "";  // an unbounded enclosure
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
    found.ratio = RatioForm(d, 1).estimate(z);
    found.strategy = "prove";
    found.evaluation = so_far.boxes;
    found.certificate = search::certify_candidate(st, inst_json, d.variant);
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

namespace {

// The work of one process on part of the tree (see "Distribution" in the header): the same DFS for the top of the
// tree (nodes above kFrontierDepth, computed identically by every process) and for each frontier subtree.
struct Partial {
  std::string tree;                  // preorder; '*' marks a frontier subtree in the top part
  std::vector<double> uppers;        // per 'c' / 'o' leaf
  std::vector<std::size_t> uppers_before_frontier;  // top part: uppers emitted before each '*'
  std::uint64_t boxes = 0, closed = 0, pruned = 0, open = 0;
  int max_depth = 0;
  double open_volume = 0, sup_hi = 0;
  std::vector<OpenBox> open_boxes;
  double best_estimate = -1;
  std::vector<double> best_point;
  std::size_t best_key = 0;          // top part: frontier subtrees emitted before the best evaluation
  int refutation_attempts = 0;
  bool refuted = false, out_of_budget = false;
  std::string stopped_by;
  std::size_t refuted_key = 0;       // top part: frontier subtrees emitted before the refuting node
  std::vector<double> refuted_at;
  nlohmann::json counterexample;
  std::string ratio_lower;
};

nlohmann::json box_json(const Box& b) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& x : b) j.push_back({x.lo, x.hi});
  return j;
}
Box box_of(const nlohmann::json& j) {
  Box b;
  for (const auto& x : j) b.push_back({x[0].get<double>(), x[1].get<double>()});
  return b;
}

// Leaf upper ends may be +inf (thm1.fixed, no finite end): JSON has no inf, so they travel as null.
nlohmann::json doubles_json(const std::vector<double>& v) {
  nlohmann::json j = nlohmann::json::array();
  for (double x : v) j.push_back(std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr));
  return j;
}
std::vector<double> doubles_of(const nlohmann::json& j) {
  std::vector<double> v;
  for (const auto& x : j) v.push_back(x.is_null() ? std::numeric_limits<double>::infinity() : x.get<double>());
  return v;
}
double double_of(const nlohmann::json& x) { return x.is_null() ? std::numeric_limits<double>::infinity() : x.get<double>(); }
nlohmann::json double_json(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

nlohmann::json to_wire(const Partial& p) {
  nlohmann::json open = nlohmann::json::array();
  for (const auto& b : p.open_boxes) open.push_back({{"box", box_json(b.box)}, {"upper", double_json(b.upper)}, {"depth", b.depth}});
  return {{"tree", p.tree}, {"uppers", doubles_json(p.uppers)}, {"boxes", p.boxes}, {"closed", p.closed}, {"pruned", p.pruned},
          {"open", p.open}, {"max_depth", p.max_depth}, {"open_volume", p.open_volume}, {"sup_hi", double_json(p.sup_hi)},
          {"open_boxes", open}, {"best_estimate", p.best_estimate}, {"best_point", p.best_point},
          {"refutation_attempts", p.refutation_attempts}, {"refuted", p.refuted}, {"out_of_budget", p.out_of_budget},
          {"stopped_by", p.stopped_by}, {"refuted_at", p.refuted_at}, {"counterexample", p.counterexample},
          {"ratio_lower", p.ratio_lower}};
}
Partial from_wire(const nlohmann::json& j) {
  Partial p;
  p.tree = j["tree"];
  p.uppers = doubles_of(j["uppers"]);
  p.boxes = j["boxes"];
  p.closed = j["closed"];
  p.pruned = j["pruned"];
  p.open = j["open"];
  p.max_depth = j["max_depth"];
  p.open_volume = j["open_volume"];
  p.sup_hi = double_of(j["sup_hi"]);
  for (const auto& b : j["open_boxes"]) p.open_boxes.push_back({box_of(b["box"]), double_of(b["upper"]), b["depth"].get<int>()});
  p.best_estimate = j["best_estimate"];
  p.best_point = j["best_point"].get<std::vector<double>>();
  p.refutation_attempts = j["refutation_attempts"];
  p.refuted = j["refuted"];
  p.out_of_budget = j["out_of_budget"];
  p.stopped_by = j["stopped_by"];
  p.refuted_at = j["refuted_at"].get<std::vector<double>>();
  p.counterexample = j["counterexample"];
  p.ratio_lower = j["ratio_lower"];
  return p;
}

struct Node {
  Box box;
  int depth;
};

class Explorer {
 public:
  Explorer(const ProveDomain& d, const ProveOptions& o, std::uint64_t max_boxes, Clock::time_point t0)
      : d_(d), o_(o), target_lo_(decimal_down(o.target_ratio)), form_(d, target_lo_), max_boxes_(max_boxes), t0_(t0) {
    // U <= target_lo implies U <= target
    if (!(target_lo_ > 0)) throw InputError("target-ratio", "must be > 0");
  }

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - t0_).count(); }
  void set_poll(std::function<void()> poll) { poll_ = std::move(poll); }
  std::uint64_t boxes() const { return boxes_; }

  // DFS from `root` into `out`; with frontier_depth >= 0, a child at that depth is not explored but appended to
  // *frontier and marked '*' in the tree (the top part). Stops at a refutation (out.refuted).
  void explore(Node root, Partial& out, int frontier_depth = -1, std::vector<Node>* frontier = nullptr) {
    std::vector<Node> stack{std::move(root)};
    while (!stack.empty()) {
      Node node = std::move(stack.back());
      stack.pop_back();
      if (frontier_depth >= 0 && node.depth == frontier_depth) {
        out.tree.push_back('*');
        out.uppers_before_frontier.push_back(out.uppers.size());
        frontier->push_back(std::move(node));
        continue;
      }
      if (!holds_domain_point(d_, node.box)) {
        out.tree.push_back('p');
        ++out.pruned;
        continue;
      }
      const RatioUpper ru = form_.upper(node.box);
      const double upper = ru.upper;
      if (out_of_budget_) {
        leave_open(out, node.box, upper, node.depth);
        continue;
      }
      ++out.boxes;
      ++boxes_;
      out.max_depth = std::max(out.max_depth, node.depth);
      if (upper <= target_lo_) {
        out.tree.push_back('c');
        out.uppers.push_back(upper);
        ++out.closed;
        out.sup_hi = std::max(out.sup_hi, upper);
      } else {
        const std::vector<double> c = box_centre(node.box);
        const double estimate = form_.estimate(c);
        if (estimate > out.best_estimate) {
          out.best_estimate = estimate;
          out.best_point = c;
          out.best_key = out.uppers_before_frontier.size();
        }
        if (estimate > 1 + 0x1p-40 && out.refutation_attempts < kMaxRefutationAttempts) {
          ++out.refutation_attempts;
          Refutation ref = try_refute(d_, ProveOptions{}, c, {}, elapsed());
          if (ref.refuted) {
            out.refuted = true;
            out.refuted_key = out.uppers_before_frontier.size();
            out.refuted_at = c;
            out.counterexample = std::move(ref.counterexample);
            out.ratio_lower = ref.ratio_lower;
            return;
          }
        }
        const std::size_t k = ru.split;
        const double mid = c[k];
        if (node.depth >= o_.max_depth || !worth_splitting(node.box[k])) {
          leave_open(out, node.box, upper, node.depth);
        } else {
          out.tree.push_back(static_cast<char>('A' + (k - 1)));
          Box left = node.box, right = node.box;
          left[k].hi = mid;
          right[k].lo = mid;
          stack.push_back({std::move(right), node.depth + 1});
          stack.push_back({std::move(left), node.depth + 1});
        }
      }
      check_budget(out);
    }
  }

 private:
  void leave_open(Partial& out, const Box& box, double box_upper, int depth) {
    const double upper = form_.open_upper(box, box_upper);
    out.tree.push_back('o');
    out.uppers.push_back(upper);
    ++out.open;
    out.open_volume += volume_of(box);
    out.sup_hi = std::max(out.sup_hi, upper);
    if (out.open_boxes.size() < kListedOpenBoxes) out.open_boxes.push_back({box, upper, depth});
  }
  void check_budget(Partial& out) {
    if (poll_ && (boxes_ & 0x3ff) == 0) poll_();
    if (out_of_budget_) return;
    if (max_boxes_ && boxes_ >= max_boxes_) {
      out_of_budget_ = true;
      stopped_by_ = "boxes";
    } else if ((boxes_ & 0xfff) == 0 && elapsed() >= o_.budget_seconds) {
      out_of_budget_ = true;
      stopped_by_ = "seconds";
    }
    if (out_of_budget_) {
      out.out_of_budget = true;
      out.stopped_by = stopped_by_;
    }
  }

  const ProveDomain& d_;
  const ProveOptions& o_;
  double target_lo_ = 1;
  RatioForm form_;
  std::uint64_t max_boxes_;
  Clock::time_point t0_;
  std::uint64_t boxes_ = 0;
  bool out_of_budget_ = false;
  std::string stopped_by_;
  std::function<void()> poll_;
};

}  // namespace

ProveResult prove(const ProveDomain& d, const ProveOptions& o, const ProveProgress& progress) {
  const scaleout::ProcessGroup& group = scaleout::ProcessGroup::world();
  const auto t0 = Clock::now();
  const auto K = static_cast<std::uint64_t>(group.size());
  Explorer explorer(d, o, o.max_boxes ? (o.max_boxes + K - 1) / K : 0, t0);

  const Box root = root_box(d);
  // The top of the tree, identical on every process; its frontier subtrees come from a shared counter below.
  Partial top;
  std::vector<Node> frontier;
  explorer.explore({root, 0}, top, d.thm1() ? kThm1FrontierDepth : kFrontierDepth, &frontier);
  std::vector<Partial> mine;  // (subtree index) -> result, for the subtrees of this process
  std::vector<std::size_t> mine_index;
  {
    // A refutation in the top part comes after the subtrees emitted before it: those are still explored.
    // Subtrees are taken from a shared counter (dynamic balance: their costs differ by orders of magnitude);
    // the counter only grows, so each process takes its subtrees in index order.
    const std::size_t explored = top.refuted ? top.refuted_key : frontier.size();
    scaleout::SharedCounter counter(group);
    explorer.set_poll([&counter] { counter.poll(); });
    for (std::size_t i = static_cast<std::size_t>(counter.next()); i < explored; i = static_cast<std::size_t>(counter.next())) {
      Partial p;
      explorer.explore(frontier[i], p);
      const bool refuted = p.refuted;
      mine.push_back(std::move(p));
      mine_index.push_back(i);
      if (progress && group.is_root()) {
        ProveResult so_far;
        so_far.boxes = explorer.boxes();
        so_far.seconds = explorer.elapsed();
        if (mine.size() % 64 == 0) progress(so_far);
      }
      if (refuted) break;  // later subtrees come later in preorder: the first refutation is decided below
    }
    explorer.set_poll({});
  }
  nlohmann::json wire = nlohmann::json::array();
  for (std::size_t j = 0; j < mine.size(); ++j) wire.push_back({{"index", mine_index[j]}, {"partial", to_wire(mine[j])}});
  const std::vector<std::string> gathered = group.gather_to_root(wire.dump());
  ProveResult r;
  r.domain_volume = volume_of(root);
  if (!group.is_root()) {
    r.status = "worker";  // only rank 0 assembles and reports
    return r;
  }
  std::vector<Partial> sub(frontier.size());
  std::vector<bool> have(frontier.size(), false);
  for (const std::string& text : gathered) {
    std::uint64_t explored = 0;
    for (const auto& item : nlohmann::json::parse(text)) {
      const std::size_t i = item["index"];
      sub.at(i) = from_wire(item["partial"]);
      have.at(i) = true;
      explored += sub[i].boxes;
    }
    r.boxes_per_process.push_back(explored);
  }

  // Splice in preorder: the top's characters, each '*' replaced by its subtree.
  std::optional<std::size_t> refuted_subtree;
  for (std::size_t i = 0; i < frontier.size(); ++i)
    if (have[i] && sub[i].refuted) {
      refuted_subtree = i;  // every subtree before it was explored in full (each process goes in index order)
      break;
    }
  const bool top_refutes_first = top.refuted && (!refuted_subtree || top.refuted_key <= *refuted_subtree);
  if (top_refutes_first || refuted_subtree) {
    const Partial& winner = top_refutes_first ? top : sub[*refuted_subtree];
    r.status = "refuted";
    r.stopped_by = "counterexample";
    r.counterexample = winner.counterexample;
    r.sup_lo = winner.ratio_lower;
    r.sup_lo_instance = r.counterexample.at("instance");
    r.sup_hi = std::numeric_limits<double>::infinity();
    r.boxes = top.boxes;
    r.refutation_attempts = top.refutation_attempts;
    for (std::size_t i = 0; i < frontier.size(); ++i)
      if (have[i]) r.boxes += sub[i].boxes, r.refutation_attempts += sub[i].refutation_attempts;
    if (!o.corpus_dir.empty()) {  // written once, by rank 0
      const Refutation again = try_refute(d, o, winner.refuted_at, r, explorer.elapsed());
      if (again.refuted) r.counterexample["corpus_file"] = again.counterexample.value("corpus_file", "");
    }
    r.seconds = explorer.elapsed();
    return r;
  }
  r.sup_hi = 0;  // the largest leaf upper end, absorbed below
  std::size_t upper_pos = 0, sub_i = 0;
  auto absorb_counts = [&r](const Partial& p) {
    r.boxes += p.boxes;
    r.closed += p.closed;
    r.pruned += p.pruned;
    r.open += p.open;
    r.max_depth = std::max(r.max_depth, p.max_depth);
    r.sup_hi = std::max(r.sup_hi, p.sup_hi);
    r.refutation_attempts += p.refutation_attempts;
  };
  absorb_counts(top);
  double best_estimate = -1;
  std::vector<double> best_point;
  auto consider_best = [&](const Partial& p) {
    if (p.best_estimate > best_estimate) best_estimate = p.best_estimate, best_point = p.best_point;
  };
  bool top_best_taken = false;
  std::string stopped_by = top.stopped_by;
  for (char ch : top.tree) {
    if (ch != '*') {
      r.tree.push_back(ch);
      if (ch == 'c' || ch == 'o') r.leaf_upper.push_back(top.uppers[upper_pos++]);
      continue;
    }
    if (!top_best_taken && top.best_key <= sub_i) consider_best(top), top_best_taken = true;
    const Partial& p = sub[sub_i];
    r.tree += p.tree;
    r.leaf_upper.insert(r.leaf_upper.end(), p.uppers.begin(), p.uppers.end());
    absorb_counts(p);
    consider_best(p);
    r.open_volume += p.open_volume;
    for (const auto& b : p.open_boxes)
      if (r.open_boxes.size() < kListedOpenBoxes) r.open_boxes.push_back(b);
    if (stopped_by.empty()) stopped_by = p.stopped_by;
    ++sub_i;
  }
  if (!top_best_taken) consider_best(top);
  // The top's open leaves (the budget ran out in the top part, or unsplittable boxes there), listed after.
  r.open_volume += top.open_volume;
  for (const auto& b : top.open_boxes)
    if (r.open_boxes.size() < kListedOpenBoxes) r.open_boxes.push_back(b);
  if (r.open == 0) {
    r.status = "proved";
    r.stopped_by = "closed";
  } else {
    r.status = "incomplete";
    r.stopped_by = stopped_by.empty() ? "unsplittable" : stopped_by;
  }
  if (!best_point.empty()) {
    const nlohmann::json inst_json = instance_at(d, best_point);
    r.sup_lo = certified_ratio_lower(certify(Instance::from_json(inst_json)));
    if (!r.sup_lo.empty()) r.sup_lo_instance = inst_json;
  }
  r.seconds = explorer.elapsed();
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
    open_list.push_back({{"box", coords}, {"upper", std::isfinite(b.upper) ? nlohmann::json(double_text(b.upper)) : nlohmann::json(nullptr)},
                         {"depth", b.depth}});
  }
  double open_upper = 0;
  for (std::size_t i = 0, leaf = 0; i < r.tree.size(); ++i) {
    if (r.tree[i] == 'c' || r.tree[i] == 'o') {
      if (r.tree[i] == 'o') open_upper = std::max(open_upper, r.leaf_upper[leaf]);
      ++leaf;
    }
  }
  j["open"] = {{"count", r.open}, {"volume", r.open_volume}, {"domain_volume", r.domain_volume},
               {"largest_upper", r.open && std::isfinite(open_upper) ? nlohmann::json(double_text(open_upper)) : nlohmann::json(nullptr)},
               {"first_boxes", open_list}};
  j["max_depth"] = r.max_depth;
  j["seconds"] = r.seconds;
  j["refutation_attempts"] = r.refutation_attempts;
  if (!r.counterexample.is_null()) j["counterexample"] = r.counterexample;
  j["precision"] = "boxes: double intervals with outward rounding (each step directed, exp widened by 2 ulps); "
                   "counterexample and sup_ratio.lo: MPFI (verify/certify)";
  j["certified"] = true;  // every number above is certified (sup_ratio.hi also when incomplete: open boxes are enclosed too)
  if (d.thm1())
    j["note"] = "thm1.fixed is proved in the form d~ - R bound <= 0 with R = target_ratio (rounded down to a double), box "
                "by box: Q and the bound vanish together (x = 0; N = 1 with uniform weights and equal rows), where the "
                "quotient has no finite enclosure. So sup_ratio.hi is the target when proved (the smallest target proven "
                "is the sup ratio upper end: rerun with smaller targets to tighten it), and otherwise the largest of the "
                "target and the open boxes' hi(Q)/lo(bound) (null: some open box has no finite end). The bound is "
                "attained (ratio exactly 1, e.g. L = 2, d = 1, x_0 > 0 > x_1), so no target <= 1 can be proved.";
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
                   {"temperature", d.scale_free() ? std::string("1") : d.temperature}, {"reductions", d.reductions()},
                   {"target_ratio", o.target_ratio}, {"status", r.status}};
  if (d.thm1()) {
    j["dim"] = d.dim;
    j["top_n"] = d.top_n;
    j["x"] = {{"lo", d.x_lo_text}, {"hi", d.x_hi_text}};
  }
  j["sup_ratio"] = {{"lo", r.sup_lo.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.sup_lo)},
                    {"hi", std::isfinite(r.sup_hi) ? nlohmann::json(double_text(r.sup_hi)) : nlohmann::json(nullptr)}};
  j["tree"] = r.tree;
  nlohmann::json uppers = nlohmann::json::array();
  for (double u : r.leaf_upper) uppers.push_back(double_json(u));
  j["leaf_upper"] = uppers;
  if (!r.counterexample.is_null()) j["counterexample"] = r.counterexample;
  return j;
}

}  // namespace attnbound::prove
