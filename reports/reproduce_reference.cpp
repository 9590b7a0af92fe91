// The driver of `reproduce --reference`: options and the grid, the double-precision pass over every row,
// the certified sample, Theorem 1 where the data has values, then each analysis's tables, figures and claims
// (one file per algorithm: reproduce_reference_{checks,sweep,certify,thm1,alg5,cor1,cor3,tightness}.cpp)
// and the aggregation into one ReferenceResult. See reproduce_reference.hpp for what is computed.
#include "reports/reproduce_reference.hpp"

#include "reports/reproduce_reference_alg5.hpp"
#include "reports/reproduce_reference_certify.hpp"
#include "reports/reproduce_reference_cor1.hpp"
#include "reports/reproduce_reference_cor3.hpp"
#include "reports/reproduce_reference_thm1.hpp"
#include "reports/reproduce_reference_tightness.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace attnbound::reports {
namespace {

using namespace reference;

Table data_table(const std::vector<ReferenceExample>& data, const Grid& grid) {
  if (grid.capture) {
    Table t{"attention_data", "Captured attention", "The capture files read (reports/attention_data.hpp): "
            "TransformerLens hook_attn_scores (q.k / sqrt(d_head), masked entries -inf), and hook_v when present.", {}, {}};
    t.columns = {{"file", "", Column::Kind::text},
                 {"L", "tokens", Column::Kind::exact},
                 {"layers x heads", "", Column::Kind::text},
                 {"sqrt(d_head)", "", Column::Kind::text},
                 {"causal", "", Column::Kind::text},
                 {"values (hook_v)", "", Column::Kind::text}};
    for (const auto& ex : data)
      t.rows.push_back({ex.name, static_cast<long long>(ex.length), fmt::format("{} x {}", ex.layers, ex.heads_per_layer),
                        ex.sqrt_d_head.empty() ? std::string("unknown") : ex.sqrt_d_head,
                        std::string(ex.causal ? "yes" : "no"),
                        std::string(!ex.heads.empty() && !ex.heads[0].x.empty() ? "yes" : "no")});
    return t;
  }
  Table t{"reference_data", "GPT-2 reference exports", "The genuine GPT-2 124M attention exports read, and the "
          "consistency checks of their fields (_masked = raw/8, _softmax = softmax(raw/8), causal visibility).", {}, {}};
  t.columns = {{"file", "", Column::Kind::text},
               {"prompt", "", Column::Kind::text},
               {"L", "tokens", Column::Kind::exact},
               {"heads", "", Column::Kind::exact},
               {"causal", "", Column::Kind::text},
               {"max |masked - raw/8|", "relative", Column::Kind::point},
               {"max |softmax(raw/8) - _softmax|", "", Column::Kind::point}};
  for (const auto& ex : data)
    t.rows.push_back({ex.name, ex.prompt, static_cast<long long>(ex.length), static_cast<long long>(ex.heads.size()),
                      std::string(ex.causal ? "yes" : "no"), ex.max_scale_deviation, ex.max_softmax_deviation});
  return t;
}

Table checks_table(const std::vector<Evidence>& ev, const Grid& grid, unsigned certify_bits) {
  Table t{grid.capture ? "attention_checks" : "reference_checks",
          grid.capture ? fmt::format("Bounds on every row of the {} heads", grid.nheads)
                       : "Bounds on every causal row of the 144 heads",
          fmt::format("Each check over every (row, T{}) in double precision; worst = max quantity/bound (<= 1 when "
                      "the bound holds; for Corollary 1 the ratio of the logs' exponentials). Certified: MPFI "
                      "enclosures at {} bits on a seeded sample including the worst row.",
                      ", eps", certify_bits),
          {}, {}};
  t.columns = {{"statement", "", Column::Kind::text},
               {"variant", "", Column::Kind::text},
               {"claim", "", Column::Kind::text},
               {"evaluations", "", Column::Kind::exact},
               {"violations", "", Column::Kind::exact},
               {"worst ratio", "", Column::Kind::point},
               {"worst ratio certified", "", Column::Kind::enclosure, certify_bits, true},
               {"worst at", "", Column::Kind::text},
               {"certified holds/violated/undecided", "", Column::Kind::text}};
  for (const auto& e : ev)
    t.rows.push_back({e.statement, e.variant, e.claim, static_cast<long long>(e.evaluations),
                      static_cast<long long>(e.violations), e.worst_ratio,
                      e.worst_certified ? Cell(std::make_pair(e.worst_lo, e.worst_hi))
                                        : Cell(std::make_pair(std::string("-"), std::string("-"))),
                      e.worst_where,
                      fmt::format("{}/{}/{}", e.certified_holds, e.certified_violated, e.certified_undecided)});
  return t;
}

// The claims about the data's shape (GPT-2 124M: 12 x 12 heads, scores scaled by 1/8).
std::vector<ClaimRow> shape_claims(const std::vector<ReferenceExample>& data, const Grid& grid) {
  std::vector<ClaimRow> out;
  out.push_back({"headline.heads", "", "", Number::exact(static_cast<long long>(grid.nheads)),
                 fmt::format("{} layers x {} heads in the reference exports", grid.layers, grid.H),
                 grid.nheads == 144 ? "agrees" : "disagrees", ""});
  double dev = 0;
  for (const auto& ex : data) dev = std::max(dev, ex.max_scale_deviation);
  ClaimRow c{"headline.model", "", "", {}, "", "partly", ""};
  c.measured_text = fmt::format("{} layers x {} heads, scores scaled by 1/8 = 1/sqrt(64) (max relative deviation {})",
                                grid.layers, grid.H, format_g(dev, 3));
  c.agreement = (grid.layers == 12 && grid.H == 12 && dev < 1e-5) ? "partly" : "disagrees";
  c.note = "the shape matches GPT-2 124M (12 x 12 heads, d_head = 64); the parameter count needs the weights (--model)";
  out.push_back(c);
  return out;
}

// The claim "statement.<id>" from the evidence of some checks: agrees when none was violated in double.
ClaimRow statement_claim(const std::string& id, const std::vector<Evidence>& ev, std::initializer_list<Check> checks,
                         bool capture) {
  ClaimRow c{id, "", "", {}, "", "agrees", ""};
  std::size_t evals = 0, viol = 0;
  double worst = 0;
  std::string parts;
  for (Check k : checks) {
    evals += ev[k].evaluations;
    viol += ev[k].violations;
    worst = std::max(worst, ev[k].worst_ratio);
    parts += fmt::format("{}{} [{}]: {} of {} violated, worst ratio {}", parts.empty() ? "" : "; ", ev[k].statement,
                         ev[k].variant, ev[k].violations, ev[k].evaluations, format_g(ev[k].worst_ratio));
  }
  c.measured = Number::point(worst);
  c.measured_text = fmt::format("worst quantity/bound over {} {} evaluations", evals, capture ? "captured-attention" : "GPT-2");
  c.agreement = viol == 0 ? "agrees" : "disagrees";
  c.note = parts;
  return c;
}

}  // namespace

