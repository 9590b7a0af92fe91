// `attnbound prove`: interval branch-and-bound of sup over a domain of ratio = ||J|| / bound for the
// Corollary 3 family and Lemma 2 (F = exp), issue 14 item 1, and of d~ / bound for Theorem 1 part 1 (thm1.fixed,
// tight; the box also holds x, and a box is pruned when it holds no sorted point or no point of the x box's
// surface; "closed" means d~ <= target * bound on the box, proved in that form: prove/thm1_ratio_enclosure.hpp).
//
// Algorithm. Depth-first over boxes of the reduced domain (z_1 = 0, z_2..z_L in [lo, hi], sorted), starting from
// the whole cube; each box is, in this order:
//   pruned      when it holds no sorted point (lo_j > hi_i for some i < j; the permutation reduction);
//   closed      when the certified upper bound U of the ratio over it (prove/cor3_ratio_enclosure.hpp; times
//               kappa_hi >= 1 / (2 min{1/4, sqrt 2 T}) for the paper's form) is <= the target, rounded down;
//   refuted     when U > target and the double estimate at its centre is > 1 + 2^-40 (above double noise): the centre becomes an instance
//               (shortest decimals) that the engine certifies (verify/certify.hpp); a certified violation is
//               shrunk (counterexamples/shrink.hpp) and ends the run (at most kMaxRefutationAttempts tries);
//   split       at the centre of the coordinate the enclosure names (bisection), children left first;
//   open        when the budget (seconds or boxes) ran out, or the box cannot be split (depth cap, or the
//               centre equals an end).
// Status: "refuted" (a certified counterexample), "proved" (every non-pruned leaf closed: sup ratio <= target
// over the whole domain), else "incomplete" with the open boxes, their volume and their largest U.
// sup_ratio.hi: the largest U over the closed and open leaves (a certified upper end of the sup; for a refuted
// run the search stopped early and no upper end is claimed). sup_ratio.lo: the engine's certified lower end
// of the ratio at the best centre seen (largest double estimate), so lo <= sup <= hi.
// Determinism: the box order, the splits and every bound are double arithmetic in a fixed order; with
// max_boxes binding (not the seconds) the tree and every number but `seconds` are the same on every run.
// Distribution (issue 17): the nodes above depth kFrontierDepth form the top of the tree, which every process
// computes identically; the subtrees rooted at that depth are taken by the processes of the MPI job from a shared
// counter (scaleout/process_group.hpp: dynamic balance, each process in increasing index order), each explored
// depth-first, and rank 0 splices their results into the top in preorder. The split is the same for every process count (one process too), so a run that no
// budget cuts short gives the same tree, leaf_upper, counts, sup_ratio and certificate, byte for byte, for every
// K; with a budget, each process has --budget seconds and ceil(--max-boxes / K) boxes. The best point is the
// first maximum in preorder, the refutation the first in preorder (a process stops at its first one; the
// subtrees before it in preorder are explored in full by their owners). kMaxRefutationAttempts applies per
// subtree (and to the top), so it too is the same for every K. Ranks other than 0 return status "worker".
// The tree (preorder): one character per node, 'A' + k - 1 for a split of coordinate k (z_1 is coordinate 0,
// never split), 'c' closed, 'p' pruned, 'o' open; leaf_upper lists U for each 'c' and 'o' leaf in order.
#pragma once

#include "prove/prove_domain.hpp"
#include "theory/double_interval.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace attnbound::prove {

inline constexpr int kMaxRefutationAttempts = 64;
// Depth of the frontier subtrees. The trees are lopsided: boxes pile up near the attainment set, which is the
// last subtree in preorder, so it is handed out last. Corrected Corollary 3, per_weight, L = 9 (2,944,821 nodes):
// at depth 20 that last subtree holds 463,561 nodes (16%; measured speed-up of 2 processes 1.69x), at depth 24
// 187,219 (6%) with 58,921 nodes (2%) above the frontier, which every process computes.
inline constexpr int kFrontierDepth = 24;
// thm1.fixed: its boxes have up to 23 free coordinates and few close near the root, so the top part to depth 24
// could hold millions of frontier subtrees (each a box in memory, each evaluated once more when a budget ends the
// run); depth 12 holds at most 4096.
inline constexpr int kThm1FrontierDepth = 12;

struct ProveOptions {
  std::string target_ratio = "1";  // decimal: proved when sup ratio <= this
  double budget_seconds = 60;
  std::uint64_t max_boxes = 0;     // 0: no cap; a binding cap (not the seconds) makes the run reproducible
  int max_depth = 400;
  std::string corpus_dir;          // refuted: the shrunk counterexample is written there when set
};

struct OpenBox {
  std::vector<DoubleInterval> box;
  double upper = 0;
  int depth = 0;
};

struct ProveResult {
  std::string status;              // "proved" | "refuted" | "incomplete"
  std::string stopped_by;          // "closed" | "seconds" | "boxes" | "counterexample" | "unsplittable"
  std::string sup_lo;              // decimal, certified (rounded down); "" when no point was certified
  nlohmann::json sup_lo_instance;  // the instance it was certified on
  double sup_hi = std::numeric_limits<double>::infinity();
  std::uint64_t boxes = 0, closed = 0, pruned = 0, open = 0;
  int max_depth = 0;
  double seconds = 0;
  std::string tree;
  std::vector<double> leaf_upper;
  std::vector<OpenBox> open_boxes;  // the first kListedOpenBoxes
  double open_volume = 0, domain_volume = 0;
  int refutation_attempts = 0;
  std::vector<std::uint64_t> boxes_per_process;  // rank 0: the subtree boxes each process explored (schedule-dependent)
  nlohmann::json counterexample;   // refuted: {"instance", "certificate", "shrink_steps", "corpus_file"}
};

inline constexpr std::size_t kListedOpenBoxes = 10;

using ProveProgress = std::function<void(const ProveResult& so_far)>;

ProveResult prove(const ProveDomain& domain, const ProveOptions& options, const ProveProgress& progress = {});

// The command's JSON: statement, variant, domain, reductions, target_ratio, status, sup_ratio {lo, hi}, boxes,
// boxes_per_second, closed, pruned, open (count, volume, largest upper end, the first boxes), max_depth, seconds,
// counterexample, precision ("double intervals, outward rounding; the counterexample and sup_ratio.lo: MPFI").
nlohmann::json to_json(const ProveResult& r, const ProveDomain& d, const ProveOptions& o);

// The certificate for `attnbound check` (check/check_prove.hpp): {"format": "attnbound-prove-certificate",
// "version": 1, statement, variant, domain, reductions, target_ratio, status, sup_ratio, tree, leaf_upper,
// counterexample}.
nlohmann::json make_prove_certificate(const ProveResult& r, const ProveDomain& d, const ProveOptions& o);

// Shortest decimal of a double that converts back to it (the text of box ends and certificate numbers).
std::string double_text(double v);

}  // namespace attnbound::prove
