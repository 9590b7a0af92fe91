// The certified sample of `attnbound reproduce --model`: `certify_rows` rows of thm1.fixed (tight), the worst
// d~/bound row of window 1 first, then seeded random (head, row) pairs, each evaluated through the statement
// registry (verify/certify at certify_bits, fixed) from the exact decimals of the float scores and x, each
// certificate re-checked by context.recheck_verdict when set (reports/reproduce_recheck.hpp); a row is
// undecided when a discrete choice is not certified or the checker does not confirm its certificate.
#pragma once

#include "gpt2/forward.hpp"
#include "reports/reproduce_model_rows.hpp"

#include <optional>

namespace attnbound::reports {

// Window 1 of the forward loop: its captures and its per-head results (layer-major, `count` heads).
struct FirstWindow {
  const std::vector<gpt2::Capture>* captures = nullptr;
  const HeadResult* heads = nullptr;
  std::size_t count = 0;
  int n_head = 0, length = 0, dim = 0;  // heads per layer, tokens per window, width of x
};

struct CertifiedParts {
  std::optional<Table> table;  // model_certified, when rows were certified
  VerdictRow verdict;          // thm1.fixed, tight
  RecheckCounts recheck;       // the re-check of the certified rows (empty without context.recheck_verdict)
};

// worst_ratio / fixed_evals: the double scan of Algorithm 1 (reports/reproduce_model_alg12.hpp). The seed of
// the random rows is splitmix64(options.seed ^ 0xce47) (mt19937_64).
CertifiedParts certified_parts(const ModelRun& run, const FirstWindow& first, double worst_ratio, std::size_t fixed_evals,
                               const PartContext& ctx);

}  // namespace attnbound::reports
