// attnbound reproduce: the paper's analyses (spec section 3) on GPT-2 data.
//   --reference FILE...  everything that needs only attention logits (Corollary 1 / Lemma 1 logits-only,
//                        Corollary 3, Algorithm 5) on the genuine GPT-2 exports; default: the files under
//                        ../shared/data/gpt2-reference and gpt2-reference-more when present.
//   --attention FILE     the same analyses as --reference (and Theorem 1 when the file has hook_v) on captured
//                        attention of any model: a safetensors file or a folder of .npy files with TransformerLens
//                        names (reports/attention_data.hpp; scripts/capture_attention.py writes one). The file
//                        holds hook_attn_scores = q.k / sqrt(d_head); --logit-scale picks the analysis scale:
//                        scaled = those scores, native T = 1; raw = those times sqrt(d_head) (exact, needs an
//                        integer sqrt(d_head)), native T = sqrt(d_head). Without --reference / --model only the
//                        capture is analysed. A broken file is bad input (exit 2, one line naming the tensor).
//   --model PATH         Algorithms 1-5 over War and Peace on a GPT-2 checkpoint (reports/reproduce_model.hpp);
//                        without one (none given, none in $ATTNBOUND_GPT2_MODEL or the Hugging Face cache) the
//                        command says what it needs and how to download it, and runs the rest.
// Writes a report directory (report.json, report.md, report.html, CSV) and prints a one-object JSON summary,
// with "independent_check" {checked, confirmed, rejected, unsupported, listed}: every certified row of the
// reproductions is re-checked by attnbound check (Arb); a row it does not confirm is undecided and listed.
#include "app/commands.hpp"
#include "gpt2/bpe_tokenizer.hpp"
#include "gpt2/model_path.hpp"
#include "reports/attention_data.hpp"
#include "reports/build_report.hpp"
#include "reports/reproduce_model.hpp"
#include "reports/write_report.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#ifndef ATTNBOUND_REPORT_SHARED_DEFAULT
#define ATTNBOUND_REPORT_SHARED_DEFAULT "../shared"
#endif

namespace attnbound::cli {

namespace fs = std::filesystem;

std::filesystem::path report_shared_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ATTNBOUND_SHARED_DIR"); env && *env) return env;
  return ATTNBOUND_REPORT_SHARED_DEFAULT;
}

// Where the model is (gpt2/model_path.hpp: --model, $ATTNBOUND_GPT2_MODEL, the Hugging Face cache), or what is
// missing and how to get it.
struct ModelChoice {
  fs::path dir;
  std::string need;  // non-empty: the model part is unavailable, and why
};

ModelChoice resolve_model(const std::string& flag) {
  const std::string how =
      "Algorithms 1-4 need GPT-2 weights: huggingface-cli download gpt2 model.safetensors config.json --local-dir DIR, "
      "then pass --model DIR (or set ATTNBOUND_GPT2_MODEL)";
  ModelChoice c;
  try {
    c.dir = gpt2::find_model_dir(flag);
  } catch (const InputError& e) {
    c.need = std::string(e.what()) + "; " + how;
  }
  return c;
}

// The model reproduction as a report part: "unavailable" (with the download command) when no checkpoint is
// found, else reports::reproduce_model with the tokenizer and text found from the model folder / shared data.
reports::Part model_part(reports::ModelReproduceOptions base, const std::string& model_flag, const fs::path& shared,
                         const std::string& text_flag, const std::string& tokenizer_flag, double share) {
  const ModelChoice mc = resolve_model(model_flag);
  const std::string title = "Algorithms 1-5 on GPT-2 over War and Peace (reproduce --model)";
  return {"reproduce_model", title,
          [=](const reports::PartContext& ctx) mutable {
            reports::PartOutcome o;
            if (!mc.need.empty()) {
              o.section = {"reproduce_model", title, "unavailable", mc.need};
              return o;
            }
            base.model_dir = mc.dir;
            std::string tok_flag = tokenizer_flag;
            if (tok_flag.empty() && !fs::exists(mc.dir / "vocab.json") && fs::is_directory(shared / "data" / "gpt2-tokenizer"))
              tok_flag = (shared / "data" / "gpt2-tokenizer").string();
            base.tokenizer_dir = gpt2::find_tokenizer_dir(tok_flag, mc.dir);
            base.text = text_flag.empty() ? shared / "data" / "text" / "war-and-peace.txt" : fs::path(text_flag);
            if (!fs::exists(base.text)) {
              o.section = {"reproduce_model", title, "unavailable",
                           "no text: " + base.text.string() + " not found (pass --text FILE)"};
              return o;
            }
            return reports::reproduce_model(base, ctx);
          },
          mc.need.empty() ? share : 0.0};
}

