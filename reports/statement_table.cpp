#include "reports/statement_table.hpp"

#include "reports/render_markdown.hpp"
#include "theory/statement.hpp"

#include <stdexcept>

namespace attnbound::reports {

std::string statement_table_markdown() {
  std::string out = "| id | variant | claim | status |\n| --- | --- | --- | --- |\n";
  for (const Statement& st : all_statements())
    for (std::size_t k = 0; k < st.info.variants.size(); ++k) {
      const VariantInfo& v = st.info.variants[k];
      out += "| " + (k == 0 ? "`" + st.info.id + "`" : std::string()) + " | `" + v.name + "` | " + markdown_cell(v.claim) +
             " | " + markdown_cell(v.status) + " |\n";
    }
  return out;
}

std::string replace_statement_table(const std::string& text, const std::string& table) {
  const std::size_t begin = text.find(kStatementTableBegin);
  const std::size_t end = text.find(kStatementTableEnd);
  if (begin == std::string::npos || end == std::string::npos || end < begin)
    throw std::invalid_argument("statement table markers missing or out of order");
  const std::size_t from = text.find('\n', begin) + 1;
  return text.substr(0, from) + table + text.substr(end);
}

}  // namespace attnbound::reports
