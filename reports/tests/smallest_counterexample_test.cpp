#include "reports/smallest_counterexample.hpp"

#include "testing/catch.hpp"

using namespace attnbound::reports;

TEST_CASE("shortened keeps significant digits and the exponent", "[reports]") {
  CHECK(shortened("1.745301375e-1085736205", 6) == "1.74530e-1085736205");
  CHECK(shortened("0.000123456789", 3) == "0.000123");
  CHECK(shortened("2.5", 6) == "2.5");
  CHECK(shortened("12345678", 4) == "1234");
  CHECK(shortened("1.0000009", 2) == "1.0");
  CHECK(shortened("1.5e3", 1) == "1e3");  // a trailing '.' goes
}

TEST_CASE("the smallest counterexample the engine certifies violated now is the finding", "[reports]") {
  VerdictRow v;
  v.statement = "cor3.softmax_jacobian";
  v.variant = "spectral";
  v.counterexamples = {"counterexamples/long.json", "counterexamples/short.json", "counterexamples/holds.json",
                       "counterexamples/broken.json"};
  BuiltReport b;
  // The E1 tie at T = 1 and T = 0.01 (both violated: 1/(2T) > min{1/(4T), sqrt 2}); a one-hot row that holds.
  b.generated = {{"counterexamples/long.json", R"({"instance": {"logits": ["0", "0"], "temperature": "0.01"}})"},
                 {"counterexamples/short.json", R"({"logits": ["0", "0"], "temperature": "1"})"},
                 {"counterexamples/holds.json", R"({"logits": ["0"], "temperature": "1"})"},
                 {"counterexamples/broken.json", "{"}};
  const auto f = smallest_counterexample(v, b);
  REQUIRE(f);
  CHECK(f->file == "counterexamples/short.json");
  CHECK(f->side == "claim");
  CHECK(f->quantity == "[5e-1, 5e-1]");  // ||J||_2 = 1/(2T) = 1/2, exact
  CHECK(f->bound == "[2.5e-1, 2.5e-1]");  // 1/(4T)
  CHECK(f->instance.find("\"temperature\":\"1\"") != std::string::npos);
  CHECK_FALSE(f->first_false_step.empty());  // the chain names the step where the paper's bound breaks
  v.counterexamples = {"counterexamples/holds.json", "counterexamples/broken.json", "counterexamples/missing.json"};
  CHECK_FALSE(smallest_counterexample(v, b));
}
