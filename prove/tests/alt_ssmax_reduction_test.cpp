// prove/alt_ssmax_reduction.hpp: the mapped domain contains the image of the SSMax domain; the reduction proves the
// spectral bound at L = 3 within 1.000001.
#include "prove/alt_ssmax_reduction.hpp"
#include "testing/catch.hpp"
#include "theory/scalar.hpp"

#include <cmath>
#include <cstdlib>

using namespace attnbound;
using namespace attnbound::prove;

TEST_CASE("alt ssmax reduction: the mapped domain contains u = (s log L / T) l, on the 2^-20 grid", "[prove][alt_ssmax_reduction]") {
  const AltDomain d = make_alt_domain("alt.ssmax", "spectral", 5, {{"logits", {{"lo", "-7"}, {"hi", "-0.5"}}},
                                                                  {"temperature", "0.3"}, {"ssmax_scale", "1.7"}});
  const SsmaxMapping m = map_ssmax_domain(d);
  const double k = 1.7 * std::log(5.0) / 0.3;
  CHECK(m.lo <= k * -7);
  CHECK(m.lo > k * -7 - 0x1p-19);
  CHECK(m.hi >= k * -0.5);
  CHECK(m.hi < k * -0.5 + 0x1p-19);
  CHECK(std::ldexp(m.lo, 20) == std::floor(std::ldexp(m.lo, 20)));
  CHECK(std::strtod(m.lo_text.c_str(), nullptr) == m.lo);
  PrecisionScope scope(256);  // the text is exactly the double (the domain reader refuses anything else)
  CHECK(upper_of(from_decimal<Interval>(m.lo_text)) == lower_of(from_decimal<Interval>(m.lo_text)));
  // s log L lo / T below -700: refused.
  CHECK_THROWS(map_ssmax_domain(make_alt_domain("alt.ssmax", "spectral", 12, {{"logits", {{"lo", "-700"}, {"hi", "0"}}}})));
}

TEST_CASE("alt ssmax reduction: proved at L = 3 within 1.000001, lo certified at a point of the original domain", "[prove][alt_ssmax_reduction]") {
  ProveOptions o;
  o.target_ratio = "1.000001";
  const AltProveOutput r = prove_ssmax_by_reduction(make_alt_domain("alt.ssmax", "spectral", 3, nullptr), o);
  const nlohmann::json& j = r.output;
  CHECK(j.at("status") == "proved");
  CHECK(j.at("mapped_domain").at("logits").at("lo") == "-43.944492340087890625");  // floor(2^20 (-40 log 3)) / 2^20
  CHECK(std::strtod(j.at("sup_ratio").at("hi").get<std::string>().c_str(), nullptr) <= 1.000001);
  const double lo = std::strtod(j.at("sup_ratio").at("lo").get<std::string>().c_str(), nullptr);
  CHECK(lo > 0.999);
  CHECK(lo <= 1);  // the corrected Corollary 3 ratio never exceeds 1
  CHECK(j.at("note").get<std::string>().find("corrected Corollary 3 spectral ratio at u") != std::string::npos);
  CHECK(r.certificate.at("reduced").at("statement") == "cor3.softmax_jacobian.corrected");
}
