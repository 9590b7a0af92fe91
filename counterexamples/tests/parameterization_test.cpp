#include "counterexamples/parameterization.hpp"
#include "testing/catch.hpp"

#include <cmath>

using namespace attnbound::search;

TEST_CASE("encode/decode: positive fields as logarithms, round trip, non-finite rejected", "[parameterization]") {
  const InstanceSpace& space = *find_instance_space("cor3.softmax_jacobian");
  const nlohmann::json inst{{"statement", "cor3.softmax_jacobian"}, {"logits", {"0.5", "-1", "2e3"}}, {"temperature", "4"}};
  const auto x = encode(space, inst);
  REQUIRE(x.size() == 4);
  REQUIRE(x[0] == 0.5);
  REQUIRE(x[2] == 2000);
  REQUIRE(x[3] == Approx(std::log(4.0)));
  const auto back = decode(space, inst, x);
  REQUIRE(back);
  REQUIRE((*back)["logits"][0] == "0.5");
  REQUIRE((*back)["logits"][2] == "2000");
  REQUIRE(std::abs(number_of((*back)["temperature"]) - 4) < 1e-14);
  auto bad = x;
  bad[1] = NAN;
  REQUIRE_FALSE(decode(space, inst, bad));
  bad = x;
  bad[3] = 1e6;  // exp overflows
  REQUIRE_FALSE(decode(space, inst, bad));
  REQUIRE_THROWS(decode(space, inst, std::vector<double>{1.0}));
}
