// prove/alt_prove.hpp: the alternatives' domains are validated and dispatched (reduction or closed form); the
// statements and variants prove does not cover are refused naming the field.
#include "prove/alt_prove.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

using namespace attnbound;
using namespace attnbound::prove;

TEST_CASE("alt prove: domains are validated, uncovered statements and variants refused", "[prove][alt_prove]") {
  CHECK(is_alt_prove_statement("alt.ssmax"));
  CHECK(!is_alt_prove_statement("cor3.softmax_jacobian"));
  const AltDomain d = make_alt_domain("alt.ssmax", "", 4, {{"temperature", "0.5"}, {"ssmax_scale", "2"}});
  CHECK(d.variant == "spectral");
  CHECK(d.lo == -40);
  CHECK(d.to_json().at("ssmax_scale") == "2");
  CHECK_THROWS_AS(make_alt_domain("alt.sa_softmax", "spectral", 3, nullptr), InputError);
  CHECK_THROWS_AS(make_alt_domain("alt.entmax15", "two_token", 3, nullptr), InputError);
  CHECK_THROWS_AS(make_alt_domain("alt.ssmax", "vanishing", 3, nullptr), InputError);
  CHECK_THROWS_AS(make_alt_domain("alt.sparsemax", "vanishing", 3, nullptr), InputError);
  CHECK_THROWS_AS(make_alt_domain("alt.sparsemax", "spectral", 3, {{"temperature", "2"}}), InputError);
  CHECK_THROWS_AS(make_alt_domain("alt.ssmax", "spectral", 3, {{"ssmax_scale", "-1"}}), InputError);
  CHECK_THROWS_AS(make_alt_domain("alt.ssmax", "spectral", 13, nullptr), InputError);
  CHECK_THROWS_AS(make_alt_domain("alt.sparsemax", "spectral", 3, {{"logits", {{"lo", "-0.1"}, {"hi", "0"}}}}), InputError);
}

TEST_CASE("alt prove: dispatch by method", "[prove][alt_prove]") {
  ProveOptions o;
  o.target_ratio = "1.000001";
  CHECK(prove_alt(make_alt_domain("alt.ssmax", "spectral", 2, nullptr), o).output.at("method").get<std::string>().rfind("reduction", 0) == 0);
  CHECK(prove_alt(make_alt_domain("alt.ssmax", "max_weight", 2, nullptr), o).output.at("method") == "closed-form");
  CHECK(prove_alt(make_alt_domain("alt.sparsemax", "frobenius", 2, nullptr), o).output.at("method") == "closed-form");
}
