// reference.hpp: the widened exponent range reaches weights the default range underflows, and flags
// make a reference unclean.
#include "soundness/reference.hpp"
#include "testing/catch.hpp"

#include <mpfr.h>

using namespace attnbound;
using namespace attnbound::soundness;

TEST_CASE("the extended exponent range is kept and reaches e^-1e9", "[soundness]") {
  {
    ExtendedExponentRange range;
    CHECK(mpfr_get_emin() == mpfr_get_emin_min());
    CHECK(mpfr_get_emax() == mpfr_get_emax_max());
    const Instance inst = Instance::parse(R"({"statement":"cor3.softmax_jacobian","logits":["1000","0"],"temperature":"1e-6"})");
    const ReferencePoint r = reference_at(inst, "spectral", 1044);
    REQUIRE(r.error.empty());
    CHECK(r.clean);
    CHECK(r.method == "grouped-exact");
    REQUIRE(r.sides.size() == 1);
    // 2 e^{-1e9} / 1e-6: log10 = log10(2e6) - 1e9/ln 10 = -434294475.6...
    const Real lg = log10(r.sides[0].quantity);
    CHECK(lg < Real(-434294475));
    CHECK(lg > Real(-434294476));
  }
  // Not restored: values made inside stay in range (the engine's PrecisionScope uses the same range).
  CHECK(mpfr_get_emin() == mpfr_get_emin_min());
}

TEST_CASE("the point reference of a statement without a closed form", "[soundness]") {
  ExtendedExponentRange range;
  const Instance inst = Instance::parse(R"({"statement":"cor1.softmax_weights","query":["1"],"keys":[["2000"],["-500"]],"temperature":"1e-6"})");
  const ReferencePoint r = reference_at(inst, "max_key", 1044);
  REQUIRE(r.error.empty());
  CHECK(r.method == "mpfr-point");
  REQUIRE(r.sides.size() == 2);
  CHECK(r.sides[1].name == "lower");
  CHECK(r.sides[1].quantity > 0);
  CHECK(log10(r.sides[1].quantity) < Real(-1085736204));
}
