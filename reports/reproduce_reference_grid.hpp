// The grid of `reproduce --reference` (reproduce_reference.hpp): which scale the rows are analysed in, the
// temperatures and eps values as decimal text and as doubles, the native temperature, and the layout of the
// heads; RowKey names one evaluation of the grid (example, head, row, T, eps).
// Contract: make_grid validates the options and the data (InputError naming the field: "logit-scale",
// "reference", "temperatures", "epsilons"); a Grid it returns has T, E > 0 and every example with the same
// source, scale, sqrt(d_head) and layer/head counts.
// Scale change: l = factor * row in double is exact (factor an integer times a float's integer scores, or a
// power of two: multiplying by 2^k only changes the exponent), and the certified rows use the exact decimal
// text * mul * 10^e10 (raw -> scaled divides by sqrt(d_head) = 2^m, i.e. multiplies by 5^m / 10^m exactly).
#pragma once

#include "reports/reference_data.hpp"
#include "reports/reproduce_reference.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace attnbound::reports::reference {

struct ScaleChange {
  bool identity = true;
  double factor = 1;
  unsigned long long mul = 1;
  long long e10 = 0;
};

// From the scale example d holds to `to` ("raw" | "scaled"); InputError "logit-scale" when not exact.
ScaleChange scale_change(const ReferenceExample& d, const std::string& to);

struct RowKey {
  std::size_t ex = 0, head = 0, row = 0, ti = 0, ei = 0;
  bool operator==(const RowKey&) const = default;
};

struct Grid {
  bool capture = false;          // captured attention (reports/attention_data.hpp) rather than the GPT-2 exports
  std::string logit_scale;       // the analysis scale
  std::string native;            // native temperature (decimal): sqrt(d_head) on the raw scale, 1 on the scaled
  std::vector<std::string> temps, eps;  // decimal text
  std::vector<double> T, E;             // the same as doubles
  std::size_t native_ti = 0;            // index of the native T in temps; temps.size() when absent
  ScaleChange sc;
  int H = 0, layers = 0;                // heads per layer, layers
  std::size_t nheads = 0;               // H * layers (global head = layer * H + head)

  // The id of a table or figure: prefixed "attention_" for captures so both sources fit in one report.
  std::string id(const std::string& x) const { return capture ? "attention_" + x : x; }
  // The analysis-scale row (double) of key k.
  std::vector<double> row(const std::vector<ReferenceExample>& data, const RowKey& k) const;
  // The analysis-scale row of key k as exact decimal text.
  std::vector<std::string> row_text(const std::vector<ReferenceExample>& data, const RowKey& k) const;
  // "<example> layer L head H row r (n = ...), T = ... [, eps = ...]".
  std::string where(const std::vector<ReferenceExample>& data, const RowKey& k, bool uses_eps) const;
};

Grid make_grid(const std::vector<ReferenceExample>& data, const ReproduceOptions& options);

}  // namespace attnbound::reports::reference
