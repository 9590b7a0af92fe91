// check/check_certificate.hpp.
#include "check/check_certificate.hpp"

#include "check/statement_sides.hpp"
#include "theory/errors.hpp"

#include <algorithm>

namespace attnbound::check {
namespace {

using Kind = CheckOutcome::Kind;

CheckOutcome reject(std::string why, long bits = 0) { return {Kind::rejected, std::move(why), bits}; }

// q satisfies the relation against b for every point (holds) / fails it for every point (violated).
bool pair_holds(const std::pair<Ball, Ball>& p, bool at_most) {
  return at_most ? certainly_le(p.first, p.second) : certainly_le(p.second, p.first);
}
bool pair_violated(const std::pair<Ball, Ball>& p, bool at_most) {
  return at_most ? certainly_lt(p.second, p.first) : certainly_lt(p.first, p.second);
}

Ball parse_end(const std::string& t, long prec, const std::string& field) {
  Ball b;
  if (t == "inf" || t == "+inf") arb_pos_inf(b.get());
  else if (t == "-inf") arb_neg_inf(b.get());
  else b = parse_decimal(t, prec, field);
  return b;
}

// Ball [lo, hi] of the engine's printed ends is certainly disjoint from Arb's ball x.
bool disjoint(const Ball& x, const DecimalRange& r, long prec, const std::string& field) {
  const Ball lo = parse_end(r.lo, prec, field + ".lo"), hi = parse_end(r.hi, prec, field + ".hi");
  return certainly_lt(x, lo) || certainly_lt(hi, x);
}

enum class SideStatus { confirmed, pending };

SideStatus side_status(const SideEval& s, const CertificateSide& c) {
  const bool at_most = s.relation == "at_most";
  if (c.verdict == "holds") {
    if (s.holds_by_witness) return *s.holds_by_witness ? SideStatus::confirmed : SideStatus::pending;
    if (s.holds_by_other) return SideStatus::confirmed;
    for (const auto& p : s.pairs)
      if (!pair_holds(p, at_most)) return SideStatus::pending;
    return SideStatus::confirmed;
  }
  // violated
  if (s.violated_by_witness) return *s.violated_by_witness ? SideStatus::confirmed : SideStatus::pending;
  if (s.pairs_indexed && c.index) {
    if (static_cast<std::size_t>(*c.index) >= s.pairs.size()) return SideStatus::pending;
    return pair_violated(s.pairs[*c.index], at_most) ? SideStatus::confirmed : SideStatus::pending;
  }
  for (const auto& p : s.pairs)
    if (pair_violated(p, at_most)) return SideStatus::confirmed;
  return SideStatus::pending;
}

}  // namespace

CheckOutcome check_certificate(const Certificate& c, const CheckOptions& options) {
  if (!c.certified) return {Kind::skipped, "\"certified\": false", 0};
  const StatementTable* table = find_statement_table(c.statement);
  if (!table) throw InputError("statement", "unknown statement \"" + c.statement + "\"");
  if (!c.instance.contains("statement") || c.instance["statement"] != c.statement)
    return reject("the instance's statement differs from the certificate's");
  if (std::find(table->variants.begin(), table->variants.end(), c.variant) == table->variants.end())
    throw InputError("variant", "unknown variant \"" + c.variant + "\" of " + c.statement);
  if (c.instance.contains("variant") ? c.instance["variant"] != c.variant : c.variant != table->variants[0])
    return reject("the instance's variant differs from the certificate's");
  if (c.verdict != "holds" && c.verdict != "violated")
    return reject("a certified verdict must be holds or violated, not \"" + c.verdict + "\"");
  if (!table->supported ||
      std::count(table->unsupported_variants.begin(), table->unsupported_variants.end(), c.variant) > 0)
    return {Kind::unsupported, c.statement + " / " + c.variant + " is not evaluated by the checker", 0};

  const auto expected = expected_sides(c.statement, c.variant);
  if (expected.size() != c.sides.size()) return reject("the certificate's sides do not match the statement's");
  bool any_violated = false;
  std::vector<nlohmann::json> witnesses;
  std::vector<std::optional<long long>> indices;
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const auto& s = c.sides[k];
    if (s.name != expected[k].first || s.relation != expected[k].second)
      return reject("side " + std::to_string(k) + " is \"" + s.name + "\" " + s.relation + ", expected \"" +
                    expected[k].first + "\" " + expected[k].second);
    if (c.verdict == "holds" && s.verdict != "holds") return reject("headline holds but side " + s.name + " is " + s.verdict);
    if (s.verdict == "violated") any_violated = true;
    witnesses.push_back(s.witness);
    indices.push_back(s.index);
  }
  if (c.verdict == "violated" && !any_violated) return reject("headline violated but no side is violated");

  const long cap = std::max<long>(options.max_bits, 4 * static_cast<long>(c.precision_bits));
  std::string last;
  // The first attempt is at the certificate's precision + 64 bits (at least start_bits), so that the
  // enclosure test compares the engine's ends with balls narrower than the engine's own intervals.
  const long first = std::max<long>(options.start_bits, static_cast<long>(c.precision_bits) + 64);
  for (long prec = std::min(first, cap); prec <= cap; prec *= 2) {
    std::vector<SideEval> sides;
    try {
      sides = evaluate_sides(c.statement, c.variant, c.instance, witnesses, indices, prec);
    } catch (const HypothesisError& e) {
      return reject(std::string("hypothesis fails: ") + e.what(), prec);
    } catch (const CheckUnsupported& e) {
      return {Kind::unsupported, e.what(), prec};
    } catch (const CheckUndecided& e) {
      last = std::string("undecided at ") + std::to_string(prec) + " bits: " + e.what();  // retry higher, never guess
      continue;
    }
    bool all = true;
    for (std::size_t k = 0; k < sides.size(); ++k) {
      const auto& s = sides[k];
      const auto& cs = c.sides[k];
      if (s.report_available) {
        if (disjoint(s.report_quantity, cs.quantity, prec, "sides[" + std::to_string(k) + "].quantity"))
          return reject("unsound enclosure: side " + s.name + " quantity [" + cs.quantity.lo + ", " + cs.quantity.hi +
                            "] misses Arb's " + to_string(s.report_quantity),
                        prec);
        if (disjoint(s.report_bound, cs.bound, prec, "sides[" + std::to_string(k) + "].bound"))
          return reject("unsound enclosure: side " + s.name + " bound [" + cs.bound.lo + ", " + cs.bound.hi +
                            "] misses Arb's " + to_string(s.report_bound),
                        prec);
      }
      if (cs.verdict != "holds" && cs.verdict != "violated") continue;  // not claimed: nothing to confirm
      if (side_status(s, cs) == SideStatus::pending) {
        all = false;
        last = "side " + s.name + ": claimed " + cs.verdict + " not confirmed at " + std::to_string(prec) +
               " bits (quantity " + to_string(s.pairs.empty() ? Ball(0) : s.pairs[0].first) + ", bound " +
               to_string(s.pairs.empty() ? Ball(0) : s.pairs[0].second) + ")" +
               (s.witness_note.empty() ? "" : "; witness: " + s.witness_note);
      }
    }
    if (all) return {Kind::confirmed, "", prec};
  }
  return reject(last, cap);
}

}  // namespace attnbound::check
