// softmax_f32_3pass_f64acc against MPFR on every Highway target compiled in (scalar fallback included),
// the documented NaN/inf semantics, in-place use, and genuine GPT-2 attention (all 144 heads x 4 prompts).
#include "kernels/softmax_f32_3pass_f64acc.hpp"

#include "kernels/cross_validate.hpp"
#include "kernels/error_stats.hpp"
#include "kernels/mpfr_reference.hpp"
#include "kernels/softmax_f32_online_f64acc.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"
#include "theory/scalar.hpp"

#include <hwy/targets.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

using namespace attnbound::kernels;

TEST_CASE("softmax_f32_3pass_f64acc is within its documented bound of MPFR on every target", "[kernels]") {
  CrossValidationOptions o;
  INFO("seed " << o.seed);
  for (const std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    const KernelReport r = validate_softmax_3pass(o);
    INFO("target " << hwy::TargetName(target) << ": max " << r.ulp.max << " ulp, normaliser "
                   << r.extra.at("normaliser_max_rel") << ", worst " << r.worst_input);
    CHECK(r.inputs > 50);
    CHECK(r.violations == 0);
    CHECK(r.ulp.max <= kSoftmaxUlpBound);
    CHECK(r.extra.at("normaliser_max_rel") <= kNormaliserRelBound);
  }
  hwy::SetSupportedTargetsForTest(0);
}

TEST_CASE("softmax_f32_3pass_f64acc: NaN, +inf, all -inf, masked entries", "[kernels]") {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  auto y = softmax_f32_3pass_f64acc(std::vector<float>{1, nan, 2}, 1.0f);
  for (float v : y) CHECK(std::isnan(v));
  y = softmax_f32_3pass_f64acc(std::vector<float>{1, inf, 2, inf}, 1.0f);
  CHECK(y == std::vector<float>{0, 0.5f, 0, 0.5f});
  y = softmax_f32_3pass_f64acc(std::vector<float>{-inf, -inf}, 1.0f);
  CHECK((std::isnan(y[0]) && std::isnan(y[1])));
  y = softmax_f32_3pass_f64acc(std::vector<float>{0, -inf, 0}, 3.0f);
  CHECK(y == std::vector<float>{0.5f, 0, 0.5f});
  std::vector<float> l(1000, -inf);
  l[999] = nan;  // a NaN hidden among -inf (max is -inf): still all NaN
  y = softmax_f32_3pass_f64acc(l, 1.0f);
  CHECK(std::isnan(y[0]));
  CHECK(std::isnan(softmax_f32_3pass_f64acc(l.data(), l.size(), 1.0f, y.data())));
}

TEST_CASE("softmax kernels: a NaN of any payload among finite logits makes every output NaN, on every target",
          "[kernels]") {
  // The fast exp path (finite logits of small span) adds n << 23 to the bits of 2^r; the kernels take it only
  // when a plain sum of the logits is finite, so no NaN payload can turn into a finite bit pattern there.
  for (const std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    INFO("target " << hwy::TargetName(target));
    for (const std::uint32_t nan_bits : {0x7FC00000u, 0x7FC00001u, 0xFFC001FFu, 0x7F800001u, 0x7FFFFFFFu}) {
      INFO("NaN bits " << std::hex << nan_bits);
      for (const std::size_t L : {std::size_t{40}, std::size_t{5000}}) {
        std::vector<float> l(L);
        for (std::size_t i = 0; i < L; ++i) l[i] = static_cast<float>(i % 7) * 0.25f;
        std::memcpy(&l[L / 2], &nan_bits, 4);
        std::vector<float> y(L);
        CHECK(std::isnan(softmax_f32_3pass_f64acc(l.data(), L, 1.0f, y.data())));
        CHECK(std::all_of(y.begin(), y.end(), [](float v) { return std::isnan(v); }));
        CHECK(std::isnan(softmax_f32_online_f64acc(l.data(), L, 1.0f, y.data())));
        CHECK(std::all_of(y.begin(), y.end(), [](float v) { return std::isnan(v); }));
      }
    }
  }
  hwy::SetSupportedTargetsForTest(0);
}

