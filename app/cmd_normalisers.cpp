// attnbound normalisers [--reference FILE...] [--shared DIR] [--out DIR] [--lengths L...] [--rows N] [--seed N]
// [--top-n N] [--dimension D]: every normaliser (softmax over a T grid, sparsemax, entmax-1.5, SSMax over a grid of s,
// SA-Softmax and its normalised variant) against the paper's three limitations on synthetic logit rows and
// the genuine GPT-2 reference rows, including Theorem 1's d~ and Algorithm 4's N_s/N with each normaliser's
// weights on unit-sphere embeddings of R^D (reports/normalisers_part.hpp); writes report.json, report.md,
// report.html, tables/*.csv and figures/*.{csv,svg} to --out and prints a JSON summary. Every measured number is
// a double-precision measurement, not certified. The one certified table, normalisers_certified_checks
// (reports/normalisers_certified.hpp), evaluates every variant of alt.sparsemax, alt.entmax15, alt.ssmax,
// alt.sa_softmax and alt.low_temperature through the registry on a few instances; each certified verdict's
// certificate (verify/certificate.hpp) is re-checked here by the Arb checker of check/ (check_certified_result,
// as `attnbound report` / `reproduce` do through build_report) and written to
// --out/certificates/normalisers/NNNNN-<statement>.<variant>.json for `attnbound check`; a verdict the checker
// does not confirm is undecided (listed in tables/normalisers_certified_not_confirmed.csv and the summary).
// Exit codes: 0 success, 2 bad input (a length outside [1, 65536], an unreadable reference file).
#include "app/commands.hpp"
#include "check/check_run.hpp"
#include "reports/build_report.hpp"
#include "reports/normalisers_part.hpp"
#include "reports/write_report.hpp"
#include "theory/errors.hpp"
#include "verify/certificate.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
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
            // The independent re-check (Arb) of every certified spot check; its certificate goes beside the report.
            check::RunSummary rechecked;
            std::vector<std::pair<std::string, std::string>> certificates;  // (relative path, JSON)
            ctx.recheck_verdict = [&](const Instance& inst, const CertifiedResult& res,
                                      const std::string& label) -> reports::RecheckOutcome {
              if (!certificate_applies(res)) return {reports::RecheckOutcome::Kind::rejected, "no certificate"};
              const nlohmann::json certificate = make_certificate(inst, res);
              certificates.push_back({fmt::format("certificates/normalisers/{:05}-{}.{}.json", certificates.size(),
                                                  res.statement, res.variant),
                                      certificate.dump(2) + "\n"});
              check::RunSummary one;  // check_certificate_json throws on an unreadable certificate: the caller's rejection
              check::check_certificate_json(certificate, label, check::CheckOptions{}, one);
              rechecked.merge(one);
              if (one.rejected > 0)
                return {reports::RecheckOutcome::Kind::rejected, one.rejections.back().value("why", std::string("rejected"))};
              if (one.unsupported > 0)
                return {reports::RecheckOutcome::Kind::unsupported, res.statement + " / " + res.variant +
                                                                       " is not evaluated by the checker"};
              if (one.confirmed == 1 && one.checked == 1) return {reports::RecheckOutcome::Kind::confirmed, ""};
              return {reports::RecheckOutcome::Kind::rejected, "the checker did not confirm it"};
            };
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
            r.notes.push_back("Double-precision measurements, not certified, except the table normalisers_certified_checks: "
                              "the statements behind each normaliser (alt.sparsemax, alt.entmax15, alt.ssmax, "
                              "alt.sa_softmax, and alt.low_temperature for the temperature guideline) certified through "
                              "the registry on a few instances, each certified verdict re-checked by attnbound check "
                              "(Arb); the certificates are in certificates/normalisers/.");
            const auto written = reports::write_report(r, opt->out, reports::gnuplot_svg, nullptr);
            for (const auto& [path, text] : certificates) {
              const std::filesystem::path file = std::filesystem::path(opt->out) / path;
              std::filesystem::create_directories(file.parent_path());
              std::ofstream(file, std::ios::binary) << text;
            }
            nlohmann::ordered_json summary;
            summary["out"] = opt->out;
            summary["files"] = written.size();
            summary["synthetic_lengths"] = o.lengths;
            summary["reference_files"] = o.reference_files.size();
            summary["dimension"] = o.dimension;
            summary["certified"] = false;  // the measurements
            if (p.config.contains("certified_checks")) {
              const auto& cc = p.config["certified_checks"];
              for (const char* k : {"rows", "holds", "violated", "undecided"}) summary["certified_checks"][k] = cc.at(k);
              summary["certified_checks"]["certificates"] = certificates.size();
              summary["certified_checks"]["independent_check"] = nlohmann::ordered_json::parse(cc.at("independent_check").dump());
            }
            for (const auto& c : r.claims) summary["guidelines"][c.id] = c.agreement;
            std::cout << summary.dump(2) << std::endl;
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
