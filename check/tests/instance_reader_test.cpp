// InstanceReader: its own strict reading of instance fields.
#include "check/instance_reader.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

using namespace attnbound;

TEST_CASE("instance reader: decimals, matrices and the allow-list", "[check][instance_reader]") {
  const auto j = nlohmann::json::parse(R"({"statement":"s","logits":["1.5",2],"keys":[["1","2"],["3","4"]],"F":"exp","comment":"c"})");
  const check::InstanceReader in(j);
  CHECK(in.decimal_vector("logits") == std::vector<std::string>{"1.5", "2"});
  CHECK(in.decimal_matrix("keys")[1][0] == "3");
  CHECK(in.text("F") == "exp");
  CHECK_NOTHROW(in.allow_only({"logits", "keys", "F"}));
  CHECK_THROWS_AS(in.allow_only({"logits"}), InputError);
  CHECK_THROWS_AS(in.decimal("temperature"), InputError);
  const auto bad = nlohmann::json::parse(R"({"logits":["1e123456789"],"keys":[["1"],["2","3"]],"x":[0.5]})");
  const check::InstanceReader b(bad);
  CHECK_THROWS_AS(b.decimal_vector("logits"), InputError);  // exponents of at most 8 digits, as the instance format
  CHECK_THROWS_AS(b.decimal_matrix("keys"), InputError);    // ragged
  CHECK_THROWS_AS(b.decimal_vector("x"), InputError);       // a double literal is not exact
}
