// Corollary 1 in its own form on genuine GPT-2 queries and keys (issue 15 item 6): a report part.
//
// Domain: a bertviz export of per-head queries and keys (../shared/data/gpt2-qk/john-smith.json: "queries" and
// "keys" [layer][head][token][64], "pattern" [layer][head][query][key]; scores = q . k / 8). For every layer,
// head and causal row t, the instance cor1.softmax_weights {query = q_t, keys = k_0..k_t, temperature = 8} is
// certified (verify/certify.hpp) under both readings (max_key, literal); the decimals are the file's numbers to
// 17 significant digits (each reads back as the same double). Each certified verdict goes to the independent
// re-check (PartContext::recheck). Also measured, in double: max |softmax(q k^T / 8) - pattern| over every row,
// which says that the file's vectors are the ones behind its attention.
// Output: one verdict row per reading with its certified holds / violations, the shortest certified
// counterexample written as counterexamples/qk/cor1.softmax_weights.<variant>.json, a per-layer table.
#pragma once

#include "reports/build_report.hpp"

#include <filesystem>

namespace attnbound::reports {

// "unavailable" when `file` is empty or absent; InputError naming the field when it is malformed.
PartOutcome qk_part(const std::filesystem::path& file, const PartContext& context);

// The export under the shared folder (empty when absent).
std::filesystem::path find_qk_file(const std::filesystem::path& shared_dir);

}  // namespace attnbound::reports
