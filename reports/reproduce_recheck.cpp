// reports/reproduce_recheck.hpp.
#include "reports/reproduce_recheck.hpp"

#include "verify/certificate.hpp"

#include <fmt/format.h>

namespace attnbound::reports {

void RecheckCounts::merge(const RecheckCounts& more) {
  checked += more.checked;
  confirmed += more.confirmed;
  rejected += more.rejected;
  unsupported += more.unsupported;
  listed.insert(listed.end(), more.listed.begin(), more.listed.end());
}

ojson RecheckCounts::to_json() const {
  ojson list = ojson::array();
  for (const auto& x : listed)
    list.push_back({{"where", x.where}, {"statement", x.statement}, {"variant", x.variant}, {"outcome", x.outcome},
                    {"why", x.why}});
  return {{"checked", checked}, {"confirmed", confirmed}, {"rejected", rejected}, {"unsupported", unsupported},
          {"listed", list}};
}

RecheckedRow certify_and_recheck(const Statement& statement, const Instance& instance, const std::string& variant,
                                 std::size_t side, unsigned bits, const RecheckHook& hook, const std::string& where,
                                 RecheckCounts& counts) {
  CertifyOptions co;
  co.start_bits = bits;  // one fixed precision: the reproduction's certify_bits, no escalation
  co.max_bits = bits;
  RecheckedRow row{certify(statement, instance, variant, co), "undecided", false};
  row.certificate = certificate_applies(row.result);
  const Verdict v = row.result.sides.at(side).verdict;
  // A side's word only beside a certificate: without one (the headline undecided) nothing can re-check it.
  if (!row.certificate || (v != Verdict::holds && v != Verdict::violated)) return row;
  if (!hook) {  // a part run alone: the engine's word, not re-checked (recheck_evidence says so)
    row.verdict = to_string(v);
    return row;
  }
  RecheckOutcome out;
  try {
    out = hook(instance, row.result, where);
  } catch (const std::exception& e) {  // a checker that fails is a rejection, never a pass
    out = {RecheckOutcome::Kind::rejected, std::string("the re-check failed: ") + e.what()};
  }
  ++counts.checked;
  switch (out.kind) {
    case RecheckOutcome::Kind::confirmed:
      ++counts.confirmed;
      row.verdict = to_string(v);
      return row;
    case RecheckOutcome::Kind::rejected: ++counts.rejected; break;
    case RecheckOutcome::Kind::unsupported: ++counts.unsupported; break;
  }
  row.not_confirmed = true;
  counts.listed.push_back({where, row.result.statement, row.result.variant,
                           out.kind == RecheckOutcome::Kind::rejected ? "rejected" : "unsupported", out.why});
  return row;  // undecided: the checker did not confirm the certificate
}

Interval range_enclosure(const Range& r) {
  return hull(lower_end(from_decimal<Interval>(r.lo)), upper_end(from_decimal<Interval>(r.hi)));
}

std::optional<Table> recheck_table(const RecheckCounts& counts, const std::string& id) {
  if (counts.listed.empty()) return std::nullopt;
  Table t{id, "Certified rows the independent checker did not confirm",
          "Each row was certified by the engine but rejected (or not evaluated) by attnbound check (Arb): its verdict "
          "is undecided here, never the engine's word.",
          {}, {}};
  t.columns = {{"where", "", Column::Kind::text}, {"statement", "", Column::Kind::text},
               {"variant", "", Column::Kind::text}, {"outcome", "", Column::Kind::text}, {"why", "", Column::Kind::text}};
  for (const auto& x : counts.listed) t.rows.push_back({x.where, x.statement, x.variant, x.outcome, x.why});
  return t;
}

std::string recheck_evidence(const RecheckCounts& counts, std::size_t certified_rows, bool hooked) {
  if (!hooked) return fmt::format("{} certified row(s) not re-checked (no checker attached)", certified_rows);
  return fmt::format("re-checked by attnbound check (Arb): {} of {} confirmed, {} rejected, {} unsupported",
                     counts.confirmed, counts.checked, counts.rejected, counts.unsupported);
}

}  // namespace attnbound::reports
