// Decimal texts, handled exactly (no arithmetic): strict syntax and an exact comparison.
//
// Contract: is_strict_decimal accepts [+-]digits[.digits][(e|E)[+-]digits] with at most `max_exponent_digits`
// exponent digits (at most 19, the exponent below 9e18; MPFR's widest range prints up to about 1.4e18) and at
// most 100000 characters, nothing else (no "inf", "nan", hex, "3.", ".5").
// compare_abs_decimals(a, b) is the sign of |a| - |b| for two valid decimals, exact for any lengths and
// exponents: both are normalised to (significant digits, exponent of the leading digit) and compared.
// decimal_sign is the exact sign; compare_decimals the exact order; decimals_sum_to_one is exact.
// Reference: none (text processing, FLINT fmpz integers).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace attnbound::check {

bool is_strict_decimal(const std::string& text, int max_exponent_digits = 19);
int compare_abs_decimals(const std::string& a, const std::string& b);
int decimal_sign(const std::string& text);
// Sign of a - b, exact.
int compare_decimals(const std::string& a, const std::string& b);
// Whether the exact sum of the decimals is exactly 1 (FLINT integers after aligning the exponents);
// nullopt when the exponents spread over more than 10^6 (too costly to decide here).
std::optional<bool> decimals_sum_to_one(const std::vector<std::string>& texts);

}  // namespace attnbound::check
