// check.hpp: classification of engine results against the reference on hand-made instances.
#include "soundness/check.hpp"
#include "testing/catch.hpp"

using namespace attnbound;
using namespace attnbound::soundness;

TEST_CASE("a plain instance checks with its reference available and no failure", "[soundness]") {
  const InstanceCheck c = check_instance(Instance::parse(R"({"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"1"})"));
  CHECK(c.status == "checked");
  CHECK(c.sides_unavailable == 0);
  CHECK_FALSE(c.any_failure());
  REQUIRE(c.sides.size() == 1);
  CHECK(c.sides[0].verdict == "violated");
}

TEST_CASE("a refused instance is counted as rejected, not checked", "[soundness]") {
  const InstanceCheck c = check_instance(Instance::parse(R"({"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"-1"})"));
  CHECK(c.status == "rejected");
}

TEST_CASE("a two-sided statement is checked side by side", "[soundness]") {
  const InstanceCheck c = check_instance(
      Instance::parse(R"({"statement":"lemma1.vanishing","logits":[0,1,-1],"F":"quadratic","offset":"1","a":"2"})"));
  CHECK(c.status == "checked");
  REQUIRE(c.sides.size() == 2);
  CHECK(c.sides_unavailable == 0);
  CHECK_FALSE(c.any_failure());
}

TEST_CASE("Theorem 2: a Monte Carlo quantity is not compared as an enclosure, an integrated one is", "[soundness]") {
  const InstanceCheck c = check_instance(Instance::parse(
      R"({"statement":"thm2.lower","weights":["0.5","0.5"],"top_n":1,"radius":"0.5","sphere_radius":1,"dimension":2})"));
  CHECK(c.status == "checked");
  REQUIRE(c.sides.size() == 1);
  CHECK(c.sides[0].quantity_checked == (c.engine["method"] != "monte-carlo"));
  CHECK_FALSE(c.any_failure());
}
