// The proof chains of `attnbound proof`, one per statement of the registry (theory/statement_list.hpp):
// verify/proof_chains/<id with '.' -> '_'>.cpp defines <namespace>_proof_chain(), the statement's derivation
// as a list of steps (verify/proof_replay.hpp says how each step is enclosed, escalated and classified).
//
// Contract: proof_chains() (declared in verify/proof_replay.hpp, defined in proof_chains.cpp) lists one
// chain per ATTNBOUND_STATEMENTS entry, in the registry's order, each naming its statement by the
// statement's own info().id; a registry entry without a <namespace>_proof_chain() here does not compile.
// Every step is an (in)equality between two interval enclosures computed from the instance; a chain never
// decides a step itself (the engine does, from the enclosures).
#pragma once

#include "theory/scalar.hpp"
#include "theory/statement.hpp"
#include "verify/proof_replay.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace attnbound {

ProofChain lemma1_vanishing_proof_chain();
ProofChain cor1_softmax_weights_proof_chain();
ProofChain thm1_fixed_proof_chain();
ProofChain thm1_random_proof_chain();
ProofChain cor2_regimes_proof_chain();
ProofChain thm2_lower_proof_chain();
ProofChain thm2_upper_proof_chain();
ProofChain lemma2_jacobian_proof_chain();
ProofChain cor3_softmax_jacobian_proof_chain();
ProofChain cor3_softmax_jacobian_corrected_proof_chain();
ProofChain alg5_fd_gradient_proof_chain();
ProofChain alt_sparsemax_proof_chain();
ProofChain alt_entmax15_proof_chain();
ProofChain alt_ssmax_proof_chain();
ProofChain alt_sa_softmax_proof_chain();
ProofChain alt_low_temperature_proof_chain();

namespace proof_chain {

// A named intermediate value of the statement's own evaluation (the claim's sides come from there too);
// std::logic_error when the evaluation has no such detail.
const Interval& detail(const Evaluation<Interval>& e, const std::string& name);

// n as an exact interval.
Interval count(std::size_t n);

// Options under which a statement's expectation over a uniform top-N set is the exact mean over all C(L, N)
// subsets (the chains of thm1.random and cor2.regimes enumerate them at every precision): `opt` with
// max_enumeration raised to kReplayMaxSubsets; InputError("top_n") when C(L, N) > kReplayMaxSubsets.
EvalOptions exhaustive_enumeration(std::size_t L, std::size_t N, const EvalOptions& opt);

// Calls visit(in) for every subset of {0..L-1} of size N (in: membership), as the permutations of a 0/1 mask.
template <class Visit> void for_each_subset(std::size_t L, std::size_t N, Visit&& visit) {
  std::vector<char> mask(L, 0);
  std::fill(mask.begin(), mask.begin() + static_cast<std::ptrdiff_t>(N), 1);
  std::vector<bool> in(L);
  do {
    for (std::size_t i = 0; i < L; ++i) in[i] = mask[i] != 0;
    visit(in);
  } while (std::prev_permutation(mask.begin(), mask.end()));
}

}  // namespace proof_chain
}  // namespace attnbound
