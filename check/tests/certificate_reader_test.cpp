// read_certificate: structure and syntax errors are InputErrors naming the field.
#include "check/certificate_reader.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

using namespace attnbound;

namespace {
nlohmann::json minimal() {
  return nlohmann::json::parse(R"({"format":"attnbound-certificate","version":1,
    "instance":{"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"1"},
    "statement":"cor3.softmax_jacobian","variant":"spectral","verdict":"violated","certified":true,"precision_bits":261,
    "sides":[{"name":"claim","relation":"at_most","verdict":"violated","quantity":{"lo":"5e-1","hi":"5e-1"},
              "bound":{"lo":"2.5e-1","hi":"2.5e-1"}}]})");
}

std::string error_of(const nlohmann::json& j) {
  try {
    (void)check::read_certificate(j);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("certificate reader: a well-formed certificate is read", "[check][certificate_reader]") {
  const auto c = check::read_certificate(minimal());
  CHECK(c.statement == "cor3.softmax_jacobian");
  CHECK(c.sides.size() == 1);
  CHECK(c.sides[0].quantity.lo == "5e-1");
  CHECK(c.precision_bits == 261);
  CHECK(check::is_certificate(minimal()));
}

TEST_CASE("certificate reader: missing fields, wrong types and bad decimals name the field", "[check][certificate_reader]") {
  CHECK(error_of(nlohmann::json::array()).find("certificate") != std::string::npos);
  auto j = minimal();
  j.erase("sides");
  CHECK(error_of(j) == "sides: missing");
  j = minimal();
  j["version"] = 2;
  CHECK(error_of(j).find("version") == 0);
  j = minimal();
  j["certified"] = "yes";
  CHECK(error_of(j) == "certified: expected true or false");
  j = minimal();
  j["sides"][0]["quantity"]["lo"] = "nan";  // "inf" / "-inf" are accepted as ends (an overflowed end)
  CHECK(error_of(j).find("sides[0].quantity.lo") == 0);
  j = minimal();
  j["sides"][0]["quantity"]["hi"] = 0.5;  // a double literal would not be exact
  CHECK(error_of(j).find("must be a string") != std::string::npos);
  j = minimal();
  j["sides"][0]["relation"] = "<=";
  CHECK(error_of(j).find("sides[0].relation") == 0);
  j = minimal();
  j["sides"][0].erase("bound");
  CHECK(error_of(j) == "sides[0].bound: missing");
  j = minimal();
  j["sides"][0]["index"] = -1;
  CHECK(error_of(j).find("sides[0].index") == 0);
  j = minimal();
  j["format"] = "something-else";
  CHECK(error_of(j).find("format") == 0);
}
