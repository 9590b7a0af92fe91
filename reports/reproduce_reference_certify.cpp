#include "reports/reproduce_reference_certify.hpp"

#include "reports/random_direction.hpp"
#include "theory/arith.hpp"
#include "theory/exact_decimal.hpp"
#include "theory/errors.hpp"
#include "theory/statement.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>

#include <random>

namespace attnbound::reports::reference {
namespace {

// The registry instances of check c at key k (the table in the header): (variant, instance); every one
// names the check's statement, and the row's side is the first side except for Corollary 1's lower side.
std::vector<std::pair<std::string, Instance>> registry_instances(Check c, const std::vector<ReferenceExample>& data,
                                                                 const Grid& grid, const RowKey& k,
                                                                 const ReproduceOptions& opt) {
  const CheckInfo& info = check_info(c);
  const std::vector<std::string> text = grid.row_text(data, k);
  const std::string& T = grid.temps[k.ti];
  const auto make = [&](const std::string& variant, nlohmann::json fields) {
    fields["statement"] = info.statement;
    fields["variant"] = variant;
    fields["temperature"] = T;
    return std::make_pair(variant, Instance::from_json(fields));
  };
  if (c == kCor1Upper || c == kCor1Lower) {
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& t : text) keys.push_back(nlohmann::json::array({t}));  // k_j = (l_j): q.k_j = l_j, ||k_j|| = |l_j|
    return {make("max_key", {{"query", {"1"}}, {"keys", keys}})};
  }
  if (c == kAlg5Paper || c == kAlg5Corrected) {
    nlohmann::json v = nlohmann::json::array();
    for (double x : direction(opt.seed, k, text.size())) v.push_back(to_decimal(x));
    const nlohmann::json f = {{"logits", text}, {"epsilon", grid.eps[k.ei]}, {"direction", v}};
    if (c == kAlg5Paper) return {make("cor3_bound", f)};
    return {make("lipschitz", f), make("simplex_diameter", f)};  // g <= min{a, b} iff g <= a and g <= b
  }
  return {make(info.variant, {{"logits", text}})};
}

}  // namespace

CertifiedRow certify_row(Check c, const std::vector<ReferenceExample>& data, const Grid& grid, const RowKey& k,
                         const ReproduceOptions& opt, RecheckCounts& counts) {
  const CheckInfo& info = check_info(c);
  const std::string where = grid.where(data, k, info.uses_eps);
  CertifiedRow row{c, k, "", "", "", "", "holds", "", "", false};
  try {
    PrecisionScope scope(opt.certify_bits);  // the enclosures of the printed ends and the ratio
    const Statement& st = find_statement(info.statement);
    Interval q, b;
    bool first = true, any_violated = false, all_hold = true;
    for (const auto& [variant, inst] : registry_instances(c, data, grid, k, opt)) {
      const std::size_t side = c == kCor1Lower ? 1 : 0;
      const RecheckedRow r = certify_and_recheck(st, inst, variant, side, opt.certify_bits, opt.recheck,
                                                 where + " [" + variant + "]", counts);
      const CertifiedSide& s = r.result.sides.at(side);
      row.not_confirmed = row.not_confirmed || r.not_confirmed;
      any_violated = any_violated || r.verdict == "violated";
      all_hold = all_hold && r.verdict == "holds";
      const Interval bound = range_enclosure(s.bound);
      if (first) q = range_enclosure(s.quantity), b = bound, row.q_lo = s.quantity.lo, row.q_hi = s.quantity.hi;
      else b = smin(b, bound);  // the minimum of two enclosures encloses the minimum
      const auto below = [](const std::string& x, const std::string& y) {  // exact decimal comparison
        return Rational::from_decimal(x, "bound") < Rational::from_decimal(y, "bound");
      };
      if (first || below(s.bound.lo, row.b_lo)) row.b_lo = s.bound.lo;
      if (first || below(s.bound.hi, row.b_hi)) row.b_hi = s.bound.hi;
      first = false;
    }
    row.verdict = any_violated ? "violated" : all_hold ? "holds" : "undecided";
    const Interval ratio = info.at_least ? Interval(b / q) : Interval(q / b);
    row.ratio_lo = to_decimal_down(lower_end(ratio));
    row.ratio_hi = to_decimal_up(upper_end(ratio));
  } catch (const InputError& e) {
    throw InputError("reference", fmt::format("{} [{}] at {}: the statement registry refused the row ({})",
                                              info.statement, info.variant, where, e.what()));
  }
  return row;
}

