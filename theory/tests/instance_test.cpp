#include "theory/instance.hpp"

#include "testing/catch.hpp"

using namespace attnbound;

namespace {
// The field an InputError names when parsing (and reading `field` of) `text` fails; "" when nothing throws.
std::string failing_field(const std::string& text, const std::function<void(const Instance&)>& read = {}) {
  try {
    const Instance inst = Instance::parse(text);
    if (read) read(inst);
  } catch (const InputError& e) {
    // One line, naming the field first.
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
    CHECK(std::string(e.what()).rfind(e.field() + ": ", 0) == 0);
    return e.field();
  }
  return "";
}
}  // namespace

TEST_CASE("instance: JSON number literals keep their exact decimal text", "[instance]") {
  const Instance inst = Instance::parse(
      R"({"statement": "s", "logits": [0.1, 1e-400, 12345678901234567890123, -7, 2.50E+3, "0.3"], "temperature": 0.1})");
  CHECK(inst.decimal_vector("logits") ==
        std::vector<std::string>{"0.1", "1e-400", "12345678901234567890123", "-7", "2.50E+3", "0.3"});
  CHECK(inst.decimal("temperature") == "0.1");
  PrecisionScope scope(256);
  // Read as one tenth at 256 bits, not as the double nearest to it.
  CHECK(inst.scalar<Real>("temperature") == from_decimal<Real>("0.1"));
  CHECK(inst.scalar<Real>("temperature") != Real(0.1));
  const Interval t = inst.scalar<Interval>("temperature");
  CHECK(lower_end(t) < upper_end(t));
  CHECK(inst.vector<Real>("logits")[1] > 0);  // 1e-400 is below the double range, not 0
  CHECK(inst.statement() == "s");
  CHECK(inst.variant() == "");
}

TEST_CASE("instance: NaN, inf, hex and other non-decimals are rejected naming the element", "[instance][bad-input]") {
  for (const char* bad : {"\"NaN\"", "\"inf\"", "\"-Infinity\"", "\"0x1p3\"", "\"1e\"", "\".\"", "\"\"", "\"1,5\"",
                          "\" 1\"", "true", "null", "[1]", "{}"}) {
    INFO("logits[1] = " << bad);
    CHECK(failing_field(std::string(R"({"statement":"s","logits":[0,)") + bad + "]}",
                        [](const Instance& i) { i.decimal_vector("logits"); }) == "logits[1]");
  }
  // Bare NaN / Infinity are not JSON at all.
  CHECK(failing_field(R"({"statement":"s","logits":[NaN]})") == "json");
  CHECK(failing_field(R"({"statement":"s","logits":[Infinity]})") == "json");
  CHECK(failing_field(R"({"statement":"s","temperature":"-inf"})", [](const Instance& i) { i.decimal("temperature"); }) ==
        "temperature");
  CHECK(failing_field(R"({"statement":"s","logits":[]})", [](const Instance& i) { i.decimal_vector("logits"); }) ==
        "logits");
  CHECK(failing_field(R"({"statement":"s","logits":5})", [](const Instance& i) { i.decimal_vector("logits"); }) ==
        "logits");
}

TEST_CASE("instance: is_decimal accepts exactly the finite decimals", "[instance]") {
  for (const char* ok : {"0", "-0", "+1", "1.", ".5", "1.5e-3", "2E+10", "007", "-0.000"}) CHECK(is_decimal(ok));
  for (const char* bad : {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "nan", "inf", "1 ", "1e1234567890"})
    CHECK_FALSE(is_decimal(bad));
  // Exponents are limited to 8 digits: 1e999999999 would overflow a Real (MPFR's exponent range is about
  // +-3.2e8 decimal orders) to inf, and every result computed from it would be NaN.
  CHECK(is_decimal("1e99999999"));
  CHECK(is_decimal("-2.5e-99999999"));
  CHECK_FALSE(is_decimal("1e999999999"));
  CHECK_FALSE(is_decimal("1e-999999999"));
  PrecisionScope scope(64);
  CHECK(boost::multiprecision::isfinite(from_decimal<Real>("9.9e99999999")));
  CHECK(from_decimal<Real>("1e-99999999") > 0);
}

