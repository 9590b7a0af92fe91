#include "reports/reproduce_reference_certify.hpp"

#include "reports/random_direction.hpp"
#include "theory/errors.hpp"
#include "theory/statement.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>

#include <random>

namespace attnbound::reports::reference {
namespace {

std::string dec_lo(const Interval& x) { return to_decimal_down(lower_end(x)); }
std::string dec_hi(const Interval& x) { return to_decimal_up(upper_end(x)); }

bool via_registry(Check c) { return c == kCor3Paper || c == kCor3Corrected || c == kCor3MaxWeight; }

}  // namespace

std::pair<Interval, Interval> certified_pair(Check c, const std::vector<ReferenceExample>& data, const Grid& grid,
                                             const RowKey& k, const ReproduceOptions& opt) {
  const CheckInfo& info = check_info(c);
  const std::vector<std::string> text = grid.row_text(data, k);
  if (via_registry(c)) {
    const nlohmann::json j = {{"statement", info.statement}, {"variant", info.variant}, {"logits", text},
                              {"temperature", grid.temps[k.ti]}};
    try {
      const Evaluation<Interval> e =
          find_statement(info.statement).evaluate_interval(Instance::from_json(j), info.variant, EvalOptions{});
      return {e.sides.at(0).quantity, e.sides.at(0).bound};
    } catch (const InputError& e) {
      throw InputError("reference", fmt::format("{} [{}] at {}: the statement registry refused the row ({})",
                                                info.statement, info.variant, grid.where(data, k, info.uses_eps), e.what()));
    }
  }
  Vec<Interval> l;
  for (const auto& t : text) l.push_back(from_decimal<Interval>(t));
  const Interval T = from_decimal<Interval>(grid.temps[k.ti]);
  const Interval eps = from_decimal<Interval>(info.uses_eps ? grid.eps[k.ei] : std::string("1"));
  const std::vector<double> v = info.uses_eps ? direction(opt.seed, k, l.size()) : std::vector<double>{};
  return evaluate_check(c, l, T, eps, v);
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
  PrecisionScope scope(opt.certify_bits);
  for (const auto& [c, key] : sample) {
    const auto [q, b] = certified_pair(c, data, grid, key, opt);
    const bool at_least = check_info(c).at_least;
    // verify/certify's single-side rule (interval_verdict), not a copy of it.
    const std::string verdict = to_string(
        interval_verdict(Side<Interval>{"claim", at_least ? Relation::at_least : Relation::at_most, q, b, std::nullopt}));
    Evidence& e = sweep.evidence[c];
    e.certified++;
    if (verdict == "holds") e.certified_holds++;
    else if (verdict == "violated") e.certified_violated++;
    else e.certified_undecided++;
    if (key == sweep.worst[c] && !e.worst_certified) {
      const Interval ratio = ratio_of(c, q, b);
      e.worst_certified = true;
      e.worst_lo = dec_lo(ratio);
      e.worst_hi = dec_hi(ratio);
    }
    out.push_back({c, key, dec_lo(q), dec_hi(q), dec_lo(b), dec_hi(b), verdict});
  }
  return out;
}

Table certified_sample_table(const std::vector<ReferenceExample>& data, const Grid& grid,
                             const std::vector<CertifiedRow>& rows, const ReproduceOptions& opt) {
  Table t{grid.id("certified_sample"), "Certified rows",
          fmt::format("MPFI interval evaluation at {} bits from the exact decimal scores of the file ({} scale); "
                      "Corollary 3 through the statement registry.", opt.certify_bits, opt.logit_scale),
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
