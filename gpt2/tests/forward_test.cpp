// The forward pass against an independent float64 NumPy reference (tests/gpt2_reference.py) on GPT-2-shaped
// checkpoints with seeded random weights written in the Hugging Face safetensors layout. Every capture is
// compared: max / mean / median / std of |C++ - reference|, and an OK / NOT OK line against the fp32
// tolerance max|err| <= 1e-4 * max|reference| (the tensor's own scale).
#include "gpt2/forward.hpp"

#include "gpt2/matmul.hpp"
#include "gpt2/npy.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>

using namespace attnbound::gpt2;
namespace fs = std::filesystem;

namespace {

const std::string kPython = ATTNBOUND_PYTHON;
fs::path script() { return attnbound::testing::source_dir() / "gpt2" / "tests" / "gpt2_reference.py"; }

bool have_numpy() {
  static const bool ok = std::system((kPython + " -c 'import numpy' 2>/dev/null").c_str()) == 0;
  if (!ok) WARN("SKIPPED: " << kPython << " with NumPy is not available");
  return ok;
}

void run(const std::string& cmd) {
  INFO(cmd);
  REQUIRE(std::system(cmd.c_str()) == 0);
}

struct Stats {
  double max = 0, mean = 0, median = 0, stddev = 0, scale = 0;
  bool masks_agree = true;
};

Stats compare(const std::vector<float>& got, const std::vector<double>& ref) {
  Stats s;
  std::vector<double> err;
  err.reserve(ref.size());
  for (std::size_t i = 0; i < ref.size(); ++i) {
    if (std::isinf(ref[i]) || std::isinf(got[i])) {  // masked scores: both must be -inf
      s.masks_agree = s.masks_agree && ref[i] == static_cast<double>(got[i]);
      continue;
    }
    err.push_back(std::abs(static_cast<double>(got[i]) - ref[i]));
    s.scale = std::max(s.scale, std::abs(ref[i]));
  }
  if (err.empty()) return s;
  for (double e : err) {
    s.max = std::max(s.max, e);
    s.mean += e;
  }
  s.mean /= static_cast<double>(err.size());
  for (double e : err) s.stddev += (e - s.mean) * (e - s.mean);
  s.stddev = std::sqrt(s.stddev / static_cast<double>(err.size()));
  std::nth_element(err.begin(), err.begin() + err.size() / 2, err.end());
  s.median = err[err.size() / 2];
  return s;
}

// Generates the checkpoint, runs both implementations, compares every capture; returns the number NOT OK.
int validate(const std::string& tag, std::uint64_t seed, const std::string& shape_flags, const std::string& dtype, int T,
             int vocab, const std::string& matmul_isa = "") {
  const fs::path dir = fs::temp_directory_path() / fmt::format("attnbound-gpt2-{}-{}", tag, ::getpid());
  fs::remove_all(dir);
  run(fmt::format("{} '{}' make-checkpoint --out '{}' --seed {} {} --dtype {}", kPython, script().string(),
                  (dir / "ck").string(), seed, shape_flags, dtype));
  std::mt19937_64 rng(seed);
  std::vector<std::int32_t> ids(T);
  std::string id_list;
  for (auto& id : ids) {
    id = static_cast<std::int32_t>(rng() % static_cast<std::uint64_t>(vocab));
    if (!id_list.empty()) id_list += ',';
    id_list += std::to_string(id);
  }
  run(fmt::format("{} '{}' forward --model '{}' --ids {} --out '{}'", kPython, script().string(),
                  (dir / "ck").string(), id_list, (dir / "ref").string()));
  const Gpt2Weights w = load_gpt2_checkpoint(dir / "ck");
  const auto caps =
      gpt2_forward(w, ids, CaptureSelection::parse("all", w.config.n_layer), {.threads = 2, .matmul_isa = matmul_isa});
  REQUIRE(caps.size() == all_capture_names(w.config.n_layer).size());
  fmt::print("GPT-2 forward vs float64 NumPy reference: {} (seed {}, {} tokens, weights {}), tolerance "
             "max|err| <= 1e-4 * max|ref|; matmul variant {}\n", tag, seed, T, w.dtype,
             matmul_isa.empty() ? matmul_kernels().isa : matmul_isa);
  fmt::print("{:<34} {:>10} {:>10} {:>10} {:>10} {:>10}  verdict\n", "capture", "max|err|", "mean", "median", "std",
             "max|ref|");
  int bad = 0;
  for (const auto& c : caps) {
    const NpyArray ref = read_npy(dir / "ref" / (c.name + ".npy"));
    REQUIRE(ref.shape == c.shape);
    const Stats s = compare(c.data, ref.data);
    const bool ok = s.masks_agree && s.max <= 1e-4 * s.scale;
    bad += ok ? 0 : 1;
    fmt::print("{:<34} {:>10.3e} {:>10.3e} {:>10.3e} {:>10.3e} {:>10.3e}  {}\n", c.name, s.max, s.mean, s.median,
               s.stddev, s.scale, ok ? "OK" : "NOT OK");
    INFO(c.name << " max|err| " << s.max << " scale " << s.scale);
    CHECK(s.masks_agree);
    CHECK(s.max <= 1e-4 * s.scale);
  }
  fs::remove_all(dir);
  return bad;
}

}  // namespace