TEST_CASE("instance: matrices reject ragged and malformed rows naming the row", "[instance][bad-input]") {
  const auto read_x = [](const Instance& i) { i.decimal_matrix("x"); };
  CHECK(failing_field(R"({"statement":"s","x":[[1,2],[3]]})", read_x) == "x[1]");
  CHECK(failing_field(R"({"statement":"s","x":[[1,2],5]})", read_x) == "x[1]");
  CHECK(failing_field(R"({"statement":"s","x":[[1,2],[3,"nan"]]})", read_x) == "x[1][1]");
  CHECK(failing_field(R"({"statement":"s","x":[]})", read_x) == "x");
  const Instance inst = Instance::parse(R"({"statement":"s","x":[[1,0.5],[-2,"3e2"]]})");
  CHECK(inst.decimal_matrix("x") == std::vector<std::vector<std::string>>{{"1", "0.5"}, {"-2", "3e2"}});
  PrecisionScope scope(64);
  CHECK(inst.matrix<Real>("x")[1][1] == 300);
}

TEST_CASE("instance: duplicate keys, malformed JSON and non-objects are errors of the field json", "[instance][bad-input]") {
  CHECK(failing_field(R"({"statement":"s","logits":[1],"logits":[2]})") == "json");
  CHECK(failing_field(R"({"statement":"s","x":{"a":1,"a":2}})") == "json");
  CHECK(failing_field(R"({"statement": )") == "json");
  CHECK(failing_field(R"({"statement":"s",})") == "json");
  CHECK(failing_field(R"({"statement":"s"} trailing)") == "json");
  CHECK(failing_field("") == "json");
  CHECK(failing_field("[1, 2]") == "json");
  CHECK(failing_field("3") == "json");
  try {
    Instance::parse(R"({"statement":"s","logits":[1],"logits":[2]})");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("duplicate key \"logits\"") != std::string::npos);
  }
}

TEST_CASE("instance: required fields, types, integers and unknown fields", "[instance][bad-input]") {
  CHECK(failing_field(R"({"logits":[1]})") == "statement");
  CHECK(failing_field(R"({"statement":3})") == "statement");
  CHECK(failing_field(R"({"statement":"s","variant":1})", [](const Instance& i) { i.variant(); }) == "variant");
  CHECK(failing_field(R"({"statement":"s"})", [](const Instance& i) { i.decimal("temperature"); }) == "temperature");
  CHECK(failing_field(R"({"statement":"s","top_n":2.5})", [](const Instance& i) { i.integer("top_n"); }) == "top_n");
  CHECK(failing_field(R"({"statement":"s","top_n":"2"})", [](const Instance& i) { i.integer("top_n"); }) == "top_n");
  CHECK(failing_field(R"({"statement":"s","top_n":18446744073709551615})", [](const Instance& i) { i.integer("top_n"); }) ==
        "top_n");
  CHECK(failing_field(R"({"statement":"s","idx":[1,2.5]})", [](const Instance& i) { i.integer_vector("idx"); }) ==
        "idx[1]");
  CHECK(failing_field(R"({"statement":"s","norm":1})", [](const Instance& i) { i.text("norm"); }) == "norm");
  const Instance inst =
      Instance::parse(R"({"statement":"s","variant":"v","top_n":3,"idx":[0,2],"comment":"x","logits":[1],"tempreature":1})");
  CHECK(inst.integer("top_n") == 3);
  CHECK(inst.integer_vector("idx") == std::vector<std::int64_t>{0, 2});
  CHECK(inst.variant() == "v");
  CHECK(inst.has("logits"));
  CHECK_FALSE(inst.has("temperature"));
  // A typo must not be ignored: the unknown field is named; statement, variant and comment are always allowed.
  CHECK(failing_field(R"({"statement":"s","variant":"v","comment":"x","logits":[1],"tempreature":1})",
                      [](const Instance& i) { i.check_fields({"logits", "temperature"}); }) == "tempreature");
  CHECK_NOTHROW(Instance::parse(R"({"statement":"s","comment":"c","logits":[1]})").check_fields({"logits"}));
  CHECK(failing_field(R"({"statement":"s"})", [](const Instance&) { Instance::from_json(nlohmann::json::array()); }) ==
        "json");
}
