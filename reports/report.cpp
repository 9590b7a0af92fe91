#include "reports/report.hpp"

#include "theory/errors.hpp"

#include <fmt/format.h>
#include <mpfr.h>

#include <algorithm>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace attnbound::reports {

std::string decimal17(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("report: non-finite number");
  // Shortest decimal that reads back as the same double: deterministic and round-trips.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string format_g(double v, int digits) {
  if (std::isnan(v)) return "nan";
  return fmt::format("{:.{}g}", v, digits);
}

namespace {

// `text` (a decimal, or inf / -inf) rounded to `digits` significant digits toward +inf (up) or -inf, printed
// as %g prints: MPFR reads the decimal with the same directed rounding (512 bits), so the printed number is
// <= the exact value (down) or >= it (up), never a nearest rounding that could move an end inward.
std::string format_directed(const std::string& text, int digits, bool up) {
  const mpfr_rnd_t rnd = up ? MPFR_RNDU : MPFR_RNDD;
  mpfr_t x;
  mpfr_init2(x, 512);
  if (mpfr_set_str(x, text.c_str(), 10, rnd) != 0 || !mpfr_number_p(x)) {
    mpfr_clear(x);
    return format_g(std::strtod(text.c_str(), nullptr), digits);  // inf, or not a decimal: as before
  }
  if (mpfr_zero_p(x)) {
    mpfr_clear(x);
    return "0";
  }
  mpfr_exp_t e = 0;
  char* raw = mpfr_get_str(nullptr, &e, 10, static_cast<std::size_t>(digits), x, rnd);
  std::string m(raw);
  mpfr_free_str(raw);
  mpfr_clear(x);
  const bool negative = m[0] == '-';
  if (negative) m.erase(0, 1);
  const long exponent = static_cast<long>(e) - 1;  // value = m[0].m[1..] x 10^exponent
  auto strip = [](std::string t) {
    if (t.find('.') == std::string::npos) return t;
    while (t.back() == '0') t.pop_back();
    if (t.back() == '.') t.pop_back();
    return t;
  };
  std::string out;
  if (exponent >= -5 && exponent < digits) {
    if (exponent >= 0) out = strip(m.substr(0, static_cast<std::size_t>(exponent) + 1) + "." + m.substr(static_cast<std::size_t>(exponent) + 1));
    else out = strip("0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + m);
  } else {
    out = strip(m.substr(0, 1) + "." + m.substr(1)) + fmt::format("e{}{:02d}", exponent < 0 ? '-' : '+', std::labs(exponent));
  }
  return (negative ? "-" : "") + out;
}

}  // namespace

std::string format_enclosure(const std::string& lo, const std::string& hi) {
  if (lo == hi) return fmt::format("[{}, {}]", format_g(std::strtod(lo.c_str(), nullptr), 6), format_g(std::strtod(hi.c_str(), nullptr), 6));
  // Enough digits to show the width: 6, plus one per decade of relative width below 1e-5 (at most 17).
  const double l = std::strtod(lo.c_str(), nullptr), h = std::strtod(hi.c_str(), nullptr);
  int digits = 6;
  const double scale = std::max(std::fabs(l), std::fabs(h));
  if (std::isfinite(l) && std::isfinite(h) && h > l && scale > 0)
    digits = std::clamp(static_cast<int>(std::ceil(-std::log10((h - l) / scale))) + 1, 6, 17);
  return fmt::format("[{}, {}]", format_directed(lo, digits, false), format_directed(hi, digits, true));
}

Number Number::point(double v, unsigned bits) {
  Number n;
  n.kind = Kind::point;
  n.value = decimal17(v);
  n.precision_bits = bits;
  n.certified = false;
  return n;
}
Number Number::point_text(std::string v, unsigned bits) {
  Number n;
  n.kind = Kind::point;
  n.value = std::move(v);
  n.precision_bits = bits;
  return n;
}
Number Number::enclosure(std::string lo, std::string hi, unsigned bits) {
  Number n;
  n.kind = Kind::enclosure;
  n.lo = std::move(lo);
  n.hi = std::move(hi);
  n.precision_bits = bits;
  n.certified = true;
  return n;
}
Number Number::exact(long long v) {
  Number n;
  n.kind = Kind::exact;
  n.value = std::to_string(v);
  n.precision_bits = 0;
  n.certified = true;
  return n;
}
double Number::approx() const {
  if (kind == Kind::enclosure) return 0.5 * (std::strtod(lo.c_str(), nullptr) + std::strtod(hi.c_str(), nullptr));
  return std::strtod(value.c_str(), nullptr);
}

ojson to_json(const Number& n) {
  ojson j = ojson::object();
  switch (n.kind) {
    case Number::Kind::point:
      j["value"] = n.value;
      j["precision_bits"] = n.precision_bits;
      j["certified"] = n.certified;
      break;
    case Number::Kind::enclosure:
      j["lo"] = n.lo;
      j["hi"] = n.hi;
      j["precision_bits"] = n.precision_bits;
      j["certified"] = n.certified;
      break;
    case Number::Kind::exact:
      j["value"] = n.value;
      j["exact"] = true;
      j["certified"] = true;
      break;
  }
  return j;
}

std::string format_short(const Number& n) {
  switch (n.kind) {
    case Number::Kind::exact: return n.value;
    case Number::Kind::enclosure: {
      return fmt::format("{} ({} b, {})", format_enclosure(n.lo, n.hi), n.precision_bits,
                         n.certified ? "certified" : "not certified");
    }
    case Number::Kind::point:
      return fmt::format("{} ({} b{})", format_g(std::strtod(n.value.c_str(), nullptr), 4), n.precision_bits,
                         n.certified ? ", certified" : "");
  }
  return "?";
}

namespace {

const char* kind_name(Column::Kind k) {
  switch (k) {
    case Column::Kind::text: return "text";
    case Column::Kind::point: return "point";
    case Column::Kind::enclosure: return "enclosure";
    case Column::Kind::exact: return "exact";
  }
  return "?";
}

ojson cell_json(const Cell& c) {
  if (auto s = std::get_if<std::string>(&c)) return *s;
  if (auto d = std::get_if<double>(&c)) return decimal17(*d);
  if (auto e = std::get_if<std::pair<std::string, std::string>>(&c)) return ojson::array({e->first, e->second});
  return std::to_string(std::get<long long>(c));
}

}  // namespace

ojson to_json(const Report& r) {
  ojson j = ojson::object();
  j["schema"] = kSchema;
  j["title"] = r.title;
  j["generator"] = {{"name", r.generator}, {"version", r.version}};
  j["config"] = r.config;

  ojson sections = ojson::array();
  for (const auto& s : r.sections)
    sections.push_back({{"id", s.id}, {"title", s.title}, {"status", s.status}, {"detail", s.detail}});
  j["sections"] = sections;

  ojson verdicts = ojson::array();
  for (const auto& v : r.verdicts) {
    ojson o = {{"statement", v.statement}, {"variant", v.variant}, {"claim", v.claim}, {"tag", v.tag},
               {"verdict", v.verdict}, {"certified", v.certified}, {"certified_holds", v.certified_holds},
               {"summary", v.evidence}};
    o["worst_ratio"] = v.worst_ratio ? to_json(*v.worst_ratio) : ojson(nullptr);
    o["counterexamples"] = v.counterexamples;
    if (v.smallest_counterexample) {
      const auto& c = *v.smallest_counterexample;
      o["smallest_counterexample"] = {{"file", c.file},         {"instance", ojson::parse(c.instance)},
                                      {"side", c.side},         {"quantity", c.quantity},
                                      {"bound", c.bound},       {"precision_bits", c.precision_bits},
                                      {"first_false_step", c.first_false_step.empty() ? ojson(nullptr) : ojson(c.first_false_step)}};
    } else {
      o["smallest_counterexample"] = nullptr;
    }
    ojson evidence = ojson::array();
    for (const auto& e : v.evidence_list) {
      ojson x = {{"part", e.part}, {"verdict", e.verdict}, {"certified", e.certified}, {"detail", e.detail}};
      x["ratio"] = e.ratio ? to_json(*e.ratio) : ojson(nullptr);
      x["certified_holds"] = e.certified_holds;
      evidence.push_back(std::move(x));
    }
    o["evidence"] = evidence;
    verdicts.push_back(std::move(o));
  }
  j["verdicts"] = verdicts;

  ojson claims = ojson::array();
  for (const auto& c : r.claims) {
    ojson o = {{"id", c.id}, {"claim", c.claim}, {"paper_value", c.paper_value}};
    o["measured"] = c.measured ? to_json(*c.measured) : ojson(nullptr);
    o["measured_text"] = c.measured_text;
    o["agreement"] = c.agreement;
    o["note"] = c.note;
    claims.push_back(std::move(o));
  }
  j["claims"] = claims;

  ojson tables = ojson::array();
  for (const auto& t : r.tables) {
    ojson cols = ojson::array();
    for (const auto& c : t.columns) {
      ojson o = {{"name", c.name}, {"unit", c.unit}, {"kind", kind_name(c.kind)}};
      if (c.kind == Column::Kind::point || c.kind == Column::Kind::enclosure) {
        o["precision_bits"] = c.precision_bits;
        o["certified"] = c.certified;
      }
      cols.push_back(std::move(o));
    }
    ojson rows = ojson::array();
    for (const auto& row : t.rows) {
      if (row.size() != t.columns.size())
        throw std::invalid_argument("report table " + t.id + ": row has " + std::to_string(row.size()) +
                                    " cells for " + std::to_string(t.columns.size()) + " columns");
      ojson cells = ojson::array();
      for (const auto& c : row) cells.push_back(cell_json(c));
      rows.push_back(std::move(cells));
    }
    tables.push_back({{"id", t.id}, {"title", t.title}, {"caption", t.caption}, {"columns", cols}, {"rows", rows}});
  }
  j["tables"] = tables;

  ojson figures = ojson::array();
  for (const auto& f : r.figures) {
    ojson series = ojson::array();
    for (const auto& s : f.series) {
      ojson pts = ojson::array();
      for (const auto& [x, y] : s.points) pts.push_back(ojson::array({decimal17(x), decimal17(y)}));
      series.push_back({{"name", s.name}, {"style", s.style}, {"precision_bits", s.precision_bits},
                        {"certified", s.certified}, {"points", pts}});
    }
    figures.push_back({{"id", f.id}, {"title", f.title}, {"caption", f.caption}, {"xlabel", f.xlabel},
                       {"ylabel", f.ylabel}, {"logx", f.logx}, {"logy", f.logy}, {"series", series}});
  }
  j["figures"] = figures;
  j["notes"] = r.notes;
  return j;
}

std::string report_json_text(const Report& r) { return to_json(r).dump(2) + "\n"; }

ojson to_json(const Timings& t) {
  ojson j = ojson::object();
  j["schema"] = "attnbound-timings/1";
  j["note"] = "wall-clock seconds; not deterministic, kept out of report.json";
  ojson parts = ojson::object();
  for (const auto& [name, s] : t.seconds) parts[name] = s;
  j["seconds"] = parts;
  return j;
}

}  // namespace attnbound::reports
