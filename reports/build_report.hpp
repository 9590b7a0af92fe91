// Assembles the report of `attnbound report`: runs each available part, each timed and isolated (a part
// that throws is listed as "failed" with its message; the report is still written), and merges their
// verdicts, claims, tables and figures into one Report. Optional data that is missing makes its part
// "unavailable" with a line saying how to get it, never an error.
//
// Budget: the parts run in order and part i may run until start + budget * (share_0 + ... + share_i) /
// (sum of all shares) (PartContext::deadline). Time a part leaves unused therefore flows to the parts after
// it, and the whole run ends near start + budget: a part checks its deadline between units of work (a
// verify instance, a search evaluation, a kernel validator, a reproduction step) and reports what it cut;
// the overrun is at most one unit of work. Parts with share 0 are cheap and fixed (errata, corpus).
// Determinism: every part has a fixed work size (instances, evaluations, grids), so report.json is a function
// of the seed and the data as long as no deadline binds; when one binds the part says so in its section
// ("cut by the time budget") and the report is no longer reproducible byte for byte.
#pragma once

#include "reports/report.hpp"
#include "reports/reproduce_reference.hpp"
#include "verify/certify.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace attnbound::reports {

// What one part contributes.
struct PartOutcome {
  Section section;
  std::vector<VerdictRow> verdicts;
  std::vector<ClaimRow> claims;
  std::vector<Table> tables;
  std::vector<Figure> figures;
  std::vector<std::string> notes;
  ojson config = ojson::object();
  // Files to copy beside the report: (source path, destination relative to the report directory).
  std::vector<std::pair<std::filesystem::path, std::string>> attachments;
  // Files written beside the report from memory: (destination relative to the report directory, content).
  std::vector<std::pair<std::string, std::string>> generated;
};

using Clock = std::chrono::steady_clock;

// What a running part knows about its time.
struct PartContext {
  Clock::time_point deadline = Clock::time_point::max();
  std::function<void(const std::string&)> progress;  // never empty inside build_report
  double remaining_seconds() const;                   // >= 0; +inf without a deadline
  bool expired() const { return Clock::now() >= deadline; }
  // Hands a certified verdict the part prints (with its instance) to the independent re-check of check/
  // (Arb, attnbound check); set by build_report, empty when a part runs alone.
  std::function<void(const Instance&, const CertifiedResult&, const std::string& label)> recheck;
  // Hands a certificate the part wrote itself (a prove certificate, check/check_prove.hpp) to the same re-check;
  // returns "" when the checker confirmed it, else why not. Empty when a part runs alone.
  std::function<std::string(const nlohmann::json& certificate, const std::string& label)> recheck_certificate;
  // The same re-check as `recheck`, answering what the checker said (reports/reproduce_recheck.hpp), for parts
  // whose rows turn undecided when it is not confirmed (the GPT-2 reproductions). Empty when a part runs alone.
  RecheckHook recheck_verdict;
};

struct Part {
  std::string id, title;
  std::function<PartOutcome(const PartContext&)> run;
  double share = 0;  // fraction of the budget (relative to the other parts' shares); 0: a cheap fixed part
};

struct ReportOptions {
  std::uint64_t seed = 20250823;
  double budget_seconds = 120;
  std::string version;
  std::vector<std::string> reference_files;  // GPT-2 reference exports; empty: that part is unavailable
  std::filesystem::path corpus_dir;          // counterexample corpus (*.json); may be absent
  std::filesystem::path qk_file;             // genuine GPT-2 queries and keys (qk_part.hpp); may be empty
  ReproduceOptions reproduce;
  double reference_share = 0.15;
  // Captured attention of any model (reports/attention_data.hpp, --attention), loaded by the caller so that a
  // broken file is bad input before any part runs; empty: no "reproduce_attention" part at all.
  std::vector<ReferenceExample> attention;
  std::string attention_logit_scale = "raw";  // the attention part's logit scale (ReproduceOptions::logit_scale)
  double attention_share = 0.10;
  // The "prove" part's corrected targets run for L = 2..this (reports/prove_part.hpp); below 2: no prove part
  // (reproduce: its reports are about data, not domains).
  int prove_max_length = 6;
  // The "alternatives" part (reports/normalisers_part.hpp, issue 18) at its fixed small work size.
  bool alternatives = true;
  std::vector<std::string> skip;  // part ids listed as "skipped" without running (attnbound report --skip)
  std::function<void(const std::string&)> progress;  // one line per event (stderr in the CLI)
};

struct BuiltReport {
  Report report;
  Timings timings;
  std::vector<std::pair<std::filesystem::path, std::string>> attachments;
  std::vector<std::pair<std::string, std::string>> generated;
};

// Deadlines of parts with these shares over `budget_seconds` from `start` (cumulative, see above).
std::vector<Clock::time_point> part_deadlines(const std::vector<double>& shares, double budget_seconds,
                                              Clock::time_point start);

// The parts this library provides on its own (reference reproduction, the corpus, the spec's errata
// instances); `extra` parts (verify, search, kernels, model reproduction from the CLI) run first. The
// reference reproduction's share is options.reference_share.
BuiltReport build_report(const ReportOptions& options, const std::vector<Part>& extra = {});

// The parts this library runs on its own live in their files: reports/reference_part.hpp (reference and
// attention reproductions), reports/corpus_part.hpp, reports/errata_part.hpp; the Findings' smallest
// counterexample in reports/smallest_counterexample.hpp.

// Reference exports found under <shared>/data/gpt2-reference (ex*.json, sorted); empty when absent.
std::vector<std::string> find_reference_files(const std::filesystem::path& shared_dir);

}  // namespace attnbound::reports
