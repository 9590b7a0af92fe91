// prove/alt_closed_form.hpp: the closed-form sup ratios of sparsemax and the SSMax max_weight form, with the point
// certified by the engine.
#include "prove/alt_closed_form.hpp"
#include "testing/catch.hpp"
#include "theory/instance.hpp"

#include <cstdlib>

using namespace attnbound;
using namespace attnbound::prove;

namespace {
AltProveOutput run(const std::string& statement, const std::string& variant, int L, const std::string& target = "1",
                   const nlohmann::json& domain = nullptr) {
  ProveOptions o;
  o.target_ratio = target;
  return prove_closed_form(make_alt_domain(statement, variant, L, domain), o);
}
}  // namespace

TEST_CASE("alt closed form: sparsemax spectral and frobenius are proved with sup exactly 1", "[prove][alt_closed_form]") {
  for (int L : {2, 3, 7}) {
    for (const char* v : {"spectral", "frobenius"}) {
      INFO(v << " L = " << L);
      const nlohmann::json j = run("alt.sparsemax", v, L).output;
      CHECK(j.at("status") == "proved");
      CHECK(j.at("method") == "closed-form");
      CHECK(j.at("sup_ratio").at("lo") == "1");
      CHECK(j.at("sup_ratio").at("hi") == "1");
      CHECK(j.at("argument").get<std::string>().find("rank |K| - 1") != std::string::npos);
      CHECK(j.at("sup_ratio").at("lo_instance").at("logits").size() == static_cast<std::size_t>(L));
    }
  }
  // A target below the attained sup cannot be proved.
  CHECK(run("alt.sparsemax", "spectral", 3, "0.99").output.at("status") == "incomplete");
}

TEST_CASE("alt closed form: sparsemax softmax_bound is refuted at the tie with a certified counterexample", "[prove][alt_closed_form]") {
  const AltProveOutput r = run("alt.sparsemax", "softmax_bound", 4);
  CHECK(r.output.at("status") == "refuted");
  CHECK(r.output.at("sup_ratio").at("hi") == "2");
  CHECK(r.certificate.at("counterexample").at("certificate").at("verdict") == "violated");
  // Every other logit at most -1: |K| = 1 everywhere, J = 0, the bound 1/2 holds (sup 0).
  const nlohmann::json far = run("alt.sparsemax", "softmax_bound", 4, "1", {{"logits", {{"lo", "-9"}, {"hi", "-1"}}}}).output;
  CHECK(far.at("status") == "proved");
  CHECK(far.at("sup_ratio").at("hi") == "0");
  CHECK(far.at("sup_ratio").at("lo") == "0");
}

TEST_CASE("alt closed form: SSMax max_weight is <= 1 with a certified lower end near 1 at all-equal logits", "[prove][alt_closed_form]") {
  const nlohmann::json j = run("alt.ssmax", "max_weight", 5).output;
  CHECK(j.at("status") == "proved");
  CHECK(j.at("sup_ratio").at("hi") == "1");
  const double lo = std::strtod(j.at("sup_ratio").at("lo").get<std::string>().c_str(), nullptr);
  CHECK(lo <= 1);
  CHECK(lo > 1 - 1e-12);
  CHECK(alt_corner_instance(make_alt_domain("alt.ssmax", "max_weight", 3, nullptr)).at("logits") ==
        nlohmann::json::array({"0", "0", "0"}));
}

TEST_CASE("alt closed form: engine_ratio_lower is below the exact ratio", "[prove][alt_closed_form]") {
  const nlohmann::json inst{{"statement", "alt.ssmax"}, {"variant", "spectral"}, {"logits", {"0", "-1", "-2"}}};
  const CertifiedResult r = certify(Instance::from_json(inst));
  const std::string lo = engine_ratio_lower(r);
  REQUIRE(!lo.empty());
  const double q = std::strtod(r.sides[0].quantity.lo.c_str(), nullptr), b = std::strtod(r.sides[0].bound.hi.c_str(), nullptr);
  CHECK(std::strtod(lo.c_str(), nullptr) < q / b);
  CHECK(std::strtod(lo.c_str(), nullptr) > q / b * (1 - 1e-14));
}

TEST_CASE("alt closed form: entmax-1.5 spectral and max_weight are <= 1, lo at a two-way tie and at all-equal logits", "[prove][alt_closed_form]") {
  for (int L : {2, 3, 4}) {
    INFO("L = " << L);
    const nlohmann::json s = run("alt.entmax15", "spectral", L).output;
    CHECK(s.at("status") == "proved");
    CHECK(s.at("sup_ratio").at("hi") == "1");
    const double lo = std::strtod(s.at("sup_ratio").at("lo").get<std::string>().c_str(), nullptr);
    CHECK(lo <= 0.70710678118654757);  // 1/sqrt 2 at the two-way tie (0, 0, -40, ...), from below
    CHECK(lo > 0.7071067811865);
    const nlohmann::json m = run("alt.entmax15", "max_weight", L).output;
    CHECK(m.at("status") == "proved");
    CHECK(std::strtod(m.at("sup_ratio").at("lo").get<std::string>().c_str(), nullptr) > 1 - 1e-12);
  }
  CHECK(alt_corner_instance(make_alt_domain("alt.entmax15", "spectral", 3, nullptr)).at("logits") ==
        nlohmann::json::array({"0", "0", "-40"}));
}
