// check/instance_reader.hpp.
#include "check/instance_reader.hpp"

#include "check/certificate_reader.hpp"
#include "theory/errors.hpp"

#include <algorithm>

namespace attnbound::check {

void InstanceReader::allow_only(const std::vector<std::string>& allowed) const {
  for (auto it = j_.begin(); it != j_.end(); ++it) {
    const std::string& k = it.key();
    if (k == "statement" || k == "variant" || k == "comment" || k == "provenance") continue;
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      throw InputError("instance." + k, "not a field of this statement for the checker");
  }
}

const nlohmann::json& InstanceReader::at(const std::string& field) const {
  auto it = j_.find(field);
  if (it == j_.end()) throw InputError("instance." + field, "missing");
  return *it;
}

std::string InstanceReader::text(const std::string& field) const {
  const auto& v = at(field);
  if (!v.is_string()) throw InputError("instance." + field, "expected a string");
  return v.get<std::string>();
}

std::string InstanceReader::decimal(const std::string& field) const {
  return decimal_text(at(field), "instance." + field, 8);
}

std::vector<std::string> InstanceReader::decimal_vector(const std::string& field) const {
  const auto& v = at(field);
  if (!v.is_array() || v.empty()) throw InputError("instance." + field, "expected a non-empty array of decimals");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i)
    out.push_back(decimal_text(v[i], "instance." + field + "[" + std::to_string(i) + "]", 8));
  return out;
}

std::vector<std::vector<std::string>> InstanceReader::decimal_matrix(const std::string& field) const {
  const auto& v = at(field);
  if (!v.is_array() || v.empty()) throw InputError("instance." + field, "expected a non-empty array of rows");
  std::vector<std::vector<std::string>> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string w = "instance." + field + "[" + std::to_string(i) + "]";
    if (!v[i].is_array() || v[i].empty()) throw InputError(w, "expected a non-empty array of decimals");
    std::vector<std::string> row;
    for (std::size_t k = 0; k < v[i].size(); ++k) row.push_back(decimal_text(v[i][k], w + "[" + std::to_string(k) + "]", 8));
    if (!out.empty() && row.size() != out[0].size()) throw InputError(w, "rows differ in length");
    out.push_back(std::move(row));
  }
  return out;
}

long long InstanceReader::integer(const std::string& field) const {
  const auto& v = at(field);
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_string()) {
    const std::string t = v.get<std::string>();
    std::size_t i = (t.size() > 1 && (t[0] == '-' || t[0] == '+')) ? 1 : 0;
    bool digits = i < t.size() && t.size() - i <= 18;
    for (std::size_t k = i; k < t.size() && digits; ++k) digits = t[k] >= '0' && t[k] <= '9';
    if (digits) return std::stoll(t);
  }
  throw InputError("instance." + field, "expected an integer");
}

std::vector<long long> InstanceReader::integer_vector(const std::string& field) const {
  const auto& v = at(field);
  if (!v.is_array()) throw InputError("instance." + field, "expected an array of integers");
  std::vector<long long> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number_integer()) throw InputError("instance." + field + "[" + std::to_string(i) + "]", "expected an integer");
    out.push_back(v[i].get<long long>());
  }
  return out;
}

}  // namespace attnbound::check
