#include "reports/render_csv.hpp"

#include <fmt/format.h>

namespace attnbound::reports {
namespace {

std::string field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string precision_note(unsigned bits, bool certified) {
  return fmt::format("({} b; {})", bits, certified ? "certified" : "not certified");
}

std::string header_name(const Column& c) {
  std::string name = c.name;
  if (!c.unit.empty()) name += " [" + c.unit + "]";
  return name;
}

}  // namespace

std::string table_csv(const Table& t) {
  std::string out;
  std::vector<std::string> head;
  for (const auto& c : t.columns) {
    switch (c.kind) {
      case Column::Kind::text: head.push_back(header_name(c)); break;
      case Column::Kind::exact: head.push_back(header_name(c) + " (exact)"); break;
      case Column::Kind::point: head.push_back(header_name(c) + " " + precision_note(c.precision_bits, c.certified)); break;
      case Column::Kind::enclosure:
        head.push_back(header_name(c) + " lo " + precision_note(c.precision_bits, c.certified));
        head.push_back(header_name(c) + " hi " + precision_note(c.precision_bits, c.certified));
        break;
    }
  }
  for (std::size_t i = 0; i < head.size(); ++i) out += (i ? "," : "") + field(head[i]);
  out += "\n";
  for (const auto& row : t.rows) {
    std::vector<std::string> cells;
    for (const auto& cell : row) {
      if (auto s = std::get_if<std::string>(&cell)) cells.push_back(*s);
      else if (auto d = std::get_if<double>(&cell)) cells.push_back(decimal17(*d));
      else if (auto e = std::get_if<std::pair<std::string, std::string>>(&cell)) {
        cells.push_back(e->first);
        cells.push_back(e->second);
      } else cells.push_back(std::to_string(std::get<long long>(cell)));
    }
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + field(cells[i]);
    out += "\n";
  }
  return out;
}

std::string figure_csv(const Figure& f) {
  std::string out = fmt::format("series,{},{},precision_bits,certified\n", field(f.xlabel), field(f.ylabel));
  for (const auto& s : f.series)
    for (const auto& [x, y] : s.points)
      out += fmt::format("{},{},{},{},{}\n", field(s.name), decimal17(x), decimal17(y), s.precision_bits,
                         s.certified ? "true" : "false");
  return out;
}

}  // namespace attnbound::reports
