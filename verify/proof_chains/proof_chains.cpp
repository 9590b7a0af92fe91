// The table of proof chains, built from the registry's X-macro so that every statement id has its chain.
#include "verify/proof_chains/proof_chains.hpp"

#include "theory/statement_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace attnbound {

const std::vector<ProofChain>& proof_chains() {
  static const std::vector<ProofChain> chains{
#define ATTNBOUND_PROOF_CHAIN(ns) ns##_proof_chain(),
      ATTNBOUND_STATEMENTS(ATTNBOUND_PROOF_CHAIN)
#undef ATTNBOUND_PROOF_CHAIN
  };
  return chains;
}

namespace proof_chain {

const Interval& detail(const Evaluation<Interval>& e, const std::string& name) {
  for (const auto& [key, value] : e.details)
    if (key == name) return value;
  throw std::logic_error("proof replay: the evaluation has no detail \"" + name + "\"");
}

Interval count(std::size_t n) { return Interval(static_cast<long long>(n)); }

EvalOptions exhaustive_enumeration(std::size_t L, std::size_t N, const EvalOptions& opt) {
  if (binomial_capped(L, N, kReplayMaxSubsets) > kReplayMaxSubsets)
    throw InputError("top_n", fmt::format("the proof replay enumerates all C(L, N) subsets at every precision and "
                                          "C({}, {}) > {}; `attnbound eval` estimates this instance by Monte Carlo",
                                          L, N, kReplayMaxSubsets));
  EvalOptions exhaustive = opt;
  exhaustive.max_enumeration = std::max(opt.max_enumeration, kReplayMaxSubsets);
  return exhaustive;
}

}  // namespace proof_chain
}  // namespace attnbound
