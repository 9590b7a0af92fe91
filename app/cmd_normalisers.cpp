// attnbound normalisers [--reference FILE...] [--shared DIR] [--out DIR] [--lengths L...] [--rows N] [--seed N]
// [--top-n N] [--dimension D]: every normaliser (softmax over a T grid, sparsemax, entmax-1.5, SSMax over a grid of s,
// SA-Softmax and its normalised variant) against the paper's three limitations on synthetic logit rows and
// the genuine GPT-2 reference rows, including Theorem 1's d~ and Algorithm 4's N_s/N with each normaliser's
// weights on unit-sphere embeddings of R^D (reports/normalisers_part.hpp); writes report.json, report.md,
// report.html, tables/*.csv and figures/*.{csv,svg} to --out and prints a JSON summary. Every number is a
// double-precision measurement, not certified (the certified statements are alt.* through `eval`).
// Exit codes: 0 success, 2 bad input (a length outside [1, 65536], an unreadable reference file).
#include "app/commands.hpp"
#include "reports/build_report.hpp"
#include "reports/normalisers_part.hpp"
#include "reports/write_report.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace attnbound::cli {

std::filesystem::path report_shared_dir(const std::string& flag);  // app/cmd_reproduce.cpp

Command register_normalisers(CLI::App& app) {
  struct Options {
    std::vector<std::string> reference;
    std::string shared, out = "out/normalisers";
    std::vector<std::size_t> lengths;
    std::size_t rows = reports::NormalisersOptions{}.rows, top_n = reports::NormalisersOptions{}.top_n,
                dimension = reports::NormalisersOptions{}.dimension;
    std::uint64_t seed = reports::NormalisersOptions{}.seed;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand(
      "normalisers", "Every normaliser against the three limitations on synthetic and GPT-2 logits (double, uncertified)");
  sub->add_option("--reference", opt->reference, "GPT-2 reference exports (default: ../shared/data/gpt2-reference*)");
  sub->add_option("--shared", opt->shared, "Shared data folder (default ../shared or $ATTNBOUND_SHARED_DIR)");
  sub->add_option("--out", opt->out, "Output folder (default out/normalisers)");
  sub->add_option("--lengths", opt->lengths, "Synthetic lengths (default 16 64 256 1024 4096 16384 65536)");
  sub->add_option("--rows", opt->rows, "Synthetic rows per length (default 4)")->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
  sub->add_option("--top-n", opt->top_n, "N of the top-N mass (default 5)")->check(CLI::Range(std::size_t{1}, std::size_t{65536}));
  sub->add_option("--seed", opt->seed, "Seed of the synthetic logits and of the embeddings");
  sub->add_option("--dimension", opt->dimension, "Dimension of the unit-sphere embeddings of d~ and N_s/N (default 64)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
  return {sub, [opt] {
            reports::NormalisersOptions o;
            if (!opt->lengths.empty()) o.lengths = opt->lengths;
            for (std::size_t L : o.lengths)
              if (L < 1 || L > 65536) throw InputError("lengths", fmt::format("each length must be in [1, 65536], got {}", L));
            o.rows = opt->rows;
            o.top_n = opt->top_n;
            o.seed = opt->seed;
            o.dimension = opt->dimension;
            o.reference_files =
                opt->reference.empty() ? reports::find_reference_files(report_shared_dir(opt->shared)) : opt->reference;
            reports::PartContext ctx;
            ctx.progress = [](const std::string& s) { fmt::print(stderr, "{}\n", s); };
            reports::PartOutcome p = reports::normalisers_part(o, ctx);
            reports::Report r;
            r.title = "attnbound normalisers: every normaliser against the three limitations";
            r.config = p.config;
            p.section.id = "normalisers";
            p.section.title = "Alternatives: every normaliser against the three limitations";
            r.sections.push_back(p.section);
            r.claims = p.claims;
            r.tables = p.tables;
            r.figures = p.figures;
            r.notes.push_back("Double-precision measurements, not certified; the certified statements behind each "
                              "normaliser are alt.sparsemax, alt.entmax15, alt.ssmax, alt.sa_softmax, and "
                              "alt.low_temperature for the temperature guideline (attnbound eval).");
            const auto written = reports::write_report(r, opt->out, reports::gnuplot_svg, nullptr);
            nlohmann::ordered_json summary;
            summary["out"] = opt->out;
            summary["files"] = written.size();
            summary["synthetic_lengths"] = o.lengths;
            summary["reference_files"] = o.reference_files.size();
            summary["dimension"] = o.dimension;
            summary["certified"] = false;
            for (const auto& c : r.claims) summary["guidelines"][c.id] = c.agreement;
            std::cout << summary.dump(2) << std::endl;
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
