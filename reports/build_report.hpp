// Assembles the report of `attnbound report`: runs each available part, each timed and isolated (a part
// that throws is listed as "failed" with its message; the report is still written), and merges their
// verdicts, claims, tables and figures into one Report. Optional data that is missing makes its part
// "unavailable" with a line saying how to get it, never an error.
#pragma once

#include "reports/report.hpp"
#include "reports/reproduce_reference.hpp"

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
};

struct Part {
  std::string id, title;
  std::function<PartOutcome()> run;
};

struct ReportOptions {
  std::uint64_t seed = 20250823;
  double budget_seconds = 120;
  std::string version;
  std::vector<std::string> reference_files;  // GPT-2 reference exports; empty: that part is unavailable
  std::filesystem::path corpus_dir;          // counterexample corpus (*.json); may be absent
  ReproduceOptions reproduce;
  std::function<void(const std::string&)> progress;  // one line per event (stderr in the CLI)
};

struct BuiltReport {
  Report report;
  Timings timings;
  std::vector<std::pair<std::filesystem::path, std::string>> attachments;
};

// The parts this library provides on its own (reference reproduction, the corpus, the spec's errata
// instances); `extra` parts (verify, search, kernels, model reproduction from the CLI) run first.
BuiltReport build_report(const ReportOptions& options, const std::vector<Part>& extra = {});

// Individual parts, usable alone (reproduce uses the first).
PartOutcome reference_part(const std::vector<std::string>& files, const ReproduceOptions& options,
                           const std::function<void(const std::string&)>& progress);
PartOutcome corpus_part(const std::filesystem::path& dir);
PartOutcome errata_part();

// Reference exports found under <shared>/data/gpt2-reference (ex*.json, sorted); empty when absent.
std::vector<std::string> find_reference_files(const std::filesystem::path& shared_dir);

}  // namespace attnbound::reports