TEST_CASE("softmax_f32_3pass_f64acc: bad arguments are InputError naming the field", "[kernels]") {
  std::vector<float> l{1, 2}, out(2);
  CHECK_THROWS_WITH(softmax_f32_3pass_f64acc(l.data(), 0, 1.0f, out.data()), Catch::Contains("logits"));
  CHECK_THROWS_AS(softmax_f32_3pass_f64acc(l, 0.0f), attnbound::InputError);
  CHECK_THROWS_WITH(softmax_f32_3pass_f64acc(l, -1.0f), Catch::Contains("temperature"));
  CHECK_THROWS_WITH(softmax_f32_3pass_f64acc(l, std::numeric_limits<float>::quiet_NaN()), Catch::Contains("temperature"));
}

TEST_CASE("softmax_f32_3pass_f64acc works in place and returns the normaliser", "[kernels]") {
  std::vector<float> l(1037);
  for (std::size_t i = 0; i < l.size(); ++i) l[i] = static_cast<float>(std::sin(0.1 * static_cast<double>(i)) * 4);
  const auto expected = softmax_f32_3pass_f64acc(l, 0.7f);
  const double S = softmax_f32_3pass_f64acc(l.data(), l.size(), 0.7f, l.data());
  CHECK(l == expected);
  attnbound::PrecisionScope scope(128);
  std::vector<float> again(1037);
  for (std::size_t i = 0; i < again.size(); ++i) again[i] = static_cast<float>(std::sin(0.1 * static_cast<double>(i)) * 4);
  double S_ref = 0;
  softmax_reference(again, 0.7f, &S_ref);
  CHECK(std::fabs(S - S_ref) / S_ref <= kNormaliserRelBound);
}

TEST_CASE("softmax kernels reproduce GPT-2's recorded attention softmax (144 heads x every prompt)", "[kernels][gpt2]") {
  const auto dir = attnbound::testing::shared_file_or_skip("data/gpt2-reference");
  if (dir.empty()) return;
  attnbound::PrecisionScope scope(128);
  double ours_vs_exact = 0, recorded_vs_exact = 0, ours_vs_recorded = 0;
  std::size_t rows = 0, prompts = 0, violations = 0;
  for (int e = 0; e < 16; ++e) {
    std::ifstream f(dir / ("ex" + std::to_string(e) + ".json"));
    if (!f) continue;
    ++prompts;
    const auto j = nlohmann::json::parse(f);
    const auto& out = j.at("outputs");
    for (int b = 0; b < 12; ++b)
      for (int h = 0; h < 12; ++h) {
        const std::string key = "block_" + std::to_string(b) + "_attn_head_" + std::to_string(h) + "_attn_";
        const auto& masked = out.at(key + "masked").at("data");
        const auto& soft = out.at(key + "softmax").at("data");
        REQUIRE(masked.size() == soft.size());
        for (std::size_t i = 0; i < masked.size(); ++i) {
          std::vector<float> l;
          for (const auto& v : masked[i]) l.push_back(v.is_null() ? -INFINITY : static_cast<float>(v.get<double>()));
          // The masked scores are already scaled by 1/sqrt(64): T = 1 reproduces the model's softmax.
          const auto y3 = softmax_f32_3pass_f64acc(l, 1.0f);
          const auto yo = softmax_f32_online_f64acc(l, 1.0f);
          const auto ref = softmax_reference(l, 1.0f, nullptr);
          ++rows;
          for (std::size_t k = 0; k < l.size(); ++k) {
            const float rec = static_cast<float>(soft[i][k].get<double>());
            const double e3 = float_ulp_error(y3[k], ref[k]), eo = float_ulp_error(yo[k], ref[k]);
            const double er = float_ulp_error(rec, ref[k]);
            // |ours - recorded| <= |ours - exact| + |recorded - exact|, in ulps of the exact value.
            const double d = std::fabs(static_cast<double>(y3[k]) - rec) / float_ulp_at(ref[k]);
            ours_vs_exact = std::max({ours_vs_exact, e3, eo});
            recorded_vs_exact = std::max(recorded_vs_exact, er);
            ours_vs_recorded = std::max(ours_vs_recorded, d);
            if (!(e3 <= kSoftmaxUlpBound && eo <= kSoftmaxUlpBound && d <= kSoftmaxUlpBound + er)) ++violations;
          }
        }
      }
  }
  WARN("GPT-2 reference: " << prompts << " prompts, " << rows << " rows; max ulp ours vs MPFR " << ours_vs_exact
                           << ", recorded vs MPFR " << recorded_vs_exact << ", ours vs recorded " << ours_vs_recorded);
  CHECK(prompts >= 4);
  CHECK(rows >= 144 * 4);
  CHECK(violations == 0);
  CHECK(ours_vs_exact <= kSoftmaxUlpBound);
}
