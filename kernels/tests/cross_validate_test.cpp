#include "kernels/cross_validate.hpp"

#include "testing/catch.hpp"

#include <cstring>

using namespace attnbound::kernels;

TEST_CASE("softmax_cases are replayable from the seed and cover the adversarial families", "[kernels]") {
  const auto a = softmax_cases(5), b = softmax_cases(5), c = softmax_cases(6);
  REQUIRE(a.size() == b.size());
  bool same = true, differ = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    same = same && a[i].name == b[i].name && a[i].temperature == b[i].temperature &&
           std::memcmp(a[i].logits.data(), b[i].logits.data(), a[i].logits.size() * 4) == 0;
    differ = differ || a[i].temperature != c[i].temperature;
  }
  CHECK(same);
  CHECK(differ);
  std::string names;
  for (const auto& s : a) names += s.name + "\n";
  for (const char* family : {"gaussian", "ties_three_values", "all_equal", "span_88T", "subnormal_outputs", "large_offset",
                             "masked", "nan", "one_pos_inf", "all_neg_inf"})
    CHECK(names.find(family) != std::string::npos);
}

TEST_CASE("cross_validate_kernels reports every kernel with its statistics (quick options)", "[kernels]") {
  CrossValidationOptions o;
  o.large = false;
  o.exp_stride = 4099;
  const auto r = cross_validate_kernels(o);
  CHECK(r.kernels.size() == 10);
  CHECK(r.all_within_bounds());
  const auto j = to_json(r);
  CHECK(j.at("certified") == false);
  CHECK(j.at("seed") == o.seed);
  for (const auto& k : j.at("kernels")) {
    CHECK(k.contains("ulp"));
    CHECK(k.at("ulp").contains("median"));
    CHECK(k.at("rel").contains("std"));
    CHECK(k.at("inputs").get<std::size_t>() > 0);
    CHECK(!k.at("worst_input").get<std::string>().empty());
  }
  const std::string text = to_text(r);
  CHECK(text.find("softmax_f32_online_f64acc") != std::string::npos);
  CHECK(text.find("within their documented bounds") != std::string::npos);
}