reports::Part model_reproduction_part(const std::string& model, const fs::path& shared, std::uint64_t seed, double share) {
  reports::ModelReproduceOptions o;
  o.seed = seed;
  return model_part(o, model, shared, "", "", share);
}

Command register_reproduce(CLI::App& app) {
  struct Options {
    std::vector<std::string> reference;
    std::string model, text, out = "reproduce-report", shared, logit_scale = "raw", x = "values", attention;
    std::size_t theorem1_rows = 32;
    std::vector<std::string> temperatures, epsilons = {"0.001", "0.1", "10"};
    std::vector<int> lengths, top_n;
    double ks_level = 0.01;
    std::uint64_t seed = 20250823;
    std::size_t certify_rows = 24, model_certify_rows = 3, windows = 1, alg5_rows = 32;
    unsigned certify_bits = 128;
    int fixed_n = 5, threads = 2;
    std::vector<int> critical_grid;
    std::string tokenizer;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("reproduce", "Reproduce the paper's analyses (Algorithms 1-5) on GPT-2 data");
  sub->add_option("--reference", opt->reference,
                  "GPT-2 reference exports (ex*.json); default: ../shared/data/gpt2-reference{,-more}/ex*.json");
  sub->add_option("--attention", opt->attention,
                  "Captured attention of any model: a safetensors file or a folder of .npy files with TransformerLens "
                  "names blocks.{l}.attn.hook_attn_scores (q.k/sqrt(d_head), masked -inf) and optionally "
                  "blocks.{l}.attn.hook_v (scripts/capture_attention.py writes one)");
  sub->add_option("--theorem1-rows", opt->theorem1_rows,
                  "--attention with hook_v: rows per head checked against Theorem 1 (thm1.fixed, default 32)");
  sub->add_option("--model", opt->model, "GPT-2 checkpoint: a Hugging Face folder (model.safetensors + config.json) or "
                                         "the model.safetensors file; default $ATTNBOUND_GPT2_MODEL or the HF cache");
  sub->add_option("--tokenizer", opt->tokenizer, "GPT-2 tokenizer folder (default: the model folder, else the shared data)");
  sub->add_option("--windows", opt->windows, "--model: consecutive windows of max(L) tokens (default 1)")->check(CLI::Range(1, 1000));
  sub->add_option("--fixed-n", opt->fixed_n, "--model: Algorithm 1's N (default 5)")->check(CLI::Range(1, 100000));
  sub->add_option("--critical-grid", opt->critical_grid, "--model: Algorithm 3's N values (default 1..8, 10..16 by 2, 20..32 by 4, 40..64 by 8, 80, 100)");
  sub->add_option("--alg5-rows", opt->alg5_rows, "--model: rows per head for Algorithm 5 / Corollary 3 (default 32)");
  sub->add_option("--model-certify-rows", opt->model_certify_rows, "--model: rows of thm1.fixed certified in intervals (default 3)");
  sub->add_option("--threads", opt->threads, "--model: threads of the forward pass and the analysis (default 2)")->check(CLI::Range(1, 256));
  sub->add_option("--text", opt->text, "Text for --model (default ../shared/data/text/war-and-peace.txt)");
  sub->add_option("--lengths", opt->lengths, "Sequence lengths L for --model (default 32 64 ... 1024)");
  sub->add_option("--top-n", opt->top_n, "Top-N values for --model (default 1 5 10 20 100)");
  sub->add_option("--x", opt->x, "x_i for --model: values (per-head value vectors, default) or hidden")
      ->check(CLI::IsMember({"values", "hidden"}));
  sub->add_option("--ks-level", opt->ks_level, "KS significance level for Algorithm 3 (0.01 text, default; 0.05 Alg. 3)")
      ->check(CLI::Range(1e-12, 0.999999));
  sub->add_option("--logit-scale", opt->logit_scale,
                  "raw: l = q.k, native T = sqrt(d_head) = 8 for GPT-2 (the spec's convention); scaled: "
                  "l = q.k/sqrt(d_head), native T = 1. --attention files hold the scaled scores; raw multiplies them "
                  "by sqrt(d_head) exactly")
      ->check(CLI::IsMember({"raw", "scaled"}));
  sub->add_option("--temperatures", opt->temperatures, "T grid (decimals; default 0.001 ... 100 in 1-2-5 steps + native)");
  sub->add_option("--epsilons", opt->epsilons, "Algorithm 5 eps values (default 0.001 0.1 10)");
  sub->add_option("--seed", opt->seed, "Seed of the random directions and of the certified sample");
  sub->add_option("--certify-rows", opt->certify_rows, "Random rows certified in intervals (plus each check's worst)");
  sub->add_option("--certify-bits", opt->certify_bits, "Interval precision in bits")->check(CLI::Range(24u, 4096u));
  sub->add_option("--out", opt->out, "Output folder (default reproduce-report)");
  sub->add_option("--shared", opt->shared, "Shared data folder (default $ATTNBOUND_SHARED_DIR or ../shared)");
  return {sub, [opt] {
            const fs::path shared = report_shared_dir(opt->shared);
            reports::ReportOptions ro;
            ro.seed = opt->seed;
            ro.budget_seconds = 0;
            ro.version = ATTNBOUND_VERSION;
            ro.reference_files = opt->reference.empty() ? reports::find_reference_files(shared) : opt->reference;
            ro.reproduce.logit_scale = opt->logit_scale;
            ro.reproduce.temperatures = opt->temperatures;
            ro.reproduce.epsilons = opt->epsilons;
            ro.reproduce.seed = opt->seed;
            ro.reproduce.certify_rows = opt->certify_rows;
            ro.reproduce.certify_bits = opt->certify_bits;
            ro.reproduce.theorem1_rows = opt->theorem1_rows;
            const bool attention = !opt->attention.empty();
            if (attention) {
              ro.attention = {reports::load_attention(opt->attention)};  // a broken file: exit 2 before any analysis
              ro.attention_logit_scale = opt->logit_scale;
              if (opt->logit_scale == "raw" && ro.attention[0].sqrt_d_head.empty())
                throw InputError("logit-scale", opt->attention + ": raw needs an integer sqrt(d_head), which is unknown "
                                                "for this file (no hook_v, no d_head metadata): give --logit-scale scaled");
              if (opt->reference.empty()) ro.skip.push_back("reproduce_reference");  // only the capture, unless asked
            }
            ro.prove_max_length = 0;  // domain proofs belong to `attnbound report`, not to a reproduction on data
            ro.progress = [](const std::string& s) { fmt::print(stderr, "reproduce: {}\n", s); };
            for (const auto& f : opt->reference)
              if (!fs::exists(f)) throw InputError("reference", "cannot read " + f);
            reports::ModelReproduceOptions mo;
            if (!opt->lengths.empty()) mo.lengths = opt->lengths;
            if (!opt->top_n.empty()) mo.top_n = opt->top_n;
            mo.critical_grid = opt->critical_grid;
            mo.fixed_n = opt->fixed_n;
            mo.x = opt->x;
            mo.ks_level = opt->ks_level;
            mo.logit_scale = opt->logit_scale;
            mo.temperatures = opt->temperatures;
            mo.epsilons = opt->epsilons;
            mo.windows = opt->windows;
            mo.alg5_rows = opt->alg5_rows;
            mo.certify_rows = opt->model_certify_rows;
            mo.certify_bits = opt->certify_bits;
            mo.seed = opt->seed;
            mo.threads = opt->threads;
            if (!opt->text.empty() && !fs::exists(opt->text)) throw InputError("text", "cannot read " + opt->text);
            std::vector<reports::Part> parts;
            if (!attention || !opt->model.empty()) parts.push_back(model_part(mo, opt->model, shared, opt->text, opt->tokenizer, 1));
            const ModelChoice mc = resolve_model(opt->model);
            if (!mc.need.empty() && !parts.empty()) {
              if (!opt->model.empty()) throw InputError("model", mc.need);
              fmt::print(stderr, "reproduce: {}\n", mc.need);
            }
            reports::BuiltReport b = reports::build_report(ro, parts);
            b.report.title = attention ? "attnbound reproduce: analyses of arXiv 2508.17821 on captured attention"
                                       : "attnbound reproduce: GPT-2 analyses of arXiv 2508.17821";
            const auto written = reports::write_report(b.report, opt->out, reports::gnuplot_svg, &b.timings);
            nlohmann::ordered_json summary;
            summary["out"] = opt->out;
            summary["files"] = written.size();
            for (const auto& s : b.report.sections) summary["sections"][s.id] = s.status;
            for (const auto& c : b.report.claims)
              if (c.agreement != "not measured") summary["claims"][c.id] = c.agreement;
            // The independent re-check (Arb) of every certified verdict printed, the reproductions' rows included:
            // its counts, and each reproduction row it did not confirm (that row's verdict is undecided).
            if (b.report.config.contains("independent_check")) {
              const auto& ic = b.report.config["independent_check"];
              for (const char* k : {"checked", "confirmed", "rejected", "unsupported"}) summary["independent_check"][k] = ic.at(k);
              summary["independent_check"]["listed"] = nlohmann::ordered_json::array();
              for (const char* part : {"reproduce_reference", "reproduce_attention", "reproduce_model"})
                if (b.report.config.contains(part) && b.report.config[part].contains("independent_check"))
                  for (const auto& x : b.report.config[part]["independent_check"]["listed"]) {
                    auto row = x;
                    row["part"] = part;
                    summary["independent_check"]["listed"].push_back(row);
                  }
            }
            std::cout << summary.dump(2) << std::endl;
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
