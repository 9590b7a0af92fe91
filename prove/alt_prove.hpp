// `attnbound prove` for the alternatives (issue 18): alt.ssmax spectral by reduction onto the corrected Corollary 3
// (prove/alt_ssmax_reduction.hpp), alt.sparsemax spectral / frobenius / softmax_bound, alt.ssmax max_weight and
// alt.entmax15 spectral / max_weight by a closed-form argument (prove/alt_closed_form.hpp). Other alt.* statements and
// variants: InputError naming what is covered (sa_softmax, low_temperature, the vanishing, cor3_transfer and
// two_token variants are not; prove/README.md says why).
//
// Domain (the same file as prove/prove_domain.hpp): {"logits": {"lo", "hi"}} (exact doubles, -700 <= lo < hi <= 0;
// default [-40, 0]); alt.ssmax also reads "temperature" T > 0 and "ssmax_scale" s > 0 (decimals, default 1). The
// domain is every logit vector l with max l = 0 after the shift (SSMax and sparsemax are shift invariant) and every
// other l_i in [lo, hi]; sparsemax and entmax-1.5 have no temperature (a "temperature" field is an InputError).
// Output: `output` is the command's JSON (statement, variant, domain, method, reductions, argument / note,
// target_ratio, status, sup_ratio {lo, hi}, ...), `certificate` the file for `attnbound check`
// (check/check_prove_alt.hpp re-derives it).
#pragma once

#include "prove/branch_and_bound.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace attnbound::prove {

// The domain of an alternative's run, validated.
struct AltDomain {
  std::string statement, variant;
  int length = 2;
  std::string lo_text = "-40", hi_text = "0";
  double lo = -40, hi = 0;
  std::string temperature = "1", ssmax_scale = "1";  // alt.ssmax only
  nlohmann::json to_json() const;
};

struct AltProveOutput {
  nlohmann::json output, certificate;
};

bool is_alt_prove_statement(const std::string& statement);

// Validates (InputError naming the field) and parses the domain of an alternative; 2 <= length <= 12.
AltDomain make_alt_domain(const std::string& statement, const std::string& variant, int length,
                          const nlohmann::json& domain_file_json);

AltProveOutput prove_alt(const AltDomain& d, const ProveOptions& o);

}  // namespace attnbound::prove
