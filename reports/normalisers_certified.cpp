// reports/normalisers_certified.hpp: the alternatives' certified spot checks through the registry.
#include "reports/normalisers_certified.hpp"

#include "theory/alt_entmax15.hpp"
#include "theory/alt_low_temperature.hpp"
#include "theory/alt_sa_softmax.hpp"
#include "theory/alt_sparsemax.hpp"
#include "theory/alt_ssmax.hpp"
#include "theory/statement.hpp"
#include "verify/certificate.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace attnbound::reports {
namespace {

// One instance of one statement: its fields (without statement and variant) and what it is.
struct Spot {
  std::string what;
  nlohmann::json fields;
};

struct Plan {
  std::string statement;
  std::vector<Spot> spots;
};

std::vector<Plan> spot_plan(const SpotRow& row, const std::vector<double>& ssmax_scales, std::size_t top_n) {
  const nlohmann::json z = row.logits, tie = {"0", "0"};
  const std::size_t n = std::min(std::max<std::size_t>(top_n, 1), row.logits.size());
  std::vector<Plan> plan;
  plan.push_back({alt_sparsemax::info().id,
                  {{row.description, {{"logits", z}}},
                   {"tie (0, 0): ||J||_2 = 1 and ||J||_F = 1 attained", {{"logits", tie}}}}});
  plan.push_back({alt_entmax15::info().id,
                  {{row.description, {{"logits", z}}},
                   {"tie (0, 0): ||J||_2 = sqrt(max p) = 1/sqrt 2 attained", {{"logits", tie}}}}});
  Plan ss{alt_ssmax::info().id, {}};
  for (double s : ssmax_scales) {
    const std::string sd = fmt::format("{}", s);  // shortest round-trip decimal of the part's s
    ss.spots.push_back({row.description + ", s = " + sd, {{"logits", z}, {"ssmax_scale", sd}}});
  }
  ss.spots.push_back({"tie (0, 0), s = 1: ||J||_2 = log 2 / 2 attained", {{"logits", tie}, {"ssmax_scale", "1"}}});
  plan.push_back(std::move(ss));
  plan.push_back({alt_sa_softmax::info().id,
                  {{row.description, {{"logits", z}}},
                   {"tie (2, 2): ||J||_2 = 3/2 = the spectral bound", {{"logits", {"2", "2"}}}}}});
  Plan lt{alt_low_temperature::info().id, {}};
  // T = 0.1 -> 0.01: the pair of the part's temperature guideline; T = 1 -> 0.1: one decade above it.
  const std::pair<const char*, const char*> temperatures[] = {{"0.1", "0.01"}, {"1", "0.1"}};
  for (const auto& [t1, t2] : temperatures)
    lt.spots.push_back({fmt::format("{}, N = {}, T = {} -> {}", row.description, n, t1, t2),
                        {{"logits", z}, {"x", row.x}, {"top_n", n}, {"temperature", t1}, {"low_temperature", t2}}});
  plan.push_back(std::move(lt));
  return plan;
}

std::string recheck_word(const RecheckOutcome& o) {
  switch (o.kind) {
    case RecheckOutcome::Kind::confirmed: return "confirmed (Arb)";
    case RecheckOutcome::Kind::rejected: return "rejected: " + o.why;
    case RecheckOutcome::Kind::unsupported: return "unsupported: " + o.why;
  }
  return "rejected";
}

}  // namespace

SpotRow spot_row_from_doubles(const std::string& description, const std::vector<double>& z,
                              const std::vector<std::vector<double>>& x) {
  if (z.empty()) throw std::invalid_argument("spot_row_from_doubles: empty row");
  if (x.size() != z.size()) throw std::invalid_argument("spot_row_from_doubles: x needs one row per logit");
  const std::size_t L = std::min(z.size(), kSpotMaxLength);
  SpotRow row{description, {}, {}};
  for (std::size_t i = 0; i < L; ++i) {
    row.logits.push_back(fmt::format("{}", z[i]));  // shortest decimal that reads back as z[i] (fmt, Ryu-like)
    std::vector<std::string> xi;
    for (double v : x[i]) xi.push_back(fmt::format("{}", v));
    row.x.push_back(std::move(xi));
  }
  return row;
}

