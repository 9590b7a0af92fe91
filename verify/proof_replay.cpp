// The proof replay engine (verify/proof_replay.hpp): encloses each step of a statement's chain
// (verify/proof_chains/<id>.cpp) at rising precision and classifies it from the enclosures alone.
#include "verify/proof_replay.hpp"

#include "theory/errors.hpp"
#include "theory/statement.hpp"

#include <fmt/format.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace attnbound {
namespace {

Range range_text(const Interval& x) {
  auto z = [](std::string t) { return t == "-0" ? std::string("0") : t; };
  return {z(to_decimal_down(lower_end(x))), z(to_decimal_up(upper_end(x))), width_upper(x)};
}

}  // namespace

ProofResult replay_proof(const Instance& inst, unsigned start_bits, unsigned max_bits, const EvalOptions& eval) {
  const std::string id = inst.statement();
  const Statement& st = find_statement(id);  // InputError("statement") naming the known ids
  const ProofChain* chain = nullptr;
  for (const auto& c : proof_chains())
    if (c.statement == id) chain = &c;
  // Every registry id has its chain (verify/proof_chains/proof_chains.cpp builds the table from the registry).
  if (!chain) throw std::logic_error(fmt::format("proof replay: no chain for registry statement \"{}\"", id));
  ProofResult r;
  r.statement = id;
  r.variant = st.resolve_variant(inst.variant());
  r.derivation = chain->derivation;
  r.monte_carlo = eval;
  const unsigned start = std::max(start_bits, 16u), cap = std::max(max_bits, start);
  // Per step: did the margin enclose 0 at every precision so far, and did it contract fast enough.
  std::vector<bool> zero_every;
  std::vector<double> last_log2_width;  // log2: widths fall below double's range from about 1100 bits on
  unsigned last_bits = 0, passes = 0;
  for (unsigned bits = start;; bits = std::min(cap, bits * 2)) {
    ++passes;
    PrecisionScope scope(bits);
    const std::vector<ProofStepValue> steps = chain->steps(inst, r.variant, eval);
    if (zero_every.empty()) {
      zero_every.assign(steps.size(), true);
      last_log2_width.assign(steps.size(), INFINITY);
    }
    r.steps.clear();
    bool all_decided = true;
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const auto& st_v = steps[k];
      const Interval m = st_v.rhs - st_v.lhs;
      const Real lo = lower_end(m), hi = upper_end(m);
      const double log2_w = log2_width_upper(m);
      const bool has_zero = lo <= 0 && hi >= 0;
      const bool contracting = last_bits == 0 || log2_w <= last_log2_width[k] - static_cast<double>(last_bits / 4);
      zero_every[k] = zero_every[k] && has_zero && contracting;
      last_log2_width[k] = log2_w;
      ProofStepResult s;
      s.name = st_v.name;
      s.claim = st_v.claim;
      s.kind = st_v.kind;
      s.statistical = st_v.statistical;
      s.lhs = range_text(st_v.lhs);
      s.rhs = range_text(st_v.rhs);
      s.slack = range_text(m);
      const double scale = std::max(std::fabs(approx(st_v.lhs)), std::fabs(approx(st_v.rhs)));
      if (scale > 0) s.relative_slack = approx(m) / scale;
      if (st_v.kind == StepKind::identity) {
        if (lo > 0 || hi < 0) s.status = "false";
        else s.status = "undecided";
      } else {
        if (hi < 0) s.status = "false";
        else if (lo > 0) s.status = (s.relative_slack && *s.relative_slack <= std::ldexp(1.0, -20)) ? "tight" : "slack";
        else s.status = "undecided";
      }
      // A Monte Carlo interval does not shrink with the precision: escalating cannot decide it.
      if (s.status == "undecided" && !s.statistical) all_decided = false;
      r.steps.push_back(std::move(s));
    }
    r.precision_bits = PrecisionScope::current_bits();
    last_bits = r.precision_bits;
    if (all_decided || bits >= cap) break;
  }
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    auto& s = r.steps[k];
    // exact needs the contraction seen over at least two precisions.
    if (s.status == "undecided" && zero_every[k] && passes > 1) s.status = "exact";
    if (s.statistical) r.certified = false;
    auto& first = s.statistical ? r.first_false_statistical : r.first_false;
    if (s.status == "false" && !first) first = k;
  }
  return r;
}

