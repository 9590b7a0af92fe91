// GPT-2 forward-pass benchmark: 1024 tokens through the 124M shape (12 layers, 12 heads, d 768, vocab 50257),
// logits included, against the NumPy reference (gpt2/tests/gpt2_reference.py, float32) on the same weights in
// the same run. Speed targets live here, never in unit tests.
//
//   gpt2_forward_bench [--model DIR] [--tokens 1024] [--threads 2] [--repeats 3] [--seed 1] [--no-reference]
//
// Without --model it writes a seeded random 124M-shape checkpoint (~500 MB) to a temporary folder first.
// Prints one JSON object: best-of-repeats seconds for each implementation and their ratio.
#include "gpt2/forward.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>

#ifndef ATTNBOUND_SOURCE_DIR
#define ATTNBOUND_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;
using namespace attnbound::gpt2;

namespace {
std::string run_capture(const std::string& cmd) {
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    if (::pclose(p) != 0) throw std::runtime_error("command failed: " + cmd);
  }
  return out;
}
}  // namespace

int main(int argc, char** argv) {
  std::string model;
  int tokens = 1024, threads = 2, repeats = 3;
  std::uint64_t seed = 1;
  bool reference = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--model") model = next();
    else if (a == "--tokens") tokens = std::stoi(next());
    else if (a == "--threads") threads = std::stoi(next());
    else if (a == "--repeats") repeats = std::stoi(next());
    else if (a == "--seed") seed = std::stoull(next());
    else if (a == "--no-reference") reference = false;
    else {
      std::cerr << "unknown argument " << a << "\n";
      return 2;
    }
  }
  const std::string python = "/usr/bin/python3";
  const std::string script = (fs::path(ATTNBOUND_SOURCE_DIR) / "gpt2" / "tests" / "gpt2_reference.py").string();
  fs::path tmp;
  if (model.empty()) {
    tmp = fs::temp_directory_path() / fmt::format("attnbound-gpt2-bench-{}", ::getpid());
    model = (tmp / "ck").string();
    const std::string cmd = fmt::format("{} '{}' make-checkpoint --out '{}' --seed {} --n-layer 12 --n-head 12 "
                                        "--n-embd 768 --n-positions 1024 --vocab 50257", python, script, model, seed);
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("checkpoint generation failed");
  }
  const Gpt2Weights w = load_gpt2_checkpoint(model);
  std::mt19937_64 rng(seed);
  std::vector<std::int32_t> ids(tokens);
  for (auto& id : ids) id = static_cast<std::int32_t>(rng() % static_cast<std::uint64_t>(w.config.vocab_size));
  const auto sel = CaptureSelection::parse("logits", w.config.n_layer);
  double best = 1e300;
  std::vector<double> all;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto caps = gpt2_forward(w, ids, sel, {.threads = threads});
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    all.push_back(s);
    best = std::min(best, s);
    if (caps.empty()) return 1;
  }
  nlohmann::json j = {{"benchmark", "gpt2_forward"},
                      {"shape", {{"n_layer", w.config.n_layer}, {"n_head", w.config.n_head}, {"n_embd", w.config.n_embd},
                                 {"vocab_size", w.config.vocab_size}}},
                      {"tokens", tokens}, {"threads", threads}, {"seed", seed},
                      {"attnbound", {{"seconds", best}, {"all_seconds", all}, {"precision", "float32"}}}};
  if (reference) {
    // The reference gets the same cores: BLAS and OpenMP pools capped at `threads`.
    const std::string env = fmt::format("OMP_NUM_THREADS={0} OPENBLAS_NUM_THREADS={0} MKL_NUM_THREADS={0}", threads);
    const std::string out = run_capture(fmt::format("{} {} '{}' time --model '{}' --ids-count {} --seed {} --repeats {}",
                                                    env, python, script, model, tokens, seed, std::max(1, repeats / 2)));
    const auto ref = nlohmann::json::parse(out);
    j["numpy_reference"] = ref;
    j["time_ratio_attnbound_over_reference"] = best / ref["seconds"].get<double>();
  }
  std::cout << j.dump(2) << std::endl;
  if (!tmp.empty()) fs::remove_all(tmp);
  return 0;
}
