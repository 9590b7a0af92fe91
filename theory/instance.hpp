// An instance: the inputs of one statement, read from JSON with exact decimals.
//
// Numbers may be JSON numbers or decimal strings; both are kept as their decimal text, so "0.1" and 0.1
// both mean one tenth exactly and are converted to each scalar at use (rounded for Real, enclosed for
// Interval). NaN, inf, hex and anything that is not a finite decimal are rejected with an InputError that
// names the field. Indices are 0-based.
#pragma once

#include "theory/errors.hpp"
#include "theory/scalar.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attnbound {

// Parses JSON text keeping every floating-point literal as its exact source text (a JSON string), so no
// decimal passes through a double. Throws InputError("json", ...) on malformed JSON or a duplicate key.
nlohmann::json parse_json_exact(std::string_view text);

// True if text is a finite decimal: [+-]digits[.digits][(e|E)[+-]digits].
bool is_decimal(std::string_view text);

class Instance {
 public:
  // Parses JSON text; every JSON number keeps its literal text. Throws InputError("json", ...) on bad JSON.
  static Instance parse(std::string_view text);
  static Instance from_json(nlohmann::json j);  // numbers in j must already be decimal strings or integers

  const nlohmann::json& raw() const { return json_; }
  std::string statement() const;  // required, string
  std::string variant() const;    // "" when absent

  bool has(const std::string& field) const;
  // Decimal text of a scalar field (validated).
  std::string decimal(const std::string& field) const;
  std::vector<std::string> decimal_vector(const std::string& field) const;
  std::vector<std::vector<std::string>> decimal_matrix(const std::string& field) const;  // rejects ragged rows
  std::int64_t integer(const std::string& field) const;
  std::string text(const std::string& field) const;
  std::vector<std::int64_t> integer_vector(const std::string& field) const;

  template <class S> S scalar(const std::string& field) const { return from_decimal<S>(decimal(field)); }
  template <class S> Vec<S> vector(const std::string& field) const {
    Vec<S> out;
    for (const auto& t : decimal_vector(field)) out.push_back(from_decimal<S>(t));
    return out;
  }
  template <class S> Mat<S> matrix(const std::string& field) const {
    Mat<S> out;
    for (const auto& row : decimal_matrix(field)) {
      Vec<S> r;
      for (const auto& t : row) r.push_back(from_decimal<S>(t));
      out.push_back(std::move(r));
    }
    return out;
  }
  // Rejects any field not in `allowed` (typos must not be silently ignored).
  void check_fields(const std::vector<std::string>& allowed) const;

 private:
  explicit Instance(nlohmann::json j) : json_(std::move(j)) {}
  const nlohmann::json& at(const std::string& field) const;
  nlohmann::json json_;
};

// Decimal text of a JSON value that is a number literal or a decimal string; throws InputError(field).
std::string decimal_of(const nlohmann::json& v, const std::string& field);

}  // namespace attnbound
