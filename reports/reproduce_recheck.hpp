// The independent re-check of the reproductions' certified rows (reproduce --reference / --attention /
// --model): each certified row is a registry statement's verdict, made by verify/certify.hpp `certify` at one
// fixed precision (start_bits = max_bits = the reproduction's certify_bits, so no escalation and never
// "tight"), and its certificate (verify/certificate.hpp) goes to a RecheckHook, the Arb checker of check/ in
// `attnbound report` and `attnbound reproduce` (build_report wires PartContext::recheck_verdict).
//
// Contract (soundness first): a row's verdict is the certified side's verdict (holds / violated) only when
//   * the engine certified the result (certificate_applies: certified, headline holds or violated) and the
//     side itself is holds or violated, and
//   * no hook is set (a part run alone: the engine's word, counted as not re-checked), or the hook confirmed
//     the certificate.
// A rejection or an "unsupported" answer makes the row "undecided" and is listed (RecheckCounts::listed) with
// the checker's reason: a certified word is never kept beside a certificate the checker did not confirm.
// A hook that throws is a rejection (never a pass). Paper reference: none (issue 13, the re-check of every
// certified path).
#pragma once

#include "reports/report.hpp"
#include "theory/statement.hpp"
#include "verify/certify.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace attnbound::reports {

struct RecheckOutcome {
  enum class Kind { confirmed, rejected, unsupported } kind = Kind::rejected;
  std::string why;  // empty when confirmed
};

// Re-checks one certified result (with its instance); `label` names the row in the checker's lists.
using RecheckHook = std::function<RecheckOutcome(const Instance&, const CertifiedResult&, const std::string& label)>;

// What the re-check said about a part's certified rows: counts and every row that lost its certified word.
struct RecheckCounts {
  struct Listed {
    std::string where, statement, variant, outcome, why;  // outcome: "rejected" | "unsupported"
  };
  std::size_t checked = 0, confirmed = 0, rejected = 0, unsupported = 0;
  std::vector<Listed> listed;
  void merge(const RecheckCounts& more);
  ojson to_json() const;  // {checked, confirmed, rejected, unsupported, listed: [{where, ...}]}
};

// One certified row: side `side` of `statement` [variant] at `instance`.
struct RecheckedRow {
  CertifiedResult result;
  std::string verdict;  // "holds" | "violated" | "undecided" (see the contract)
  bool certificate = false;  // the engine's result had a certificate (certificate_applies)
  bool not_confirmed = false;  // a hook was set and did not confirm it: its enclosures are not shown as certified
};

// certify(statement, instance, variant) at `bits` (fixed), then the hook when set. `where` names the row.
// Counts and lists the hook's answers in `counts`. Throws what certify throws (InputError for bad input).
RecheckedRow certify_and_recheck(const Statement& statement, const Instance& instance, const std::string& variant,
                                 std::size_t side, unsigned bits, const RecheckHook& hook, const std::string& where,
                                 RecheckCounts& counts);

// The enclosure [lo, hi] of a certified Range at the current precision (its ends' outward enclosures' hull).
Interval range_enclosure(const Range& r);

// Table "<id>" of the listed rows (where, statement, variant, outcome, why); nullopt when none is listed.
std::optional<Table> recheck_table(const RecheckCounts& counts, const std::string& id);

// One line for a verdict row's evidence: "re-checked by attnbound check (Arb): N of M confirmed, R rejected,
// U unsupported" or "not re-checked (no checker attached)" when the hook was empty.
std::string recheck_evidence(const RecheckCounts& counts, std::size_t certified_rows, bool hooked);

}  // namespace attnbound::reports
