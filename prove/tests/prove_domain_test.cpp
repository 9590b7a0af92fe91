// The prove domain: defaults, the reductions it states, and every bad input named.
#include "prove/prove_domain.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"

using namespace attnbound;
using namespace attnbound::prove;

TEST_CASE("prove domain: defaults and reductions", "[prove][prove_domain]") {
  const ProveDomain d = make_domain("cor3.softmax_jacobian.corrected", "", 4, nullptr);
  CHECK(d.variant == "spectral");
  CHECK(d.lo == -40);
  CHECK(d.hi == 0);
  REQUIRE(d.reductions().size() == 3);
  CHECK(d.reductions()[1].rfind("scaling", 0) == 0);
  const ProveDomain paper = make_domain("cor3.softmax_jacobian", "frobenius", 2,
                                        parse_json_exact(R"({"logits": {"lo": "-0.5", "hi": "0"}, "temperature": "0.1"})"));
  CHECK(paper.lo == -0.5);
  CHECK(paper.temperature == "0.1");
  CHECK(paper.reductions()[1].rfind("no scaling", 0) == 0);
  CHECK(paper.to_json().at("temperature") == "0.1");
}

TEST_CASE("prove domain: thm1.fixed defaults, x box and reductions", "[prove][prove_domain]") {
  const ProveDomain d = make_domain("thm1.fixed", "", 4, nullptr, 2);
  CHECK(d.variant == "tight");
  CHECK(d.lo == -4);
  CHECK(d.hi == 0);
  CHECK(d.x_lo == -2);
  CHECK(d.x_hi == 2);
  CHECK(d.dim == 2);
  CHECK(d.top_n == 3);  // default L - 1
  CHECK(d.x_rotation());
  REQUIRE(d.reductions().size() == 5);
  CHECK(d.reductions()[3].rfind("x scaling", 0) == 0);
  CHECK(d.to_json().at("top_n") == 3);
  const ProveDomain e = make_domain("thm1.fixed", "tight", 3, parse_json_exact(R"({"x": {"lo": "0.5", "hi": "1"}, "logits": {"lo": "-2", "hi": "-1"}})"), 1, 1);
  CHECK(e.x_lo == 0.5);
  CHECK(e.lo == -2);
  CHECK(e.top_n == 1);
  CHECK_FALSE(e.x_rotation());
  CHECK(e.reductions().size() == 4);
}

TEST_CASE("prove domain: bad input names the field", "[prove][prove_domain]") {
  auto field_of = [](auto&& f) {
    try {
      f();
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const auto dom = [](const char* text) { return parse_json_exact(text); };
  CHECK_THAT(field_of([] { make_domain("thm1.random", "", 2, nullptr); }), Catch::Contains("statement"));
  CHECK_THAT(field_of([] { make_domain("thm1.fixed", "loose", 2, nullptr); }), Catch::Contains("variant"));
  CHECK_THAT(field_of([] { make_domain("thm1.fixed", "", 7, nullptr); }), Catch::Contains("length"));
  CHECK_THAT(field_of([] { make_domain("thm1.fixed", "", 3, nullptr, 4); }), Catch::Contains("dim"));
  CHECK_THAT(field_of([] { make_domain("thm1.fixed", "", 3, nullptr, 1, 3); }), Catch::Contains("top-n"));
  CHECK_THAT(field_of([&] { make_domain("thm1.fixed", "", 2, dom(R"({"x": {"lo": "1", "hi": "-1"}})")); }), Catch::Contains("domain.x"));
  CHECK_THAT(field_of([&] { make_domain("thm1.fixed", "", 2, dom(R"({"x": {"lo": "-0.1", "hi": "1"}})")); }),
             Catch::Contains("not exactly a double"));
  CHECK_THAT(field_of([&] { make_domain("lemma2.jacobian", "", 2, dom(R"({"x": {"lo": "-1", "hi": "1"}})")); }),
             Catch::Contains("unknown field"));
  CHECK_THAT(field_of([] { make_domain("cor3.softmax_jacobian.corrected", "max_weight", 2, nullptr); }), Catch::Contains("variant"));
  CHECK_THAT(field_of([] { make_domain("cor3.softmax_jacobian.corrected", "", 1, nullptr); }), Catch::Contains("length"));
  CHECK_THAT(field_of([] { make_domain("lemma2.jacobian", "per_weight", 2, nullptr); }), Catch::Contains("variant"));
  CHECK_THAT(field_of([] { make_domain("cor3.softmax_jacobian.corrected", "", 13, nullptr); }), Catch::Contains("length"));
  CHECK_THAT(field_of([&] { make_domain("cor3.softmax_jacobian.corrected", "", 2, dom(R"({"logits": {"lo": "-0.1", "hi": "0"}})")); }),
             Catch::Contains("not exactly a double"));
  CHECK_THAT(field_of([&] { make_domain("cor3.softmax_jacobian.corrected", "", 2, dom(R"({"logits": {"lo": "-1", "hi": "0.5"}})")); }),
             Catch::Contains("hi <= 0"));
  CHECK_THAT(field_of([&] { make_domain("cor3.softmax_jacobian.corrected", "", 2, dom(R"({"logits": {"lo": "0", "hi": "0"}})")); }),
             Catch::Contains("lo < hi"));
  CHECK_THAT(field_of([&] { make_domain("cor3.softmax_jacobian.corrected", "", 2, dom(R"({"logits": {"lo": "-800", "hi": "0"}})")); }),
             Catch::Contains("-700"));
  CHECK_THAT(field_of([&] { make_domain("cor3.softmax_jacobian", "", 2, dom(R"({"temperature": "0"})")); }),
             Catch::Contains("temperature"));
  CHECK_THAT(field_of([&] { make_domain("cor3.softmax_jacobian", "", 2, dom(R"({"logit": {"lo": "-1", "hi": "0"}})")); }),
             Catch::Contains("unknown field"));
  CHECK_THAT(field_of([&] { make_domain("cor3.softmax_jacobian", "", 2, dom(R"({"logits": {"lo": "x", "hi": "0"}})")); }),
             Catch::Contains("domain.logits.lo"));
}
