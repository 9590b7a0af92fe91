// attnbound report [--out DIR] [--budget SECONDS] [--seed N]: the main job. Runs, in this order and within
// the time budget, the verification engine (verify/), a budgeted counterexample search (counterexamples/),
// the kernels' cross-validation in quick mode (kernels/), the model reproduction when a GPT-2 checkpoint is
// found, the spec's errata instances, the counterexample corpus and the reproduction on the GPT-2 reference
// logits, and writes report.json (deterministic for a seed), report.md, report.html, CSV tables, the
// counterexample files the verdict table links to, and timings.json (the only wall-clock figures). Progress
// goes to standard error; a part that is unavailable or fails is listed in the report, never fatal.
// Budget split (reports/build_report.hpp): verify 35%, search 25%, kernels 10%, reference reproduction 15%,
// model reproduction 15% (0 without a model: its time goes to the others), cumulative deadlines.
#include "app/commands.hpp"
#include "reports/attention_data.hpp"
#include "reports/build_report.hpp"
#include "reports/qk_part.hpp"
#include "reports/kernels_part.hpp"
#include "reports/search_part.hpp"
#include "reports/verify_part.hpp"
#include "reports/write_report.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#ifndef ATTNBOUND_REPORT_CORPUS_DEFAULT
#define ATTNBOUND_REPORT_CORPUS_DEFAULT "counterexamples/corpus"
#endif

