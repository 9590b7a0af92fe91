// Proof replay: the spec's derivation of a statement as a chain of intermediate (in)equalities, each
// evaluated in interval arithmetic on one instance.
//
// Contract: a chain is a list of steps "lhs = rhs" (identity) or "lhs <= rhs" (inequality), consecutive
// steps sharing their ends where the derivation is a single chain, the last one the statement's claim
// (whose sides are the statement's own evaluation, theory/statement.hpp). Each step is enclosed at 64, 128,
// ... bits up to the cap (default 512) until decided, and classified:
//   exact      an identity or inequality met with equality: rhs - lhs enclosed 0 at every precision and
//              contracted by >= 2^(bits/4) per doubling (as certify's "tight": evidence, not a proof)
//   tight      an inequality certified to hold with slack rhs - lhs > 0 but <= 2^-20 max(|lhs|, |rhs|)
//   slack      certified to hold with the reported slack (absolute and relative)
//   false      certified to fail: lhs > rhs (or lhs != rhs for an identity)
//   undecided  none of the above at the cap
// A step's "certified" in the JSON is true only for the decided words (false, slack, tight) of a
// non-statistical step: exact is evidence of equality and undecided says nothing.
// Statistical steps (ProofStepValue::statistical): a side is a Monte Carlo estimate (Theorem 2's
// probabilities and moments under Assumption 1), given as its normal-approximation confidence interval at
// EvalOptions::confidence (a zero sample variance gives a zero-width interval). The same classification is
// applied to those intervals, but it is NOT certified: when both sides are statistical the margin rhs - lhs
// holds at confidence >= 1 - 2(1 - confidence) (Bonferroni). Such steps are not escalated (their width does
// not shrink with the precision), are reported with "certified": false, and a statistically false step is
// named separately (first_false_statistical) from the first certified false step (first_false).
// Enumerated expectations (Theorem 1 random: every C(L, N) subset, at most kReplayMaxSubsets) are exact
// and interval-certified like any other step.
// Paper reference: spec section 2 (Lemma 1's constants, Corollary 1 via Lemma 1, Theorem 1's 4-line
// derivation and its random-I_N Jensen / sampling-without-replacement steps, Corollary 2's triangle bound,
// Theorem 2's Markov + Cauchy-Schwarz lower and Hoeffding upper bounds, Lemma 2's exact Jacobian and norm
// bounds, Corollary 3's 1/(4T) reading of the diagonal), section 6 E1 (the corrected Corollary 3 by
// Popoviciu's inequality) and 1.6 (Algorithm 5). Each chain lives in verify/proof_chains/<id>.cpp.
#pragma once

#include "theory/instance.hpp"
#include "theory/scalar.hpp"
#include "verify/certify.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attnbound {

enum class StepKind { identity, at_most };

struct ProofStepValue {
  ProofStepValue(std::string step_name, std::string step_claim, StepKind step_kind, Interval left, Interval right,
                 bool is_statistical = false)
      : name(std::move(step_name)), claim(std::move(step_claim)), kind(step_kind), lhs(std::move(left)),
        rhs(std::move(right)), statistical(is_statistical) {}
  std::string name;   // short, e.g. "triangle"
  std::string claim;  // the step in symbols
  StepKind kind = StepKind::at_most;
  Interval lhs, rhs;
  bool statistical = false;  // a side is a Monte Carlo confidence interval: not certified
};

using ProofChainFn = std::vector<ProofStepValue> (*)(const Instance&, const std::string& variant, const EvalOptions&);

// Theorem 1 random: the replay enumerates all C(L, N) subsets at every precision; beyond this it refuses.
inline constexpr std::uint64_t kReplayMaxSubsets = 100000;

struct ProofChain {
  std::string statement;
  std::string derivation;  // where the chain comes from
  ProofChainFn steps;
};

// One chain per registry statement, in the registry's order (verify/proof_chains/proof_chains.hpp).
const std::vector<ProofChain>& proof_chains();

struct ProofStepResult {
  std::string name, claim, status;  // status: exact | tight | slack | false | undecided
  StepKind kind = StepKind::at_most;
  bool statistical = false;  // Monte Carlo side(s): the status is a statistical judgement, not certified
  Range lhs, rhs, slack;              // slack = rhs - lhs
  std::optional<double> relative_slack;  // slack / max(|lhs|, |rhs|), approximate
};

struct ProofResult {
  std::string statement, variant, derivation;
  std::vector<ProofStepResult> steps;
  std::optional<std::size_t> first_false;              // first certified false step (index into steps)
  std::optional<std::size_t> first_false_statistical;  // first statistically false step, if any
  unsigned precision_bits = 0;
  bool certified = true;  // false when some step is statistical
  EvalOptions monte_carlo;  // seed, samples and confidence of the statistical steps (reported if any)
};

// InputError("statement") when the id is not a registry statement's; the statement's own input errors
// otherwise. `eval` gives the Monte Carlo seed, sample count and confidence (statistical steps) and
// the statement's own evaluation options.
ProofResult replay_proof(const Instance& inst, unsigned start_bits = 64, unsigned max_bits = 512,
                         const EvalOptions& eval = {});

nlohmann::json to_json(const ProofResult& r);
std::string format_text(const ProofResult& r);

}  // namespace attnbound