std::vector<std::pair<Check, RowKey>> certified_keys(const std::vector<ReferenceExample>& data, const Grid& grid,
                                                    const Sweep& sweep, const ReproduceOptions& opt) {
  std::vector<std::pair<Check, RowKey>> sample;
  for (int c = 0; c < kChecks; ++c) sample.push_back({static_cast<Check>(c), sweep.worst[c]});
  if (grid.native_ti >= grid.temps.size()) return sample;
  std::mt19937_64 gen(splitmix64(opt.seed ^ 0x5eedULL));
  std::vector<RowKey> rows;
  for (std::size_t ex = 0; ex < data.size(); ++ex)
    for (std::size_t hd = 0; hd < data[ex].heads.size(); ++hd)
      for (std::size_t r = 1; r < data[ex].heads[hd].values.size(); ++r) rows.push_back({ex, hd, r, grid.native_ti, 0});
  for (std::size_t k = 0; k < opt.certify_rows && !rows.empty(); ++k) {
    const RowKey key = rows[gen() % rows.size()];
    sample.push_back({static_cast<Check>(k % kChecks), key});
  }
  return sample;
}

std::vector<CertifiedRow> certify_sample(const std::vector<ReferenceExample>& data, const Grid& grid, Sweep& sweep,
                                         const ReproduceOptions& opt) {
  const std::vector<std::pair<Check, RowKey>> sample = certified_keys(data, grid, sweep, opt);
  std::vector<CertifiedRow> out;
  for (const auto& [c, key] : sample) {
    Evidence& e = sweep.evidence[c];
    CertifiedRow row = certify_row(c, data, grid, key, opt, e.recheck);
    e.certified++;
    if (row.verdict == "holds") e.certified_holds++;
    else if (row.verdict == "violated") e.certified_violated++;
    else e.certified_undecided++;
    // A row whose certificate the checker did not confirm leaves the worst ratio to the double pass.
    if (key == sweep.worst[c] && !e.worst_certified && !row.not_confirmed) {
      e.worst_certified = true;
      e.worst_lo = row.ratio_lo;
      e.worst_hi = row.ratio_hi;
    }
    out.push_back(std::move(row));
  }
  return out;
}

Table certified_sample_table(const std::vector<ReferenceExample>& data, const Grid& grid,
                             const std::vector<CertifiedRow>& rows, const ReproduceOptions& opt) {
  Table t{grid.id("certified_sample"), "Certified rows",
          fmt::format("MPFI interval evaluation at {} bits from the exact decimal scores of the file ({} scale); "
                      "every row a registry verdict (verify/certify) whose certificate the independent checker re-checks in the "
                      "report; Corollary 1's logits-only sides as cor1.softmax_weights max_key with q = (1), k_j = (l_j) "
                      "(Delta = max |l_j| = a); Algorithm 5 against min{{1/(2T), sqrt(2)/eps}} as its lipschitz and "
                      "simplex_diameter variants.", opt.certify_bits, opt.logit_scale),
          {}, {}};
  t.columns = {{"statement", "", Column::Kind::text}, {"variant", "", Column::Kind::text},
               {"where", "", Column::Kind::text},
               {"quantity", "", Column::Kind::enclosure, opt.certify_bits, true},
               {"bound", "", Column::Kind::enclosure, opt.certify_bits, true},
               {"verdict", "", Column::Kind::text}};
  for (const auto& c : rows) {
    const CheckInfo& info = check_info(c.check);
    t.rows.push_back({info.statement, info.variant, grid.where(data, c.key, info.uses_eps),
                      std::make_pair(c.q_lo, c.q_hi), std::make_pair(c.b_lo, c.b_hi), c.verdict});
  }
  return t;
}

}  // namespace attnbound::reports::reference
