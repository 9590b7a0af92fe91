#include "reports/reproduce_reference_thm1.hpp"

#include "theory/errors.hpp"
#include "theory/statement.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace attnbound::reports::reference {

std::optional<Evidence> theorem1_evidence(const std::vector<ReferenceExample>& data, const ReproduceOptions& opt,
                                          const Grid& grid) {
  bool with_values = false;
  for (const auto& ex : data)
    for (const auto& h : ex.heads) with_values = with_values || !h.x.empty();
  if (!with_values) return std::nullopt;
  const int N = opt.theorem1_top_n;
  if (N < 1) throw InputError("theorem1-top-n", fmt::format("must be >= 1, got {}", N));
  const Statement& st = find_statement("thm1.fixed");
  Evidence e;
  e.statement = "thm1.fixed";
  e.variant = "tight";
  for (const auto& v : st.info.variants)
    if (v.name == e.variant) e.claim = v.claim, e.tag = v.status;
  e.worst_ratio = -1;
  // The instance of row r of head hd: its visible logits in the analysis scale, the values of those keys.
  const auto instance = [&](std::size_t ex, std::size_t hd, std::size_t r) {
    const ReferenceHead& h = data[ex].heads[hd];
    nlohmann::json x = nlohmann::json::array();
    for (std::size_t i = 0; i < h.rows[r].size(); ++i) {
      const std::size_t key = h.keys.empty() ? i : h.keys[r][i];
      nlohmann::json xr = nlohmann::json::array();
      for (double v : h.x[key]) xr.push_back(fmt::format("{}", v));
      x.push_back(std::move(xr));
    }
    return Instance::from_json({{"statement", e.statement}, {"variant", e.variant},
                                {"logits", grid.row_text(data, {ex, hd, r, 0, 0})}, {"temperature", grid.native},
                                {"x", x}, {"top_n", N}});
  };
  std::size_t wex = 0, whead = 0, wrow = 0;
  for (std::size_t ex = 0; ex < data.size(); ++ex)
    for (std::size_t hd = 0; hd < data[ex].heads.size(); ++hd) {
      const ReferenceHead& h = data[ex].heads[hd];
      if (h.x.empty()) continue;
      std::vector<std::size_t> rows;
      for (std::size_t r = 0; r < h.rows.size(); ++r)
        if (h.rows[r].size() > static_cast<std::size_t>(N)) rows.push_back(r);
      const std::size_t m = std::min(rows.size(), opt.theorem1_rows);
      for (std::size_t k = 0; k < m; ++k) {
        const std::size_t r = rows[(k * rows.size()) / m];
        const Evaluation<double> ev = st.evaluate_double(instance(ex, hd, r), e.variant, EvalOptions{});
        const double q = ev.sides.at(0).quantity, b = ev.sides.at(0).bound;
        e.evaluations++;
        if (q > b) e.violations++;
        const double ratio = b > 0 ? q / b : (q > 0 ? std::numeric_limits<double>::max() : 0.0);
        if (ratio > e.worst_ratio) e.worst_ratio = ratio, wex = ex, whead = hd, wrow = r;
      }
    }
  if (e.evaluations == 0) {
    e.worst_ratio = 0;
    e.worst_where = fmt::format("no row with more than N = {} visible keys", N);
    return e;
  }
  const ReferenceHead& h = data[wex].heads[whead];
  e.worst_where = fmt::format("{} layer {} head {} row {} (n = {}), N = {}, T = {}", data[wex].name, h.layer, h.head,
                              wrow, h.rows[wrow].size(), N, grid.native);
  // The worst row: a registry verdict (verify/certify at certify_bits), re-checked when options.recheck is set.
  const RecheckedRow r = certify_and_recheck(st, instance(wex, whead, wrow), e.variant, 0, opt.certify_bits, opt.recheck,
                                             e.worst_where, e.recheck);
  e.certified = 1;
  if (r.verdict == "holds") e.certified_holds++;
  else if (r.verdict == "violated") e.certified_violated++;
  else e.certified_undecided++;
  if (r.result.choices_certified && !r.not_confirmed) {  // else the double's worst ratio stands
    PrecisionScope scope(opt.certify_bits);
    const CertifiedSide& side = r.result.sides.at(0);
    const Interval ratio = range_enclosure(side.quantity) / range_enclosure(side.bound);
    e.worst_certified = true;
    e.worst_lo = to_decimal_down(lower_end(ratio));
    e.worst_hi = to_decimal_up(upper_end(ratio));
  }
  return e;
}

}  // namespace attnbound::reports::reference
