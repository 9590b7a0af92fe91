// The table of statements (id, variant, claim, status) in Markdown, generated from the registry's
// StatementInfo (theory/statement.hpp all_statements()): the one copy of the table, kept in theory/README.md
// between the markers below; reports/tests/statement_table_test.cpp fails when that block differs from this
// output (ATTNBOUND_UPDATE_BASELINES=1 rewrites it) and when another README types the table again.
// One row per (id, variant), in registry order, the id written on the first variant's row only; '|' in a
// claim or status is escaped as "\|" so the cell stays one cell.
#pragma once

#include <string>

namespace attnbound::reports {

inline constexpr const char* kStatementTableBegin =
    "<!-- statement-table: generated from StatementInfo by reports/statement_table.cpp; do not edit -->";
inline constexpr const char* kStatementTableEnd = "<!-- /statement-table -->";

// The table, header row included, each line ending in '\n'.
std::string statement_table_markdown();

// `text` with the block between the markers (exclusive) replaced by `table`; std::invalid_argument when a
// marker is missing or out of order.
std::string replace_statement_table(const std::string& text, const std::string& table);

}  // namespace attnbound::reports
