// The report part "corpus": the files of the counterexample corpus (counterexamples/corpus, *.json), listed in
// a table and copied beside the report (counterexamples/<file>); one verdict row per (statement, variant)
// with certified counterexamples ("violated", certified: a corpus counterexample is a certified violation by
// the corpus's contract, counterexamples/corpus.hpp; build_report re-certifies and re-checks each).
// Unreadable files (not JSON, not an object) are counted in the section's detail, never a verdict.
// "unavailable" when the folder is missing.
#pragma once

#include "reports/build_report.hpp"

#include <filesystem>

namespace attnbound::reports {

PartOutcome corpus_part(const std::filesystem::path& dir);

}  // namespace attnbound::reports
