// The checker's own reader of an instance's fields (not theory/instance.hpp): decimal texts, validated
// strictly (check/decimal.hpp, exponents of at most 8 digits as in the instance format), and an allow-list of
// fields so that a field the checker does not know cannot change the meaning silently.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace attnbound::check {

class InstanceReader {
 public:
  explicit InstanceReader(const nlohmann::json& instance) : j_(instance) {}
  // InputError naming the first field outside `allowed` (statement, variant, comment, provenance always pass).
  void allow_only(const std::vector<std::string>& allowed) const;
  bool has(const std::string& field) const { return j_.contains(field); }
  std::string text(const std::string& field) const;
  std::string decimal(const std::string& field) const;
  std::vector<std::string> decimal_vector(const std::string& field) const;  // non-empty
  std::vector<std::vector<std::string>> decimal_matrix(const std::string& field) const;  // non-empty, rectangular
  long long integer(const std::string& field) const;                  // a JSON integer (or an integer decimal text)
  std::vector<long long> integer_vector(const std::string& field) const;

 private:
  const nlohmann::json& at(const std::string& field) const;
  const nlohmann::json& j_;
};

}  // namespace attnbound::check
