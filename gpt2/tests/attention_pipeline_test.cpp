// Against genuine GPT-2 124M: the recorded raw attention scores of all 12 x 12 heads for the four prompts of
// ../shared/data/gpt2-reference, fed through causal_softmax_rows, must give the recorded scaled scores, mask and
// softmax pattern.
#include "gpt2/attention_pipeline.hpp"

#include "testing/catch.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using attnbound::gpt2::causal_softmax_rows;

TEST_CASE("attention pipeline: a hand-checked 3x3 example", "[gpt2][attention]") {
  // Row 1: scores (0, 2) * 0.5 -> (0, 1): softmax = (1, e) / (1 + e).
  std::vector<float> s{5, 99, 99, 0, 2, 99, 0, 0, 0}, scores(9);
  causal_softmax_rows(s.data(), 3, 0.5f, scores.data());
  CHECK(s[0] == 1.0f);
  CHECK(s[1] == 0.0f);
  CHECK(s[3] == Approx(1 / (1 + std::exp(1.0))).epsilon(1e-6));
  CHECK(s[4] == Approx(std::exp(1.0) / (1 + std::exp(1.0))).epsilon(1e-6));
  CHECK(s[6] == Approx(1.0 / 3).epsilon(1e-6));
  CHECK(scores[0] == 2.5f);
  CHECK(std::isinf(scores[1]));
  CHECK(scores[1] < 0);
  CHECK(scores[4] == 1.0f);
  // Large scores do not overflow thanks to the max shift.
  std::vector<float> big{1e30f, 0, 1e30f, 1e30f};
  causal_softmax_rows(big.data(), 2, 1.0f, nullptr);
  CHECK(big[2] == 0.5f);
  CHECK(big[3] == 0.5f);
}

TEST_CASE("attention pipeline: reproduces genuine GPT-2 124M for all 144 heads", "[gpt2][attention][reference]") {
  int examples = 0;
  double worst_scaled = 0, worst_pattern = 0;
  for (int e = 0; e < 4; ++e) {
    const auto path = attnbound::testing::shared_file_or_skip(fmt::format("data/gpt2-reference/ex{}.json", e));
    if (path.empty()) continue;
    std::ifstream in(path);
    const auto j = nlohmann::json::parse(in);
    const auto& out = j.at("outputs");
    ++examples;
    int heads = 0;
    for (int l = 0; l < 12; ++l)
      for (int h = 0; h < 12; ++h) {
        const std::string key = fmt::format("block_{}_attn_head_{}_attn", l, h);
        const auto& raw = out.at(key).at("data");
        const auto T = static_cast<std::ptrdiff_t>(raw.size());
        std::vector<float> s(T * T), scores(T * T);
        for (std::ptrdiff_t i = 0; i < T; ++i)
          for (std::ptrdiff_t k = 0; k < T; ++k) s[i * T + k] = raw[i][k].get<float>();
        causal_softmax_rows(s.data(), T, 1.0f / std::sqrt(64.0f), scores.data());
        const auto& scaled = out.at(key + "_scaled").at("data");
        const auto& masked = out.at(key + "_masked").at("data");
        const auto& soft = out.at(key + "_softmax").at("data");
        bool ok = true;
        for (std::ptrdiff_t i = 0; i < T; ++i)
          for (std::ptrdiff_t k = 0; k < T; ++k) {
            const float got = scores[i * T + k];
            if (k > i) {
              ok = ok && std::isinf(got) && masked[i][k].is_null();
            } else {
              const double ref = masked[i][k].get<double>();
              const double d = std::abs(got - ref);
              worst_scaled = std::max(worst_scaled, d / std::max(1.0, std::abs(ref)));
              ok = ok && d <= 1e-6 * std::max(1.0, std::abs(ref)) &&
                   std::abs(scaled[i][k].get<double>() - ref) <= 1e-6 * std::max(1.0, std::abs(ref));
            }
            const double p = soft[i][k].get<double>();
            worst_pattern = std::max(worst_pattern, std::abs(s[i * T + k] - p));
            ok = ok && std::abs(s[i * T + k] - p) <= 1e-6;
          }
        INFO("ex" << e << " " << key);
        CHECK(ok);
        heads += ok ? 1 : 0;
      }
    CHECK(heads == 144);
  }
  if (examples > 0)
    fmt::print("GPT-2 reference attention: {} prompts x 144 heads; worst scaled-score error {:.2e} (relative), "
               "worst pattern error {:.2e} (absolute)\n", examples, worst_scaled, worst_pattern);
}