std::vector<std::string> default_temperatures(const std::string& logit_scale, const std::string& raw_native) {
  std::vector<std::string> t = {"0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2",
                                "0.5",   "1",     "2",     "5",    "10",   "20",   "50",  "100"};
  t.push_back(logit_scale == "scaled" ? "1" : raw_native);
  std::sort(t.begin(), t.end(), [](const std::string& a, const std::string& b) {
    return std::strtod(a.c_str(), nullptr) < std::strtod(b.c_str(), nullptr);
  });
  t.erase(std::unique(t.begin(), t.end()), t.end());
  return t;
}

ReferenceResult reproduce_reference(const std::vector<ReferenceExample>& data, const ReproduceOptions& opt) {
  const Grid grid = make_grid(data, opt);
  ReferenceResult res;
  res.config = {{"logit_scale", opt.logit_scale},
                {"native_temperature", grid.native},
                {"temperatures", grid.temps},
                {"epsilons", opt.epsilons},
                {"seed", opt.seed},
                {"certify_rows", opt.certify_rows},
                {"certify_bits", opt.certify_bits},
                {"rows", "every causal row t (its t + 1 visible scores)"},
                {"direction", "v = standard normal vector / its norm, one per (example, head, row, T, eps)"}};

  Sweep sweep = sweep_rows(data, grid, opt.seed);
  const std::vector<CertifiedRow> cert = certify_sample(data, grid, sweep, opt);
  res.evidence = sweep.evidence;
  if (std::optional<Evidence> t1 = theorem1_evidence(data, opt, grid)) {
    res.evidence.push_back(std::move(*t1));
    res.config["theorem1"] = {{"statement", "thm1.fixed"}, {"variant", "tight"}, {"top_n", opt.theorem1_top_n},
                              {"rows_per_head", opt.theorem1_rows}, {"temperature", grid.native},
                              {"x", "the head's value vectors (hook_v)"}};
  }
  const Alg5Curves curves = alg5_curves(grid, sweep);

  res.tables = {data_table(data, grid), checks_table(res.evidence, grid, opt.certify_bits),
                certified_sample_table(data, grid, cert, opt), alg5_table(grid, sweep, curves),
                tightness_table(grid, sweep)};
  res.figures = {fig4_figure(grid, curves), cor3_figure(grid, sweep)};
  if (std::optional<Figure> f = cor1_figure(grid, sweep)) res.figures.push_back(std::move(*f));
  res.figures.push_back(tightness_length_figure(grid, sweep));
  res.figures.push_back(tightness_t_figure(grid, sweep));

  res.claims = alg5_claims(grid, curves);
  for (auto& c : shape_claims(data, grid)) res.claims.push_back(std::move(c));
  const std::vector<Evidence>& ev = sweep.evidence;
  res.claims.push_back(statement_claim("statement.cor1.softmax_weights", ev, {kCor1Upper, kCor1Lower}, grid.capture));
  res.claims.push_back(statement_claim("statement.lemma1.vanishing", ev, {kCor1Upper, kCor1Lower}, grid.capture));
  res.claims.back().note = "F = exp(l/T): C2 = max F / min F on [-a, a] = e^{2a/T}, the Corollary 1 check. " + res.claims.back().note;
  res.claims.push_back(statement_claim("statement.cor3.softmax_jacobian", ev, {kCor3Paper}, grid.capture));
  res.claims.push_back(statement_claim("statement.alg5.fd_gradient", ev, {kAlg5Paper}, grid.capture));
  if (grid.capture) {
    // The headline claims are about GPT-2 (its shape, its rows far from ties): measured on the exports only.
    std::erase_if(res.claims, [](const ClaimRow& c) { return c.id.rfind("headline.", 0) == 0; });
    res.notes.push_back(fmt::format(
        "Captured attention: {} file(s), {} heads, every row (its visible keys); logit scale '{}' (l = {}), native "
        "T = {}. The file holds TransformerLens hook_attn_scores = q.k / sqrt(d_head); raw = those times sqrt(d_head) "
        "= {}, exact in decimal.",
        data.size(), grid.nheads, opt.logit_scale, opt.logit_scale == "raw" ? "q.k" : "q.k / sqrt(d_head)", grid.native,
        data[0].sqrt_d_head.empty() ? std::string("unknown") : data[0].sqrt_d_head));
  } else {
    res.notes.push_back(fmt::format(
        "Reference data: {} file(s), {} heads each, every causal row; logit scale '{}' (l = {}), native T = {}.",
        data.size(), grid.nheads, opt.logit_scale, opt.logit_scale == "raw" ? "q.k, the spec's convention" : "q.k / 8",
        grid.native));
  }
  res.notes.push_back("Corollary 1 is checked in its logits-only form with a = max_i |l_i|, which is <= ||q|| max_j "
                      "||k_j|| = Delta (Cauchy-Schwarz), so the bound with a is valid whenever the paper's is and "
                      "tighter; the Delta form needs q and k (reproduce --model).");
  res.notes.push_back("Figure 4's dashed curve min{1/(4T), sqrt 2} is flat at sqrt 2 for T < 0.177, while the text "
                      "says the curves follow 1/T there (spec erratum E1); the corrected Lipschitz bound of "
                      "softmax(l/T) is 1/(2T), so g(T, eps) <= min{1/(2T), sqrt(2)/eps}.");
  std::size_t total_rows = 0;
  for (const auto& ex : data)
    for (const auto& h : ex.heads) total_rows += h.values.size();
  res.summary = fmt::format("{} {} file(s), {} heads, {} {}rows, {} temperatures, {} eps; {} rows certified",
                            data.size(), grid.capture ? "capture" : "reference", grid.nheads, total_rows,
                            grid.capture ? "" : "causal ", grid.temps.size(), grid.E.size(), cert.size());
  if (res.config.contains("theorem1"))
    res.summary += fmt::format("; Theorem 1 on {} rows with values", res.evidence.back().evaluations);
  return res;
}

}  // namespace attnbound::reports
