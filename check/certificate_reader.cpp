// Structural reading of a certificate (check/certificate_reader.hpp); no mathematics here.
#include "check/certificate_reader.hpp"

#include "check/decimal.hpp"
#include "theory/errors.hpp"

namespace attnbound::check {
namespace {

const nlohmann::json& member(const nlohmann::json& j, const std::string& key, const std::string& where) {
  if (!j.is_object()) throw InputError(where, "expected a JSON object");
  auto it = j.find(key);
  if (it == j.end()) throw InputError(where.empty() ? key : where + "." + key, "missing");
  return *it;
}

std::string string_member(const nlohmann::json& j, const std::string& key, const std::string& where) {
  const auto& v = member(j, key, where);
  if (!v.is_string()) throw InputError(where.empty() ? key : where + "." + key, "expected a string");
  return v.get<std::string>();
}

DecimalRange range_member(const nlohmann::json& j, const std::string& key, const std::string& where) {
  const std::string w = where + "." + key;
  const auto& r = member(j, key, where);
  return {end_text(member(r, "lo", w), w + ".lo"), end_text(member(r, "hi", w), w + ".hi")};
}

}  // namespace

std::string decimal_text(const nlohmann::json& v, const std::string& field, int max_exponent_digits) {
  if (v.is_number_integer()) return v.dump();
  if (!v.is_string())
    throw InputError(field, v.is_number() ? "a decimal with a fraction or an exponent must be a string here"
                                          : "expected a decimal string");
  const std::string t = v.get<std::string>();
  if (!is_strict_decimal(t, max_exponent_digits))
    throw InputError(field, "\"" + t.substr(0, 40) + "\" is not a finite decimal number");
  return t;
}

std::string end_text(const nlohmann::json& v, const std::string& field) {
  if (v.is_string() && (v == "inf" || v == "-inf" || v == "+inf")) return v.get<std::string>();
  return decimal_text(v, field);
}

bool is_certificate(const nlohmann::json& j) {
  return j.is_object() && j.contains("format") && j["format"] == kCertificateFormat;
}

Certificate read_certificate(const nlohmann::json& j) {
  if (!j.is_object()) throw InputError("certificate", "expected a JSON object");
  if (string_member(j, "format", "") != kCertificateFormat)
    throw InputError("format", std::string("expected \"") + kCertificateFormat + "\"");
  const auto& version = member(j, "version", "");
  if (!version.is_number_integer() || version.get<long long>() != kCertificateVersion)
    throw InputError("version", "unsupported certificate version (this checker reads version 1)");
  Certificate c;
  c.instance = member(j, "instance", "");
  if (!c.instance.is_object()) throw InputError("instance", "expected a JSON object");
  c.statement = string_member(j, "statement", "");
  c.variant = string_member(j, "variant", "");
  c.verdict = string_member(j, "verdict", "");
  const auto& cert = member(j, "certified", "");
  if (!cert.is_boolean()) throw InputError("certified", "expected true or false");
  c.certified = cert.get<bool>();
  const auto& bits = member(j, "precision_bits", "");
  if (!bits.is_number_integer() || bits.get<long long>() < 2 || bits.get<long long>() > (1LL << 20))
    throw InputError("precision_bits", "expected an integer in [2, 2^20] (eval's --max-precision range)");
  c.precision_bits = bits.get<long long>();
  const auto& sides = member(j, "sides", "");
  if (!sides.is_array() || sides.empty()) throw InputError("sides", "expected a non-empty array");
  for (std::size_t k = 0; k < sides.size(); ++k) {
    const std::string w = "sides[" + std::to_string(k) + "]";
    const auto& s = sides[k];
    CertificateSide side;
    side.name = string_member(s, "name", w);
    side.relation = string_member(s, "relation", w);
    if (side.relation != "at_most" && side.relation != "at_least")
      throw InputError(w + ".relation", "expected \"at_most\" or \"at_least\"");
    side.verdict = string_member(s, "verdict", w);
    if (s.contains("index")) {
      if (!s["index"].is_number_integer() || s["index"].get<long long>() < 0)
        throw InputError(w + ".index", "expected a nonnegative integer");
      side.index = s["index"].get<long long>();
    }
    side.quantity = range_member(s, "quantity", w);
    side.bound = range_member(s, "bound", w);
    if (s.contains("witness")) {
      side.witness = s["witness"];
      if (!side.witness.is_object()) throw InputError(w + ".witness", "expected a JSON object");
    }
    c.sides.push_back(std::move(side));
  }
  return c;
}

}  // namespace attnbound::check
