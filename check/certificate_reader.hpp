// The certificate format (version 1), as the checker reads it; verify/certificate.hpp writes it.
//
//   {"format": "attnbound-certificate", "version": 1,
//    "instance": {...},                  the instance JSON as given (decimals as strings or JSON integers)
//    "statement": ID, "variant": V,      V resolved (the default when the instance names none)
//    "verdict": "holds" | "violated",    the engine's headline verdict
//    "certified": true,                  a certificate with false is skipped (counted "skipped")
//    "precision_bits": P,                the engine's working precision
//    "sides": [{"name": N, "relation": "at_most" | "at_least", "verdict": V, "index": I (optional),
//               "quantity": {"lo": D, "hi": D}, "bound": {"lo": D, "hi": D},   (D: a decimal, or inf / -inf)
//               "witness": {...} (optional; spectral sides: {"shift": D, "vector": [D, ...]})}]}
// Contract: read_certificate validates the structure and syntax of every field (decimals strictly, see
// check/decimal.hpp) and throws InputError naming the field at fault; it does not judge the mathematics.
// JSON number literals with a fraction or exponent are refused in a certificate (they would pass through a
// double); integers are accepted and read exactly.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace attnbound::check {

inline constexpr const char* kCertificateFormat = "attnbound-certificate";
inline constexpr int kCertificateVersion = 1;

struct DecimalRange {
  std::string lo, hi;
};

struct CertificateSide {
  std::string name;
  std::string relation;  // "at_most" | "at_least"
  std::string verdict;   // "holds" | "violated" | "undecided" | "tight"
  std::optional<long long> index;
  DecimalRange quantity, bound;
  nlohmann::json witness;  // null when absent
};

struct Certificate {
  nlohmann::json instance;
  std::string statement, variant, verdict;
  bool certified = false;
  long long precision_bits = 0;
  std::vector<CertificateSide> sides;
};

// True when j looks like a certificate (has "format": "attnbound-certificate").
bool is_certificate(const nlohmann::json& j);
Certificate read_certificate(const nlohmann::json& j);
// Decimal text of an instance value: a string (validated) or a JSON integer; InputError(field) otherwise.
std::string decimal_text(const nlohmann::json& v, const std::string& field, int max_exponent_digits = 19);
// An enclosure end: a decimal, or "inf" / "-inf" (the engine prints an overflowed end so).
std::string end_text(const nlohmann::json& v, const std::string& field);

}  // namespace attnbound::check
