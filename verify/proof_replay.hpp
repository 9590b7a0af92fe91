// Proof replay: the spec's derivation of a statement as a chain of intermediate (in)equalities, each
// evaluated in interval arithmetic on one instance.
//
// Contract: a chain is a list of steps "lhs = rhs" (identity) or "lhs <= rhs" (inequality), consecutive
// steps sharing their ends, the last one the statement's claim. Each step is enclosed at 64, 128, ... bits
// up to the cap (default 512) until decided, and classified:
//   exact      an identity or inequality met with equality: rhs - lhs enclosed 0 at every precision and
//              contracted by >= 2^(bits/4) per doubling (as certify's "tight": evidence, not a proof)
//   tight      an inequality certified to hold with slack rhs - lhs > 0 but <= 2^-20 max(|lhs|, |rhs|)
//   slack      certified to hold with the reported slack (absolute and relative)
//   false      certified to fail: lhs > rhs (or lhs != rhs for an identity)
//   undecided  none of the above at the cap
// The first false step is named: it is where the derivation breaks on this instance.
// Paper reference: spec section 2 (Corollary 3's 1/(4T) reading of the diagonal, Theorem 1's 4-line
// derivation, Corollary 1 via Lemma 1, Lemma 1's constants).
#pragma once

#include "theory/instance.hpp"
#include "theory/scalar.hpp"
#include "verify/certify.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace attnbound {

enum class StepKind { identity, at_most };

struct ProofStepValue {
  std::string name;   // short, e.g. "triangle"
  std::string claim;  // the step in symbols
  StepKind kind = StepKind::at_most;
  Interval lhs, rhs;
};

using ProofChainFn = std::vector<ProofStepValue> (*)(const Instance&, const std::string& variant);

struct ProofChain {
  std::string statement;
  std::string derivation;  // where the chain comes from
  ProofChainFn steps;
};

// The statements with a replayable derivation.
const std::vector<ProofChain>& proof_chains();

struct ProofStepResult {
  std::string name, claim, status;  // status: exact | tight | slack | false | undecided
  StepKind kind = StepKind::at_most;
  Range lhs, rhs, slack;              // slack = rhs - lhs
  std::optional<double> relative_slack;  // slack / max(|lhs|, |rhs|), approximate
};

struct ProofResult {
  std::string statement, variant, derivation;
  std::vector<ProofStepResult> steps;
  std::optional<std::size_t> first_false;  // index into steps
  unsigned precision_bits = 0;
};

// InputError("statement") when the statement has no replayable derivation; the statement's own input
// errors otherwise.
ProofResult replay_proof(const Instance& inst, unsigned start_bits = 64, unsigned max_bits = 512);

nlohmann::json to_json(const ProofResult& r);
std::string format_text(const ProofResult& r);

}  // namespace attnbound
