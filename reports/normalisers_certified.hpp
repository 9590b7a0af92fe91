// Certified spot checks of the alternatives part (issue 18 item 2, "certified spot checks through the
// registry"): every variant of alt.sparsemax, alt.entmax15, alt.ssmax, alt.sa_softmax and alt.low_temperature
// (theory/alt_*.hpp) evaluated through the registry's certified path, verify/certify.hpp `certify` at one fixed
// precision (start_bits = max_bits = kSpotBits: no escalation, so never "tight"), on a few instances drawn from
// the data reports/normalisers_part measures, each certified verdict handed to the independent re-check.
//
// Instances (L <= kSpotMaxLength keeps the dense MPFI Jacobians of SA-Softmax and alt.low_temperature cheap):
//   the part's source row (SpotRow: the first GPT-2 reference row, else the first synthetic row, its first
//   kSpotMaxLength logits) for every statement; alt.ssmax at every s of the part's grid (T = 1);
//   alt.low_temperature with the row's embeddings x and N = min(top_n, L) at T = 0.1 -> 0.01 (the pair the
//   part's temperature guideline measures) and T = 1 -> 0.1;
//   a tie where a bound is attained: logits (0, 0) for alt.sparsemax (||J||_2 = 1 = bound), alt.entmax15
//   (||J||_2 = 1/sqrt 2 = sqrt(max p)) and alt.ssmax s = 1 (||J||_2 = log 2 / 2 = bound); (2, 2) for
//   alt.sa_softmax (||J||_2 = 3/2 = the spectral bound, > 1/2 of softmax_band).
// An attained bound leaves q and b overlapping unless both enclosures are exact points: the row is then the
// engine's honest "undecided" (not re-checked: nothing is certified), never "holds".
//
// Contract (soundness first, the rule of reports/reproduce_recheck.hpp applied to the headline verdict, since
// alt.low_temperature's variants have two or three sides): a row's verdict is the engine's headline (holds /
// violated) only when certificate_applies (certified, headline holds or violated) and
//   * no hook is set: the engine's word, re-check "not re-checked (no checker attached)", or
//   * the hook confirmed the certificate.
// A rejection, an "unsupported" answer, or a hook that throws (a rejection, never a pass) makes the row
// "undecided", certified = false, and lists it in CertifiedChecks::counts (recheck_table). `margin` shows the
// engine's enclosure of b - q (q - b for >=) of the deciding side (the first side whose verdict is the headline,
// else the first side), as text: evidence of attainment when an end touches 0, certified only beside a
// confirmed verdict. Paper reference: spec section 5; the statements' own references in theory/alt_*.hpp.
#pragma once

#include "reports/report.hpp"
#include "reports/reproduce_recheck.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace attnbound::reports {

inline constexpr std::size_t kSpotMaxLength = 16;
inline constexpr unsigned kSpotBits = 128;

// The row the spot checks are drawn from: exact decimals (the instance is these decimals).
struct SpotRow {
  std::string description;                  // where it comes from, e.g. "GPT-2 ex0 L0H0 last row (L = 6)"
  std::vector<std::string> logits;          // L >= 1 decimals
  std::vector<std::vector<std::string>> x;  // L rows of decimals (alt.low_temperature's embeddings)
};

// The first min(L, kSpotMaxLength) entries of z and x as shortest round-trip decimals (each decimal reads back
// as the same double; the instance is the decimal). std::invalid_argument when z is empty or x has another size.
SpotRow spot_row_from_doubles(const std::string& description, const std::vector<double>& z,
                              const std::vector<std::vector<double>>& x);

struct CertifiedChecks {
  Table table;  // "normalisers_certified_checks"
  RecheckCounts counts;  // the hook's answers and the rows it did not confirm
  std::size_t holds = 0, violated = 0, undecided = 0, engine_certified = 0;
};

// Every variant of the five statements on the instances above (std::invalid_argument for a row with no
// logits or an x of another length; InputError / HypothesisError only from a broken registry).
CertifiedChecks normalisers_certified_checks(const SpotRow& row, const std::vector<double>& ssmax_scales,
                                             std::size_t top_n, const RecheckHook& hook);

}  // namespace attnbound::reports
