#include "counterexamples/instance_space.hpp"

#include "theory/statement.hpp"

namespace attnbound::search {
namespace {

const std::vector<InstanceSpace>& all_spaces() {
  static const std::vector<InstanceSpace> spaces = [] {
    std::vector<InstanceSpace> out;
    for (auto family : {cor3_spaces, attention_spaces, normaliser_spaces, separability_spaces, alternative_spaces}) {
      auto s = family();
      out.insert(out.end(), s.begin(), s.end());
    }
    return out;
  }();
  return spaces;
}

}  // namespace

const InstanceSpace* find_instance_space(const std::string& statement) {
  for (const auto& s : all_spaces())
    if (s.statement == statement) return &s;
  return nullptr;
}

std::vector<std::string> uncovered_statements() {
  std::vector<std::string> out;
  for (const auto& st : all_statements())
    if (!find_instance_space(st.info.id)) out.push_back(st.info.id);
  return out;
}

std::vector<std::string> covered_statements() {
  std::vector<std::string> out;
  for (const auto& st : all_statements())
    if (find_instance_space(st.info.id)) out.push_back(st.info.id);
  return out;
}

}  // namespace attnbound::search