namespace attnbound::cli {

namespace fs = std::filesystem;
std::filesystem::path report_shared_dir(const std::string& flag);  // cmd_reproduce.cpp
reports::Part model_reproduction_part(const std::string& model, const std::filesystem::path& shared,
                                      std::uint64_t seed, double share);  // cmd_reproduce.cpp

Command register_report(CLI::App& app) {
  struct Options {
    std::string out = "report", shared, corpus = ATTNBOUND_REPORT_CORPUS_DEFAULT, model, attention, attention_scale = "raw";
    double budget = 240;
    std::uint64_t seed = 20250823;
    std::size_t verify_instances = 6;
    std::uint64_t search_evals = 2000;
    std::vector<std::string> skip;
    int prove_max_length = 6;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("report", "Run everything available and write the bound-tightness report");
  sub->add_option("--out", opt->out, "Output folder (default ./report)");
  sub->add_option("--budget", opt->budget,
                  "Total time budget in seconds (default 240), split over the parts: verify 35%, search 25%, kernels "
                  "10%, reference reproduction 15%, model reproduction 15% (when a model is found)")
      ->check(CLI::Range(1.0, 86400.0));
  sub->add_option("--seed", opt->seed, "Seed (report.json is byte-identical for a seed when no part hits the budget)");
  sub->add_option("--shared", opt->shared, "Shared data folder (default $ATTNBOUND_SHARED_DIR or ../shared)");
  sub->add_option("--corpus", opt->corpus, "Counterexample corpus folder");
  sub->add_option("--model", opt->model, "GPT-2 checkpoint for the model reproduction (folder or model.safetensors; "
                                         "default: $ATTNBOUND_GPT2_MODEL or the Hugging Face cache)");
  sub->add_option("--attention", opt->attention,
                  "Captured attention of any model (as reproduce --attention): adds the part reproduce_attention");
  sub->add_option("--attention-logit-scale", opt->attention_scale,
                  "Logit scale of that part (as reproduce --logit-scale): raw (default; the file's scores times "
                  "sqrt(d_head), native T = sqrt(d_head)) or scaled (the file's q.k/sqrt(d_head), native T = 1)")
      ->check(CLI::IsMember({"raw", "scaled"}));
  sub->add_option("--verify-instances", opt->verify_instances, "Family instances per statement for verify (default 6)")
      ->check(CLI::Range(1, 100000));
  sub->add_option("--search-evals", opt->search_evals, "Search evaluations per statement variant (default 2000)")
      ->check(CLI::Range(1, 100000000));
  sub->add_option("--skip", opt->skip, "Parts to skip: verify, search, kernels, reproduce_model, errata, corpus, prove, qk, "
                                       "reproduce_reference")
      ->check(CLI::IsMember({"verify", "search", "kernels", "reproduce_model", "errata", "corpus", "prove", "qk",
                             "reproduce_reference", "reproduce_attention"}));
  sub->add_option("--prove-max-length", opt->prove_max_length,
                  "Largest L of the prove part's corrected Corollary 3 targets (default 6; the paper's form runs at L = 2)")
      ->check(CLI::Range(2, 8));
  return {sub, [opt] {
            const auto start = std::chrono::steady_clock::now();
            {
              // An output folder that cannot be created is bad input, said before any part runs.
              std::error_code out_ec;
              fs::create_directories(fs::path(opt->out) / "counterexamples", out_ec);
              if (out_ec) throw InputError("out", "cannot create " + opt->out + ": " + out_ec.message());
            }
            const fs::path shared = report_shared_dir(opt->shared);
            reports::ReportOptions ro;
            ro.seed = opt->seed;
            ro.budget_seconds = opt->budget;
            ro.version = ATTNBOUND_VERSION;
            ro.reference_files = reports::find_reference_files(shared);
            ro.qk_file = reports::find_qk_file(shared);
            ro.corpus_dir = opt->corpus;
            ro.reproduce.seed = opt->seed;
            ro.skip = opt->skip;
            ro.prove_max_length = opt->prove_max_length;
            if (!opt->attention.empty()) {
              ro.attention = {reports::load_attention(opt->attention)};  // a broken file: exit 2 before any part runs
              ro.attention_logit_scale = opt->attention_scale;
              if (opt->attention_scale == "raw" && ro.attention[0].sqrt_d_head.empty())
                throw InputError("attention-logit-scale", opt->attention + ": raw needs an integer sqrt(d_head), which "
                                                          "is unknown for this file: give --attention-logit-scale scaled");
            }
            ro.progress = [start](const std::string& s) {
              const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
              fmt::print(stderr, "report [{:6.1f} s] {}\n", t, s);
            };
            std::vector<reports::Part> parts;
            const std::uint64_t seed = opt->seed;
            std::error_code ec;
            const std::string corpus = fs::is_directory(opt->corpus, ec) ? opt->corpus : std::string();
            parts.push_back({"verify", "Certified verification over the seeded instance family",
                             [opt, seed, corpus](const reports::PartContext& ctx) {
                               reports::VerifyPartOptions vo;
                               vo.seed = seed;
                               vo.instances = opt->verify_instances;
                               vo.corpus_dir = corpus;
                               return reports::verify_part(vo, ctx);
                             },
                             0.35});
            parts.push_back({"search", "Budgeted adversarial search",
                             [opt, seed](const reports::PartContext& ctx) {
                               reports::SearchPartOptions so;
                               so.seed = seed;
                               so.max_evaluations = opt->search_evals;
                               return reports::search_part(so, ctx);
                             },
                             0.25});
            parts.push_back({"kernels", "Float32 kernels against MPFR",
                             [seed](const reports::PartContext& ctx) {
                               reports::KernelsPartOptions ko;
                               ko.seed = seed;
                               return reports::kernels_part(ko, ctx);
                             },
                             0.10});
            parts.push_back(model_reproduction_part(opt->model, shared, seed, 0.15));
            reports::BuiltReport b = reports::build_report(ro, parts);
            const fs::path out = opt->out;
            fs::create_directories(out / "counterexamples");
            for (const auto& [src, rel] : b.attachments) {
              fs::copy_file(src, out / rel, fs::copy_options::overwrite_existing, ec);
              if (ec) throw InputError("out", "cannot copy " + src.string() + ": " + ec.message());
            }
            for (const auto& [rel, content] : b.generated) {
              fs::create_directories((out / rel).parent_path());
              std::ofstream f(out / rel, std::ios::binary);
              f << content;
              if (!f) throw InputError("out", "cannot write " + (out / rel).string());
            }
            ro.progress("rendering report.json, report.md, report.html, CSV tables");
            const auto t0 = std::chrono::steady_clock::now();
            const auto written = reports::write_report(b.report, out, reports::gnuplot_svg, nullptr);
            b.timings.seconds.push_back(
                {"render", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()});
            b.timings.seconds.push_back(
                {"total", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()});
            // Timings go to their own file so report.json stays byte-identical between runs.
            std::ofstream(out / "timings.json") << to_json(b.timings).dump(2) << "\n";
            ro.progress(fmt::format("wrote {} files to {}", written.size() + b.generated.size() + b.attachments.size() + 1,
                                    opt->out));
            std::cout << (out / "report.html").string() << std::endl;
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
