#include "theory/evaluate_point.hpp"

#include "testing/catch.hpp"

using namespace attnbound;

TEST_CASE("evaluate_point: Corollary 3 at a two-way tie, the README's known answer", "[evaluate_point]") {
  const Instance inst = Instance::parse(
      R"({"statement":"cor3.softmax_jacobian","variant":"spectral","logits":["0","0"],"temperature":"1"})");
  const nlohmann::json j = evaluate_point(inst, 256);
  CHECK(j["statement"] == "cor3.softmax_jacobian");
  CHECK(j["variant"] == "spectral");
  CHECK(j["quantity"]["lo"] == "5e-1");
  CHECK(j["quantity"]["hi"] == "5e-1");
  CHECK(j["bound"]["lo"] == "2.5e-1");
  CHECK(j["verdict"] == "violated");
  CHECK(j["precision_bits"].get<unsigned>() >= 256);
  CHECK(j["certified"] == false);  // a point evaluation says so
  CHECK(j["method"] == "closed-form");
  CHECK(j["details"]["max_weight"] == "5e-1");
  CHECK_FALSE(j.contains("sides"));  // one-sided claim
}

TEST_CASE("evaluate_point: default variant, precision and a holding verdict", "[evaluate_point]") {
  const Instance inst = Instance::parse(R"({"statement":"cor3.softmax_jacobian.corrected","logits":[0,3],"temperature":1})");
  const nlohmann::json j = evaluate_point(inst, 64);
  CHECK(j["variant"] == "spectral");
  CHECK(j["verdict"] == "holds");
  CHECK(j["precision_bits"].get<unsigned>() >= 64);
  CHECK(j["precision_bits"].get<unsigned>() < 256);
  // Values round-trip at the reported precision: 64-bit strings are shorter than 256-bit ones.
  const nlohmann::json k = evaluate_point(inst, 256);
  CHECK(j["quantity"]["lo"].get<std::string>().size() < k["quantity"]["lo"].get<std::string>().size());
  PrecisionScope scope(256);
  CHECK(abs(from_decimal<Real>(j["quantity"]["lo"].get<std::string>()) -
            from_decimal<Real>(k["quantity"]["lo"].get<std::string>())) < Real(1e-18));
}

TEST_CASE("evaluate_point: bad input names the field", "[evaluate_point][bad-input]") {
  const auto field_of = [](const std::string& text) -> std::string {
    try {
      evaluate_point(Instance::parse(text), 128);
    } catch (const InputError& e) {
      return e.field();
    }
    return "";
  };
  CHECK(field_of(R"({"statement":"nope","logits":[0],"temperature":1})") == "statement");
  CHECK(field_of(R"({"statement":"cor3.softmax_jacobian","variant":"nope","logits":[0],"temperature":1})") == "variant");
  CHECK(field_of(R"({"statement":"cor3.softmax_jacobian","logits":[0],"temperature":0})") == "temperature");
  CHECK(field_of(R"({"statement":"cor3.softmax_jacobian","logits":[0],"temperature":1,"extra":1})") == "extra");
  CHECK(field_of(R"({"statement":"cor3.softmax_jacobian","logits":["nan"],"temperature":1})") == "logits[0]");
  // A finite decimal beyond MPFR's exponent range is refused at input, rather than evaluated to NaN.
  CHECK(field_of(R"({"statement":"cor3.softmax_jacobian","logits":["1e999999999","0"],"temperature":1})") == "logits[0]");
  // As a JSON number literal beyond the double range it is refused by the JSON reader ("number overflow").
  CHECK(field_of(R"({"statement":"cor3.softmax_jacobian","logits":[1e400,0],"temperature":1})") == "json");
}

TEST_CASE("evaluate_point: verdict names and point verdicts of both relations", "[evaluate_point]") {
  CHECK(std::string(to_string(Verdict::holds)) == "holds");
  CHECK(std::string(to_string(Verdict::violated)) == "violated");
  CHECK(std::string(to_string(Verdict::undecided)) == "undecided");
  CHECK(std::string(to_string(Verdict::tight)) == "tight");
  Side<double> upper{"upper", Relation::at_most, 1.0, 1.0, std::nullopt};
  CHECK(point_verdict(upper) == Verdict::holds);  // equality holds
  upper.quantity = 1.5;
  CHECK(point_verdict(upper) == Verdict::violated);
  Side<double> lower{"lower", Relation::at_least, 2.0, 1.0, std::nullopt};
  CHECK(point_verdict(lower) == Verdict::holds);
  lower.quantity = 0.5;
  CHECK(point_verdict(lower) == Verdict::violated);
}