nlohmann::json to_json(const ProofResult& r) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : r.steps) {
    nlohmann::json j{{"step", s.name},
                     {"claim", s.claim},
                     {"kind", s.kind == StepKind::identity ? "identity" : "inequality"},
                     {"status", s.status},
                     {"lhs", {{"lo", s.lhs.lo}, {"hi", s.lhs.hi}}},
                     {"rhs", {{"lo", s.rhs.lo}, {"hi", s.rhs.hi}}},
                     {"slack", {{"lo", s.slack.lo}, {"hi", s.slack.hi}}}};
    if (s.relative_slack) j["relative_slack"] = *s.relative_slack;
    // A proof's word only: false, slack and tight are decided by the enclosures; exact (converging evidence
    // of equality) and undecided prove nothing, and a Monte Carlo step never does.
    j["certified"] = !s.statistical && (s.status == "false" || s.status == "slack" || s.status == "tight");
    j["method"] = s.statistical ? "monte-carlo" : "interval";
    steps.push_back(std::move(j));
  }
  nlohmann::json out{{"statement", r.statement}, {"variant", r.variant}, {"derivation", r.derivation},
                     {"precision_bits", r.precision_bits}, {"certified", r.certified}, {"steps", steps}};
  const auto name_of = [&](const std::optional<std::size_t>& k) {
    return k ? nlohmann::json(r.steps[*k].name) : nlohmann::json(nullptr);
  };
  out["first_false_step"] = name_of(r.first_false);
  if (!r.certified) {
    out["first_false_step_statistical"] = name_of(r.first_false_statistical);
    out["monte_carlo"] = {{"seed", r.monte_carlo.seed},
                          {"samples", r.monte_carlo.monte_carlo_samples},
                          {"confidence", r.monte_carlo.confidence}};
  }
  return out;
}

std::string format_text(const ProofResult& r) {
  std::string out = fmt::format("proof replay: {} / {} ({}), intervals at {} bits\n", r.statement, r.variant,
                                r.derivation, r.precision_bits);
  if (!r.certified)
    out += fmt::format("  MC = a side is a Monte Carlo confidence interval (seed {}, {} samples, confidence {}): "
                       "that step's status is statistical, NOT certified\n",
                       r.monte_carlo.seed, r.monte_carlo.monte_carlo_samples, r.monte_carlo.confidence);
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    const auto& s = r.steps[k];
    std::string detail;
    if (s.status == "slack" || s.status == "tight")
      detail = fmt::format("  slack >= {:.6g} (relative {:.3g})", std::stod(s.slack.lo), s.relative_slack.value_or(0));
    if (s.status == "false")
      detail = fmt::format("  lhs - rhs >= {:.6g}", -std::stod(s.slack.hi));
    out += fmt::format("  {}. [{:<9}] {:<3}{:<28} {}{}\n", k + 1, s.status, s.statistical ? "MC" : "", s.name, s.claim,
                       detail);
  }
  if (r.first_false)
    out += fmt::format("first false step: {}. {}\n", *r.first_false + 1, r.steps[*r.first_false].name);
  if (r.first_false_statistical)
    out += fmt::format("first statistically false step (Monte Carlo, not certified): {}. {}\n",
                       *r.first_false_statistical + 1, r.steps[*r.first_false_statistical].name);
  if (!r.first_false && !r.first_false_statistical) out += "no false step\n";
  return out;
}

}  // namespace attnbound