CertifiedChecks normalisers_certified_checks(const SpotRow& row, const std::vector<double>& ssmax_scales,
                                             std::size_t top_n, const RecheckHook& hook) {
  if (row.logits.empty()) throw std::invalid_argument("normalisers_certified_checks: empty row");
  if (row.x.size() != row.logits.size())
    throw std::invalid_argument("normalisers_certified_checks: x needs one row per logit");
  CertifiedChecks out;
  Table& t = out.table;
  t.id = "normalisers_certified_checks";
  t.title = "Certified spot checks of the alternatives' statements through the registry";
  t.caption = fmt::format(
      "Every variant of alt.sparsemax, alt.entmax15, alt.ssmax, alt.sa_softmax and alt.low_temperature certified by "
      "verify/certify at {} bits (fixed) on the part's source row and on ties where a bound is attained; each "
      "certified verdict {}. A verdict is certified only when the engine certified it and the re-check did not "
      "refuse it (else undecided, listed); an attained bound leaves the enclosures overlapping: undecided. margin: "
      "the engine's enclosure of bound - quantity (quantity - bound for >=) of the deciding side.",
      kSpotBits, hook ? "re-checked by attnbound check (Arb)" : "the engine's word (no checker attached)");
  t.columns = {{"statement", "", Column::Kind::text},    {"variant", "", Column::Kind::text},
               {"instance", "", Column::Kind::text},     {"verdict", "", Column::Kind::text},
               {"certified", "", Column::Kind::text},    {"precision", "bits", Column::Kind::exact},
               {"re-check", "", Column::Kind::text},     {"margin", "", Column::Kind::text}};
  CertifyOptions fixed;
  fixed.start_bits = fixed.max_bits = kSpotBits;  // one precision: no escalation, never "tight"
  for (const Plan& p : spot_plan(row, ssmax_scales, top_n)) {
    const Statement& st = find_statement(p.statement);
    for (const auto& var : st.info.variants)
      for (const Spot& spot : p.spots) {
        nlohmann::json j = spot.fields;
        j["statement"] = p.statement;
        j["variant"] = var.name;
        const Instance inst = Instance::from_json(j);
        const CertifiedResult res = certify(st, inst, var.name, fixed);
        const bool applies = certificate_applies(res);
        out.engine_certified += applies;
        std::string verdict = "undecided", recheck = "not re-checked (the engine did not certify it)";
        if (applies && !hook) {
          verdict = to_string(res.verdict);
          recheck = "not re-checked (no checker attached)";
        } else if (applies) {
          const std::string where = fmt::format("normalisers {}/{} at {}", p.statement, var.name, spot.what);
          RecheckOutcome o;
          try {
            o = hook(inst, res, where);
          } catch (const std::exception& e) {  // a checker that fails is a rejection, never a pass
            o = {RecheckOutcome::Kind::rejected, std::string("the re-check failed: ") + e.what()};
          }
          ++out.counts.checked;
          recheck = recheck_word(o);
          if (o.kind == RecheckOutcome::Kind::confirmed) {
            ++out.counts.confirmed;
            verdict = to_string(res.verdict);
          } else {
            const bool rejected = o.kind == RecheckOutcome::Kind::rejected;
            ++(rejected ? out.counts.rejected : out.counts.unsupported);
            out.counts.listed.push_back({where, p.statement, var.name, rejected ? "rejected" : "unsupported", o.why});
          }
        }
        out.holds += verdict == "holds";
        out.violated += verdict == "violated";
        out.undecided += verdict == "undecided";
        // The deciding side: the first whose verdict is the headline (a violated side under "violated"), else side 0.
        const auto deciding = std::find_if(res.sides.begin(), res.sides.end(),
                                           [&](const CertifiedSide& s) { return s.verdict == res.verdict; });
        const CertifiedSide& s = deciding != res.sides.end() ? *deciding : res.sides.at(0);
        const std::string margin = (res.sides.size() > 1 ? s.name + ": " : std::string()) +
                                   format_enclosure(s.margin.lo, s.margin.hi);
        t.rows.push_back({p.statement, var.name, spot.what, verdict,
                          std::string(verdict == "undecided" ? "no" : "yes"),
                          static_cast<long long>(res.precision_bits), recheck, margin});
      }
  }
  return out;
}

}  // namespace attnbound::reports
