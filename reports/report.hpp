// The report model: what `attnbound report` and `attnbound reproduce` found, as one value that serialises to
// report.json (schema "attnbound-report/2", documented in reports/README.md). report.json is the source of
// truth; report.md, the CSV tables and report.html are renderings of the same Report.
//
// Every number carries its precision and whether it is certified:
//   * Number (claims, verdict evidence): a point {"value", "precision_bits", "certified"} or an enclosure
//     {"lo", "hi", "precision_bits", "certified"}, or an exact integer {"value", "exact": true}.
//   * Table columns and figure series declare precision_bits and certified once for all their values.
// Determinism: to_json(report) depends only on the report's contents; doubles are printed with 17 significant
// digits (round-trip), objects keep insertion order. Timings never enter the Report; they go to Timings,
// which is written to a separate file (timings.json).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace attnbound::reports {

inline constexpr const char* kSchema = "attnbound-report/2";

// nlohmann::ordered_json keeps keys in insertion order, so the JSON text is a function of the build order.
using ojson = nlohmann::ordered_json;

struct Number {
  enum class Kind { point, enclosure, exact };
  Kind kind = Kind::point;
  std::string value;  // point / exact: decimal text
  std::string lo, hi;  // enclosure: decimal ends, lo <= exact value <= hi
  unsigned precision_bits = 53;
  bool certified = false;

  static Number point(double v, unsigned bits = 53);              // uncertified floating-point value
  static Number point_text(std::string v, unsigned bits);         // uncertified, already formatted
  static Number enclosure(std::string lo, std::string hi, unsigned bits);  // certified enclosure
  static Number exact(long long v);                               // exact integer (a count)
  double approx() const;                                          // representative double (midpoint)
};

ojson to_json(const Number& n);
// An enclosure for reading, rounded outward: "[lo, hi]" with lo rounded down and hi up (directed, from the
// decimals), at 6 significant digits, more when the enclosure is narrower than 1e-5 relative (so that
// [0.99999995, 1.000001] reads [0.9999999, 1.000001], not [1, 1]); identical ends print once rounded (6 digits).
std::string format_enclosure(const std::string& lo, const std::string& hi);
// Short human form: "0.1234 (53 b)", "[0.12, 0.13] (128 b, certified)", "144".
std::string format_short(const Number& n);

// Status of a part of the run (verify, search, kernels, reproduce, ...).
struct Section {
  std::string id;
  std::string title;
  std::string status;  // "ran" | "skipped" | "unavailable" | "failed"
  std::string detail;  // what ran, or why not and how to enable it
};

// What one part of the run found about one reading (statement, variant): an entry of a verdict's evidence.
struct PartEvidence {
  std::string part;     // "verify", "search", "errata", "corpus", "reproduce_reference", "reproduce_model", ...
  std::string verdict;  // that part's word (the vocabulary of VerdictRow::verdict)
  bool certified = false;
  std::string detail;                 // what it rests on (instances, rows, method)
  std::optional<Number> ratio;        // that part's worst quantity/bound
  std::size_t certified_holds = 0;    // instances that part certified to hold
};

// The smallest certified counterexample of a reading, re-certified when the report was built.
struct CounterexampleFinding {
  std::string file;              // its file beside the report
  std::string instance;          // the instance, compact JSON
  std::string side;              // the violated side
  std::string quantity, bound;   // their enclosures, rounded outward to 6 digits for reading ("[lo, hi]")
  unsigned precision_bits = 0;   // of the enclosures (exact ends are in the file)
  std::string first_false_step;  // the proof replay's first certified false step on it ("" when none)
};

// One reading's verdict: parts return one row each (evidence and verdict their own); build_report merges
// them into exactly one row per (statement, variant) with every part's row in `evidence_list` and one
// overall verdict (overall_verdict in build_report.hpp documents the rule).
struct VerdictRow {
  std::string statement;
  std::string variant;
  std::string claim;
  std::string tag;      // spec status ("[S]", "[R]", "corrected", ...)
  std::string verdict;  // "holds" | "violated" | "undecided" | "tight" | "not evaluated" | "not refuted" |
                        // "statistically holds" | "statistically violated" | "violated in double precision ..."
  bool certified = false;
  std::string evidence;  // what the verdict rests on (instances, rows, method); merged rows: a summary
  std::optional<Number> worst_ratio;  // max over checked instances of quantity/bound (at_most sides)
  std::vector<std::string> counterexamples;  // paths (relative to the repository root) of counterexample files
  std::size_t certified_holds = 0;           // instances certified to hold (parts fill it where they count)
  std::vector<PartEvidence> evidence_list;   // merged rows: every part's row
  std::optional<CounterexampleFinding> smallest_counterexample;  // merged rows with a certified violation
};

// One claim of the paper against our measurement.
struct ClaimRow {
  std::string id;           // stable key, e.g. "headline.gradient_1_over_T"
  std::string claim;        // the paper's claim in words
  std::string paper_value;  // the paper's number or range, as text
  std::optional<Number> measured;
  std::string measured_text;  // unit or context for the measured value ("slope of log g vs log T")
  std::string agreement;      // "agrees" | "disagrees" | "partly" | "not measured"
  std::string note;
};

struct Column {
  std::string name;
  std::string unit;
  // Numeric columns: every cell is a decimal (point) or an enclosure [lo, hi].
  enum class Kind { text, point, enclosure, exact } kind = Kind::point;
  unsigned precision_bits = 53;
  bool certified = false;
};
using Cell = std::variant<std::string, double, std::pair<std::string, std::string>, long long>;

struct Table {
  std::string id;  // file name stem of its CSV
  std::string title;
  std::string caption;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
};

struct Series {
  std::string name;
  std::string style = "linespoints";  // gnuplot style: "lines", "points", "linespoints", "steps", "dashed", "dotted"
  std::vector<std::pair<double, double>> points;
  unsigned precision_bits = 53;
  bool certified = false;
};

struct Figure {
  std::string id;
  std::string title;
  std::string caption;
  std::string xlabel, ylabel;
  bool logx = false, logy = false;
  std::vector<Series> series;
};

struct Report {
  std::string title = "attnbound report";
  std::string generator = "attnbound";
  std::string version;
  ojson config = ojson::object();  // every setting that determines the contents (seed, budget, grids, ...)
  std::vector<Section> sections;
  std::vector<VerdictRow> verdicts;
  std::vector<ClaimRow> claims;
  std::vector<Table> tables;
  std::vector<Figure> figures;
  std::vector<std::string> notes;
};

ojson to_json(const Report& r);
// The canonical text of report.json: to_json(r).dump(2) followed by a newline.
std::string report_json_text(const Report& r);

// Non-deterministic measurements (wall-clock seconds per part), kept out of the Report.
struct Timings {
  std::vector<std::pair<std::string, double>> seconds;
};
ojson to_json(const Timings& t);

// Decimal text of a double with 17 significant digits (round-trips); "nan"/"inf" rejected by callers.
std::string decimal17(double v);
// Fixed human formatting with `digits` significant digits (%.{digits}g).
std::string format_g(double v, int digits = 4);

}  // namespace attnbound::reports
