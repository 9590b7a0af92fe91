#include "theory/instance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace attnbound {
namespace {

using json = nlohmann::json;

// Builds a DOM in which every floating-point literal is replaced by its exact source text, so that no
// decimal passes through a double on its way in.
class ExactDecimalSax : public nlohmann::json_sax<json> {
 public:
  json root;
  std::string error;

  bool null() override { return put(json(nullptr)); }
  bool boolean(bool v) override { return put(json(v)); }
  bool number_integer(number_integer_t v) override { return put(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(json(v)); }
  bool number_float(number_float_t, const string_t& lexeme) override { return put(json(lexeme)); }
  bool string(string_t& v) override { return put(json(v)); }
  bool binary(binary_t&) override { return put(json(nullptr)); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool key(string_t& k) override {
    pending_key_ = k;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    error = fmt::format("malformed JSON at byte {}: {}", position, ex.what());
    return false;
  }

 private:
  std::vector<json*> stack_;
  std::string pending_key_;

  json* insert(json v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    if (top.contains(pending_key_)) {
      error = fmt::format("duplicate key \"{}\"", pending_key_);
      return nullptr;
    }
    return &(top[pending_key_] = std::move(v));
  }
  bool put(json v) { return insert(std::move(v)) != nullptr; }
  bool open(json v) {
    json* p = insert(std::move(v));
    if (!p) return false;
    stack_.push_back(p);
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
};

}  // namespace

bool is_decimal(std::string_view t) {
  std::size_t i = 0, n = t.size();
  if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < n && t[i] >= '0' && t[i] <= '9') ++i, ++int_digits;
  if (i < n && t[i] == '.') {
    ++i;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i, ++exp_digits;
    // At most 8 exponent digits: 10^(10^8) needs ~3.3e8 bits of exponent, inside MPFR's default range
    // (+-(2^30 - 1)); 1e999999999 would overflow a Real to inf and turn every result into NaN.
    if (exp_digits == 0 || exp_digits > 8) return false;
  }
  return i == n;
}

std::string decimal_of(const json& v, const std::string& field) {
  if (v.is_number_integer()) return v.dump();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (is_decimal(s)) return s;
    throw InputError(field, fmt::format("\"{}\" is not a finite decimal number with an exponent of at most 8 digits (NaN and inf are not accepted)", s));
  }
  throw InputError(field, fmt::format("expected a number or a decimal string, got {}", v.type_name()));
}

json parse_json_exact(std::string_view text) {
  ExactDecimalSax sax;
  bool ok = json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true);
  if (!ok || !sax.error.empty()) throw InputError("json", sax.error.empty() ? "malformed JSON" : sax.error);
  return std::move(sax.root);
}

Instance Instance::parse(std::string_view text) { return from_json(parse_json_exact(text)); }

Instance Instance::from_json(json j) {
  if (!j.is_object()) throw InputError("json", "an instance must be a JSON object");
  Instance inst(std::move(j));
  (void)inst.statement();
  return inst;
}

const json& Instance::at(const std::string& field) const {
  auto it = json_.find(field);
  if (it == json_.end()) throw InputError(field, "required field is missing");
  return *it;
}

std::string Instance::statement() const {
  const auto& v = at("statement");
  if (!v.is_string()) throw InputError("statement", "must be a string");
  return v.get<std::string>();
}

std::string Instance::variant() const {
  if (!has("variant")) return "";
  const auto& v = at("variant");
  if (!v.is_string()) throw InputError("variant", "must be a string");
  return v.get<std::string>();
}

bool Instance::has(const std::string& field) const { return json_.contains(field) && !json_.at(field).is_null(); }

std::string Instance::decimal(const std::string& field) const { return decimal_of(at(field), field); }

std::vector<std::string> Instance::decimal_vector(const std::string& field) const {
  const auto& v = at(field);
  if (!v.is_array()) throw InputError(field, "expected an array of numbers");
  if (v.empty()) throw InputError(field, "must not be empty");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) out.push_back(decimal_of(v[i], fmt::format("{}[{}]", field, i)));
  return out;
}

std::vector<std::vector<std::string>> Instance::decimal_matrix(const std::string& field) const {
  const auto& v = at(field);
  if (!v.is_array() || v.empty()) throw InputError(field, "expected a non-empty array of rows");
  std::vector<std::vector<std::string>> out;
  for (std::size_t r = 0; r < v.size(); ++r) {
    const auto& row = v[r];
    std::string name = fmt::format("{}[{}]", field, r);
    if (!row.is_array() || row.empty()) throw InputError(name, "expected a non-empty array of numbers");
    if (!out.empty() && row.size() != out.front().size())
      throw InputError(name, fmt::format("ragged matrix: row has {} entries, row 0 has {}", row.size(), out.front().size()));
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < row.size(); ++c) cells.push_back(decimal_of(row[c], fmt::format("{}[{}]", name, c)));
    out.push_back(std::move(cells));
  }
  return out;
}

std::int64_t Instance::integer(const std::string& field) const {
  const auto& v = at(field);
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    throw InputError(field, "integer out of range");
  if (!v.is_number_integer()) throw InputError(field, "expected an integer");
  return v.get<std::int64_t>();
}

std::vector<std::int64_t> Instance::integer_vector(const std::string& field) const {
  const auto& v = at(field);
  if (!v.is_array()) throw InputError(field, "expected an array of integers");
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number_integer()) throw InputError(fmt::format("{}[{}]", field, i), "expected an integer");
    out.push_back(v[i].get<std::int64_t>());
  }
  return out;
}

std::string Instance::text(const std::string& field) const {
  const auto& v = at(field);
  if (!v.is_string()) throw InputError(field, "expected a string");
  return v.get<std::string>();
}

void Instance::check_fields(const std::vector<std::string>& allowed) const {
  for (const auto& [key, value] : json_.items()) {
    if (key == "statement" || key == "variant" || key == "comment" || key == "provenance") continue;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw InputError(key, fmt::format("unknown field for statement {} (accepted: {})", statement(), list));
    }
  }
}

}  // namespace attnbound
