#include "reports/reproduce_model_certified.hpp"

#include "reports/random_direction.hpp"
#include "theory/statement.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <random>

namespace attnbound::reports {

CertifiedParts certified_parts(const ModelRun& run, const FirstWindow& first, double worst_ratio, std::size_t fixed_evals,
                               const PartContext& ctx) {
  const ModelReproduceOptions& o = *run.options;
  const std::size_t gfix = static_cast<std::size_t>(run.settings->fixed_index);
  const int H = first.n_head, Lmax = first.length, dim = first.dim;
  // The certified sample reads window 1's captures: its worst row first.
  const HeadResult* worst_head = nullptr;
  double worst_first = -1;
  for (std::size_t k = 0; k < first.count; ++k)
    if (first.heads[k].worst_fixed[gfix] > worst_first) worst_first = first.heads[k].worst_fixed[gfix], worst_head = &first.heads[k];
  struct CertRow {
    std::string where, q_lo, q_hi, b_lo, b_hi, verdict;
  };
  std::vector<CertRow> cert;
  std::size_t cert_hold = 0, cert_viol = 0;
  std::string worst_lo, worst_hi;
  CertifiedParts out;
  if (o.certify_rows > 0 && worst_head && first.captures && !first.captures->empty() && !ctx.expired()) {
    // Rows to certify: the worst thm1.fixed row of the first window, then seeded random (head, row) pairs.
    const auto& hs = run.heads;
    std::vector<std::pair<const HeadResult*, std::size_t>> rows = {{worst_head, worst_head->worst_fixed_row[gfix]}};
    std::mt19937_64 gen(splitmix64(o.seed ^ 0xce47ULL));
    while (rows.size() < o.certify_rows)
      rows.push_back({hs[gen() % hs.size()], static_cast<std::size_t>(o.fixed_n + gen() % static_cast<std::uint64_t>(Lmax - o.fixed_n))});
    ctx.progress(fmt::format("certifying {} row(s) of thm1.fixed in MPFI at {} bits", rows.size(), o.certify_bits));
    std::map<std::string, const gpt2::Capture*> by_name;
    for (const auto& c : *first.captures) by_name[c.name] = &c;
    const Statement& stmt = find_statement("thm1.fixed");
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const auto [h, t] = rows[k];
      const std::string p = fmt::format("blocks.{}.", h->layer);
      const auto& sc = by_name.at(p + "attn.hook_attn_scores")->data;
      const auto& xs = by_name.at(o.x == "values" ? p + "attn.hook_v" : p + "hook_resid_pre")->data;
      nlohmann::json logits = nlohmann::json::array(), x = nlohmann::json::array();
      for (std::size_t i = 0; i <= t; ++i) {
        logits.push_back(fmt::format("{}", sc[(static_cast<std::size_t>(h->head) * Lmax + t) * Lmax + i]));
        nlohmann::json xr = nlohmann::json::array();
        for (int cidx = 0; cidx < dim; ++cidx)
          xr.push_back(fmt::format("{}", o.x == "values" ? xs[(i * H + static_cast<std::size_t>(h->head)) * dim + cidx] : xs[i * dim + cidx]));
        x.push_back(std::move(xr));
      }
      nlohmann::json j = {{"statement", "thm1.fixed"}, {"variant", "tight"}, {"logits", logits}, {"temperature", "1"},
                          {"x", x}, {"top_n", o.fixed_n}};
      const std::string where =
          fmt::format("window 1 layer {} head {} row {} (n = {}), N = {}", h->layer, h->head, t, t + 1, o.fixed_n);
      // A registry verdict (verify/certify at certify_bits, fixed), re-checked by ctx.recheck_verdict when set:
      // a certificate the checker does not confirm leaves the row undecided (reports/reproduce_recheck.hpp).
      const RecheckedRow r = certify_and_recheck(stmt, Instance::from_json(j), "tight", 0, o.certify_bits,
                                                 ctx.recheck_verdict, where, out.recheck);
      const CertifiedSide& s = r.result.sides.at(0);
      if (r.verdict == "holds") ++cert_hold;
      if (r.verdict == "violated") ++cert_viol;
      if (k == 0 && !r.not_confirmed) {  // a certificate the checker did not confirm: the double's ratio stands
        PrecisionScope scope(o.certify_bits);
        const Interval ratio = range_enclosure(s.quantity) / range_enclosure(s.bound);
        worst_lo = to_decimal_down(lower_end(ratio));
        worst_hi = to_decimal_up(upper_end(ratio));
      }
      cert.push_back({where, s.quantity.lo, s.quantity.hi, s.bound.lo, s.bound.hi, r.verdict});
    }
    Table t{"model_certified", "Certified model rows (thm1.fixed, tight)",
            fmt::format("MPFI at {} bits through the statement registry (verify/certify), from the shortest decimals of "
                        "the float scores (T = 1 on the scaled scale) and of x; the first row is window 1's worst d~/bound "
                        "row; each certificate is re-checked by the independent checker in the report (a row it does not "
                        "confirm is undecided).",
                        o.certify_bits),
            {}, {}};
    t.columns = {{"where", "", Column::Kind::text}, {"d~", "", Column::Kind::enclosure, o.certify_bits, true},
                 {"bound", "", Column::Kind::enclosure, o.certify_bits, true}, {"verdict", "", Column::Kind::text}};
    for (const auto& c : cert)
      t.rows.push_back({c.where, std::make_pair(c.q_lo, c.q_hi), std::make_pair(c.b_lo, c.b_hi), c.verdict});
    out.table = std::move(t);
  }
  VerdictRow& v = out.verdict;
  v.statement = "thm1.fixed";
  v.variant = "tight";
  // A proof's word only beside a proof: the double-precision scan says "not refuted"; the certified rows
  // that hold are counted (certified_holds), a certified violated row makes it "violated".
  v.verdict = worst_ratio > 1 ? (cert_viol > 0 ? "violated" : "violated in double precision (not certified)") : "not refuted";
  v.certified = worst_ratio > 1 && cert_viol > 0;
  v.certified_holds = cert_hold;
  v.evidence = fmt::format("{} (head, row) pairs of the model at N = {} in double (max d~/bound {}); {} certified "
                           "row(s): {} hold, {} violated; {}", fixed_evals, o.fixed_n, format_g(worst_ratio, 6), cert.size(),
                           cert_hold, cert_viol,
                           recheck_evidence(out.recheck, cert_hold + cert_viol, static_cast<bool>(ctx.recheck_verdict)));
  v.worst_ratio = worst_lo.empty() ? Number::point(worst_ratio) : Number::enclosure(worst_lo, worst_hi, o.certify_bits);
  return out;
}

}  // namespace attnbound::reports
