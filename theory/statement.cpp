#include "theory/statement.hpp"

#include "theory/statement_list.hpp"

#include <fmt/format.h>

// The evaluators are instantiated in theory/instantiate_{double,real,interval}.cpp only.
#define ATTNBOUND_EXTERN(ns)                                                                                     \
  extern template attnbound::Evaluation<double> attnbound::ns::evaluate<double>(                               \
      const attnbound::Instance&, const std::string&, const attnbound::EvalOptions&);                           \
  extern template attnbound::Evaluation<attnbound::Real> attnbound::ns::evaluate<attnbound::Real>(              \
      const attnbound::Instance&, const std::string&, const attnbound::EvalOptions&);                           \
  extern template attnbound::Evaluation<attnbound::Interval> attnbound::ns::evaluate<attnbound::Interval>(      \
      const attnbound::Instance&, const std::string&, const attnbound::EvalOptions&);
ATTNBOUND_STATEMENTS(ATTNBOUND_EXTERN)

namespace attnbound {

std::string Statement::resolve_variant(const std::string& requested) const {
  if (requested.empty()) return info.variants.at(0).name;
  std::string names;
  for (const auto& v : info.variants) {
    if (v.name == requested) return requested;
    names += (names.empty() ? "" : ", ") + v.name;
  }
  throw InputError("variant", fmt::format("unknown variant \"{}\" of {} (known: {})", requested, info.id, names));
}

const std::vector<Statement>& all_statements() {
#define ATTNBOUND_ENTRY(ns) Statement{ns::info(), &ns::evaluate<double>, &ns::evaluate<Real>, &ns::evaluate<Interval>},
  static const std::vector<Statement> table{ATTNBOUND_STATEMENTS(ATTNBOUND_ENTRY)};
#undef ATTNBOUND_ENTRY
  return table;
}

const Statement& find_statement(const std::string& id) {
  std::string ids;
  for (const auto& s : all_statements()) {
    if (s.info.id == id) return s;
    ids += (ids.empty() ? "" : ", ") + s.info.id;
  }
  throw InputError("statement", fmt::format("unknown statement \"{}\" (known: {})", id, ids));
}

}  // namespace attnbound
