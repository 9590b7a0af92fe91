#include "theory/statement.hpp"

#include "testing/catch.hpp"

#include <set>

using namespace attnbound;

TEST_CASE("statement: registry ids are unique and every statement is complete", "[statement]") {
  const auto& all = all_statements();
  REQUIRE_FALSE(all.empty());
  std::set<std::string> ids;
  for (const auto& s : all) {
    INFO(s.info.id);
    CHECK(ids.insert(s.info.id).second);
    CHECK_FALSE(s.info.title.empty());
    CHECK_FALSE(s.info.paper_ref.empty());
    CHECK_FALSE(s.info.variants.empty());
    std::set<std::string> variants;
    for (const auto& v : s.info.variants) CHECK(variants.insert(v.name).second);
    CHECK(s.evaluate_double != nullptr);
    CHECK(s.evaluate_real != nullptr);
    CHECK(s.evaluate_interval != nullptr);
    CHECK(&find_statement(s.info.id) == &s);
    CHECK(s.resolve_variant("") == s.info.variants.front().name);
    for (const auto& v : s.info.variants) CHECK(s.resolve_variant(v.name) == v.name);
  }
  CHECK(ids.count("cor3.softmax_jacobian") == 1);
  CHECK(ids.count("cor3.softmax_jacobian.corrected") == 1);
}

TEST_CASE("statement: unknown id and unknown variant are input errors listing what is known", "[statement][bad-input]") {
  try {
    find_statement("thm9.nope");
    FAIL("accepted");
  } catch (const InputError& e) {
    CHECK(e.field() == "statement");
    CHECK(std::string(e.what()).find("thm9.nope") != std::string::npos);
    CHECK(std::string(e.what()).find("cor3.softmax_jacobian") != std::string::npos);
  }
  const Statement& cor3 = find_statement("cor3.softmax_jacobian");
  try {
    cor3.resolve_variant("operator");
    FAIL("accepted");
  } catch (const InputError& e) {
    CHECK(e.field() == "variant");
    CHECK(std::string(e.what()).find("spectral") != std::string::npos);
  }
  CHECK_THROWS_AS(find_statement(""), InputError);
}

TEST_CASE("statement: the three evaluators agree, the interval one encloses the Real one", "[statement][interval]") {
  const Statement& cor3 = find_statement("cor3.softmax_jacobian");
  const Instance inst = Instance::parse(R"({"statement":"cor3.softmax_jacobian","logits":["0.1","-0.3","2"],"temperature":"0.7"})");
  for (const auto& v : cor3.info.variants) {
    INFO(v.name);
    const Evaluation<double> d = cor3.evaluate_double(inst, v.name, {});
    Evaluation<Interval> i;
    {
      PrecisionScope scope(53);
      i = cor3.evaluate_interval(inst, v.name, {});
    }
    PrecisionScope scope(1000);
    const Evaluation<Real> r = cor3.evaluate_real(inst, v.name, {});
    REQUIRE(r.sides.size() == 1);
    CHECK(d.sides[0].quantity == Approx(static_cast<double>(r.sides[0].quantity)).epsilon(1e-12));
    CHECK(lower_end(i.sides[0].quantity) <= r.sides[0].quantity);
    CHECK(r.sides[0].quantity <= upper_end(i.sides[0].quantity));
    CHECK(lower_end(i.sides[0].bound) <= r.sides[0].bound);
    CHECK(r.sides[0].bound <= upper_end(i.sides[0].bound));
  }
}