TEST_CASE("forward: small GPT-2 (F32) matches the NumPy reference on every capture", "[gpt2][forward]") {
  if (!have_numpy()) return;
  CHECK(validate("small-f32", 20260601, "--n-layer 3 --n-head 4 --n-embd 64 --n-positions 64 --vocab 300", "F32", 48,
                 300) == 0);
}

TEST_CASE("forward: every matmul variant this CPU runs matches the reference (small F32)", "[gpt2][forward]") {
  if (!have_numpy()) return;
  for (const MatmulKernels* mm : matmul_supported_variants()) {
    INFO("matmul variant " << mm->isa);
    CHECK(validate(std::string("small-f32-") + mm->isa, 20260601,
                   "--n-layer 3 --n-head 4 --n-embd 64 --n-positions 64 --vocab 300", "F32", 48, 300, mm->isa) == 0);
  }
}

TEST_CASE("forward: F16 and BF16 checkpoints match the reference on the same rounded weights", "[gpt2][forward]") {
  if (!have_numpy()) return;
  CHECK(validate("small-f16", 20260602, "--n-layer 2 --n-head 2 --n-embd 32 --n-positions 32 --vocab 200", "F16", 32,
                 200) == 0);
  CHECK(validate("small-bf16", 20260603, "--n-layer 2 --n-head 2 --n-embd 32 --n-positions 32 --vocab 200", "BF16",
                 32, 200) == 0);
}

TEST_CASE("forward [gpt2-124m]: the full GPT-2 124M shape matches the reference", "[gpt2][forward][gpt2-124m]") {
  if (!have_numpy()) return;
  CHECK(validate("124m", 20260604, "--n-layer 12 --n-head 12 --n-embd 768 --n-positions 1024 --vocab 50257", "F32",
                 24, 50257) == 0);
}

TEST_CASE("forward: captures only what is selected, and the result does not depend on it", "[gpt2][forward]") {
  if (!have_numpy()) return;
  const fs::path dir = fs::temp_directory_path() / fmt::format("attnbound-gpt2-select-{}", ::getpid());
  run(fmt::format("{} '{}' make-checkpoint --out '{}' --seed 5 --n-layer 2 --n-head 2 --n-embd 16 --n-positions 16 "
                  "--vocab 50", kPython, script().string(), dir.string()));
  const auto w = load_gpt2_checkpoint(dir);
  const std::vector<std::int32_t> ids{3, 1, 4, 1, 5, 9, 2, 6};
  const auto some = gpt2_forward(w, ids, CaptureSelection::parse("blocks.1.attn.hook_pattern,logits", 2), {.threads = 1});
  REQUIRE(some.size() == 2);
  CHECK(some[0].name == "blocks.1.attn.hook_pattern");
  CHECK(some[0].shape == std::vector<std::int64_t>{2, 8, 8});
  CHECK(some[1].name == "logits");
  const auto all = gpt2_forward(w, ids, CaptureSelection::parse("all", 2), {.threads = 3});
  // Neither the selection nor the thread count changes a bit (work splits at multiples of the GEMM register block).
  for (const auto& c : all)
    if (c.name == "logits") CHECK(c.data == some[1].data);
  // Each pattern row is a distribution over the causal prefix.
  for (std::int64_t h = 0; h < 2; ++h)
    for (std::int64_t i = 0; i < 8; ++i) {
      double sum = 0;
      for (std::int64_t j = 0; j < 8; ++j) {
        const float p = some[0].data[(h * 8 + i) * 8 + j];
        if (j > i) CHECK(p == 0.0f);
        sum += p;
      }
      CHECK(sum == Approx(1.0).epsilon(1e-6));
    }
  CHECK(gpt2_forward(w, ids, CaptureSelection::none()).empty());
  CHECK_THROWS_WITH(gpt2_forward(w, {}, CaptureSelection::none()), Catch::Contains("empty"));
  CHECK_THROWS_WITH(gpt2_forward(w, ids, CaptureSelection::none(), {.matmul_isa = "sse9"}),
                    Catch::StartsWith("matmul_isa: 'sse9'"));
  CHECK_THROWS_WITH(gpt2_forward(w, {1, 50}, CaptureSelection::none()),
                    Catch::Contains("ids[1]") && Catch::Contains("outside the vocabulary"));
  CHECK_THROWS_WITH(gpt2_forward(w, std::vector<std::int32_t>(17, 0), CaptureSelection::none()),
                    Catch::Contains("exceed the model's n_positions = 16"));
  fs::remove_all(dir);
}
