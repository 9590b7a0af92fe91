// GPT-2 forward-pass benchmark (issue 6): 1024 tokens through the 124M shape (12 layers, 12 heads, d 768, vocab
// 50257), logits included, against PyTorch (bench/torch_gpt2_forward.py, float32, the same thread count) on the
// same weights and token ids in the same run. Speed targets live here, never in unit tests.
//
//   gpt2_forward_bench [--model DIR] [--tokens 1024] [--threads 2] [--repeats 3] [--seed 1]
//                      [--torch-modes onednn,aten] [--torch-aten-repeats 1] [--numpy] [--matmul-isa NAME]
//
// Without --model it writes a seeded random 124M-shape checkpoint (~500 MB) to a temporary folder first
// (gpt2/tests/gpt2_reference.py make-checkpoint). PyTorch modes: "onednn" (every product through torch's
// oneDNN path, its fastest float32 CPU path here) and "aten" (plain torch ops; on Debian 12 these GEMMs run on
// the reference BLAS). --numpy adds the float32 NumPy reference. Also prints, as a check that both sides
// computed the same function, max |logits_torch - logits_attnbound| / max |logits_torch|.
// Prints one JSON object: best-of-repeats seconds per implementation and the time ratios attnbound / other.
#include "gpt2/forward.hpp"
#include "gpt2/matmul.hpp"
#include "gpt2/npy.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <unistd.h>

#ifndef ATTNBOUND_SOURCE_DIR
#define ATTNBOUND_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;
using namespace attnbound::gpt2;

namespace {
std::string run_capture(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run: " + cmd);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (::pclose(p) != 0) throw std::runtime_error("command failed: " + cmd);
  return out;
}

std::string load_average() {
  std::ifstream f("/proc/loadavg");
  std::string a, b, c;
  f >> a >> b >> c;
  return a + " " + b + " " + c;
}
}  // namespace

int main(int argc, char** argv) try {
  std::string model, torch_modes = "onednn,aten", matmul_isa;
  int tokens = 1024, threads = 2, repeats = 3, aten_repeats = 1;
  std::uint64_t seed = 1;
  bool numpy = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    auto integer = [&]() -> long long {
      const std::string v = next();
      std::size_t used = 0;
      long long x = 0;
      try {
        x = std::stoll(v, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != v.size() || v.empty()) throw std::invalid_argument(a + ": '" + v + "' is not an integer");
      return x;
    };
    if (a == "--model") model = next();
    else if (a == "--tokens") tokens = static_cast<int>(integer());
    else if (a == "--threads") threads = static_cast<int>(integer());
    else if (a == "--repeats") repeats = static_cast<int>(integer());
    else if (a == "--seed") seed = static_cast<std::uint64_t>(integer());
    else if (a == "--torch-modes") torch_modes = next();
    else if (a == "--torch-aten-repeats") aten_repeats = static_cast<int>(integer());
    else if (a == "--numpy") numpy = true;
    else if (a == "--matmul-isa") matmul_isa = next();
    else throw std::invalid_argument("unknown argument " + a);
  }
  if (tokens < 1 || threads < 1 || repeats < 1 || aten_repeats < 1)
    throw std::invalid_argument("--tokens, --threads and the repeat counts must be positive");
  const std::string python = "/usr/bin/python3";
  const fs::path src = ATTNBOUND_SOURCE_DIR;
  const std::string ref_script = (src / "gpt2" / "tests" / "gpt2_reference.py").string();
  const std::string torch_script = (src / "bench" / "torch_gpt2_forward.py").string();
  const fs::path tmp = fs::temp_directory_path() / fmt::format("attnbound-gpt2-bench-{}", ::getpid());
  fs::create_directories(tmp);
  if (model.empty()) {
    model = (tmp / "ck").string();
    const std::string cmd = fmt::format("{} '{}' make-checkpoint --out '{}' --seed {} --n-layer 12 --n-head 12 "
                                        "--n-embd 768 --n-positions 1024 --vocab 50257", python, ref_script, model, seed);
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("checkpoint generation failed");
  }
  const Gpt2Weights w = load_gpt2_checkpoint(model);
  std::mt19937_64 rng(seed);
  std::vector<std::int32_t> ids(tokens);
  for (auto& id : ids) id = static_cast<std::int32_t>(rng() % static_cast<std::uint64_t>(w.config.vocab_size));
  const auto sel = CaptureSelection::parse("logits", w.config.n_layer);
  const ForwardOptions opts{.threads = threads, .matmul_isa = matmul_isa};
  const std::string load_before = load_average();
  double best = 1e300;
  std::vector<double> all;
  std::vector<Capture> caps;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    caps = gpt2_forward(w, ids, sel, opts);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    all.push_back(s);
    best = std::min(best, s);
  }
  if (caps.size() != 1) throw std::runtime_error("expected the logits capture");
  const std::string isa = matmul_isa.empty() ? matmul_kernels().isa : matmul_isa;
  nlohmann::json j = {{"benchmark", "gpt2_forward"},
                      {"shape", {{"n_layer", w.config.n_layer}, {"n_head", w.config.n_head}, {"n_embd", w.config.n_embd},
                                 {"vocab_size", w.config.vocab_size}}},
                      {"tokens", tokens}, {"threads", threads}, {"seed", seed},
                      {"attnbound", {{"seconds", best}, {"all_seconds", all}, {"precision", "float32"},
                                     {"matmul_isa", isa}, {"includes", "forward + logits, weights already loaded"}}}};
  nlohmann::json ratios = nlohmann::json::object();
  if (!torch_modes.empty()) {
    nlohmann::json id_json = ids;
    std::ofstream(tmp / "ids.json") << id_json.dump();
    write_npy_f32(tmp / "logits.npy", caps[0].shape, caps[0].data.data());
    const std::string env = fmt::format("OMP_NUM_THREADS={0} MKL_NUM_THREADS={0} OPENBLAS_NUM_THREADS={0}", threads);
    const auto ref = nlohmann::json::parse(run_capture(fmt::format(
        "{} {} '{}' --model '{}' --ids '{}' --threads {} --repeats {} --aten-repeats {} --modes {} --compare '{}'", env,
        python, torch_script, model, (tmp / "ids.json").string(), threads, repeats, aten_repeats, torch_modes,
        (tmp / "logits.npy").string())));
    j["pytorch"] = ref;
    for (const auto& [mode, m] : ref["modes"].items()) {
      ratios["pytorch_" + mode] = best / m["seconds"].get<double>();
      j["logits_relative_diff_vs_pytorch_" + mode] =
          m["logits_max_abs_diff_vs_attnbound"].get<double>() / m["logits_max_abs"].get<double>();
    }
  }
  if (numpy) {
    const std::string env = fmt::format("OMP_NUM_THREADS={0} OPENBLAS_NUM_THREADS={0} MKL_NUM_THREADS={0}", threads);
    const auto ref = nlohmann::json::parse(run_capture(fmt::format("{} {} '{}' time --model '{}' --ids-count {} --seed {}",
                                                                   env, python, ref_script, model, tokens, seed)));
    j["numpy_reference"] = ref;
    ratios["numpy"] = best / ref["seconds"].get<double>();
  }
  j["time_ratio_attnbound_over"] = ratios;
  j["load_average"] = {{"before", load_before}, {"after", load_average()}};
  std::cout << j.dump(2) << std::endl;
  fs::remove_all(tmp);
  return 0;
} catch (const std::invalid_argument& e) {
  std::cerr << "gpt2_forward_bench: " << e.what() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "gpt2_forward_bench: error: " << e.what() << "\n";
  return 1;
}
