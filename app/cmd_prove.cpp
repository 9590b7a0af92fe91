// attnbound prove --statement ID [--variant V] --length L [--dim D] [--top-n N] [--domain FILE.json]
//                 [--target-ratio R] [--budget S] [--max-boxes N] [--certificate FILE] [--corpus DIR] [--json]
// Interval branch-and-bound of sup over a domain of ||J|| / bound (prove/branch_and_bound.hpp; issue 14).
// Prints the result (one JSON object with --json, else a short text summary). Exit 0 for every status
// (proved, refuted, incomplete are all results); 2 for bad input. --certificate writes the box tree and the
// per-leaf upper ends for `attnbound check`; --corpus writes a refutation's shrunk counterexample there.
#include "app/commands.hpp"
#include "prove/alt_prove.hpp"
#include "prove/branch_and_bound.hpp"
#include "scaleout/process_group.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <iostream>
#include <memory>

namespace attnbound::cli {

Command register_prove(CLI::App& app) {
  struct Options {
    std::string statement, variant, domain, certificate, corpus;
    int length = 2, dim = 1, top_n = 0;
    prove::ProveOptions prove;
    bool json = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("prove", "Bound sup ratio over a domain of inputs by interval branch-and-bound");
  sub->add_option("--statement", opt->statement, "Statement id (cor3.softmax_jacobian[.corrected], lemma2.jacobian, thm1.fixed, alt.ssmax, alt.sparsemax, alt.entmax15)")
      ->required();
  sub->add_option("--variant", opt->variant, "Norm: spectral (default), frobenius, per_weight; thm1.fixed: tight (default); alt.*: spectral, frobenius (sparsemax), max_weight (ssmax, entmax15), softmax_bound (sparsemax)");
  sub->add_option("--length", opt->length, "Number of logits L (2..12)")->required();
  sub->add_option("--dim", opt->dim, "thm1.fixed: dimension d of the embeddings x (1..3, default 1)");
  sub->add_option("--top-n", opt->top_n, "thm1.fixed: size N of the top-N set (1..L-1, default L-1)");
  sub->add_option("--domain", opt->domain,
                  "Domain JSON: {\"logits\": {\"lo\": \"-40\", \"hi\": \"0\"}, \"temperature\": \"1\"} (the default; "
                  "thm1.fixed: logits [-4, 0] and \"x\": {\"lo\": \"-2\", \"hi\": \"2\"})");
  sub->add_option("--target-ratio", opt->prove.target_ratio, "Proved when the sup ratio is <= this decimal (default 1)");
  sub->add_option("--budget", opt->prove.budget_seconds, "Seconds before the run stops incomplete (default 60)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--max-boxes", opt->prove.max_boxes, "Boxes before the run stops incomplete (0: no cap; reproducible)");
  sub->add_option("--certificate", opt->certificate, "Write the certificate (box tree, leaf upper ends) for `attnbound check`");
  sub->add_option("--corpus", opt->prove.corpus_dir, "Write a refutation's shrunk counterexample to this corpus folder");
  sub->add_flag("--json", opt->json, "Print one JSON object");
  return {sub, [opt] {
            nlohmann::json domain_json;
            if (!opt->domain.empty()) domain_json = parse_json_exact(read_input(opt->domain, "domain"));
            if (!is_decimal(opt->prove.target_ratio))
              throw InputError("target-ratio", "'" + opt->prove.target_ratio + "' is not a finite decimal");
            if (prove::is_alt_prove_statement(opt->statement)) {  // the alternatives (issue 18): prove/alt_prove.hpp
              const prove::AltProveOutput alt = prove::prove_alt(
                  prove::make_alt_domain(opt->statement, opt->variant, opt->length, domain_json), opt->prove);
              if (!scaleout::ProcessGroup::world().is_root()) return kExitOk;
              if (!opt->certificate.empty()) {
                std::ofstream out(opt->certificate);
                if (!(out << alt.certificate.dump() << "\n")) throw InputError("--certificate", "cannot write " + opt->certificate);
              }
              const nlohmann::json& j = alt.output;
              if (opt->json) std::cout << j.dump(2) << std::endl;
              else fmt::print("{} {} L={}: {} by {} (sup ratio in [{}, {}], target {})\n", j["statement"].get<std::string>(),
                              j["variant"].get<std::string>(), opt->length, j["status"].get<std::string>(),
                              j["method"].get<std::string>(), j["sup_ratio"]["lo"].dump(), j["sup_ratio"]["hi"].dump(),
                              opt->prove.target_ratio);
              return kExitOk;
            }
            const prove::ProveDomain d = prove::make_domain(opt->statement, opt->variant, opt->length, domain_json, opt->dim,
                                                            opt->top_n);
            const prove::ProveResult r = prove::prove(d, opt->prove, [](const prove::ProveResult& so_far) {
              fmt::print(stderr, "attnbound prove: {} boxes (this process), {:.0f} s\n", so_far.boxes, so_far.seconds);
            });
            if (!scaleout::ProcessGroup::world().is_root()) return kExitOk;  // rank 0 reports and writes
            const nlohmann::json j = prove::to_json(r, d, opt->prove);
            if (r.boxes_per_process.size() > 1)  // schedule-dependent: stderr, never the JSON (the same for every K)
              fmt::print(stderr, "attnbound prove: {} processes; subtree boxes per process: {}\n",
                         r.boxes_per_process.size(), fmt::join(r.boxes_per_process, ", "));
            if (!opt->certificate.empty()) {
              std::ofstream out(opt->certificate);
              if (!out) throw InputError("--certificate", "cannot write " + opt->certificate);
              out << prove::make_prove_certificate(r, d, opt->prove).dump() << "\n";
              if (!out) throw InputError("--certificate", "cannot write " + opt->certificate);
            }
            if (opt->json) {
              std::cout << j.dump(2) << std::endl;
            } else {
              fmt::print("{} {} L={}: {} (sup ratio in [{}, {}], target {}), {} boxes in {:.2f} s ({:.0f}/s), {} open\n",
                         d.statement, d.variant, d.length, r.status, j["sup_ratio"]["lo"].dump(),
                         j["sup_ratio"]["hi"].dump(), opt->prove.target_ratio, r.boxes, r.seconds,
                         j["boxes_per_second"].get<double>(), r.open);
              if (r.status == "refuted")
                fmt::print("counterexample: {}\n", r.counterexample.at("instance").dump());
            }
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
