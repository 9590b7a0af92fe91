#include "counterexamples/samplers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace attnbound::search {

std::int64_t sample_length(Draw& d, std::int64_t max_length, std::int64_t min_length) {
  const std::int64_t hi = std::max(min_length, max_length);
  std::int64_t L;
  switch (d.integer(0, 3)) {
    case 0:
    case 1: L = min_length + d.integer(0, 7); break;
    case 2: L = d.integer(9, 64); break;
    default: L = static_cast<std::int64_t>(std::floor(d.log_uniform(1.0, static_cast<double>(hi) + 1.0))); break;
  }
  return std::clamp(L, min_length, hi);
}

std::int64_t sample_dimension(Draw& d, std::int64_t max_dim) {
  const std::int64_t dim = d.coin(3, 4) ? 1 + d.integer(0, 3) : 1 + d.integer(0, max_dim - 1);
  return std::clamp<std::int64_t>(dim, 1, max_dim);
}

std::string sample_scalar(Draw& d) {
  switch (d.integer(0, 9)) {
    case 0: return std::to_string(d.integer(0, 10));                                   // small integers
    case 1: return std::to_string(-d.integer(0, 10));
    case 2: return fmt::format("{}e-{}", d.integer(-999, 999), d.integer(0, 3));        // short decimals
    case 3: return shortest_decimal(d.uniform(-1.0, 1.0));
    case 4: return shortest_decimal(d.uniform(-1e6, 1e6));                              // |l| up to 1e6
    case 5: return shortest_decimal((d.coin(1, 2) ? -1 : 1) * d.log_uniform(1e-12, 1e6));
    case 6: return d.coin(1, 2) ? "0" : "-0";                                           // signed zeros
    case 7: {                                                                            // subnormals
      const double tiny = std::numeric_limits<double>::denorm_min() * static_cast<double>(d.integer(1, 1 << 20));
      return shortest_decimal(d.coin(1, 2) ? tiny : -tiny);
    }
    case 8: return d.coin(1, 2) ? "1e6" : "-1e6";
    default: return shortest_decimal(d.normal());
  }
}

std::string sample_temperature(Draw& d) {
  switch (d.integer(0, 5)) {
    case 0: return "1";
    case 1: {
      static const char* simple[] = {"0.5", "2", "0.1", "10", "1e-6", "1e6", "0.01", "8"};
      return simple[d.integer(0, 7)];
    }
    default: return shortest_decimal(d.log_uniform(1e-6, 1e6));
  }
}

std::string sample_positive(Draw& d, double lo, double hi) {
  if (d.coin(1, 5)) return shortest_decimal(std::clamp(1.0, lo, hi));
  return shortest_decimal(d.log_uniform(lo, hi));
}

Decimals sample_logits(Draw& d, std::int64_t length) {
  const auto n = static_cast<std::size_t>(length);
  Decimals out(n);
  switch (d.integer(0, 6)) {
    case 0:  // all equal (the all-tie case; L = 2 is the extremal one for Corollary 3)
      std::fill(out.begin(), out.end(), sample_scalar(d));
      break;
    case 1: {  // two-way tie at the top, the rest far below
      const std::string top = sample_scalar(d);
      const double t = std::strtod(top.c_str(), nullptr);
      for (std::size_t i = 0; i < n; ++i)
        out[i] = i < 2 ? top : shortest_decimal(std::max(-1e6, t - d.log_uniform(1.0, 1e6) - d.uniform(0.0, 10.0)));
      break;
    }
    case 2: {  // near-ties: one base value plus offsets spanning 1e-15 .. 1 relative to the temperature scale
      const double base = std::strtod(sample_scalar(d).c_str(), nullptr);
      const double scale = d.log_uniform(1e-15, 1.0) * std::max(1.0, std::abs(base));
      for (auto& x : out) x = shortest_decimal(std::clamp(base + scale * d.uniform(-1.0, 1.0), -1e6, 1e6));
      break;
    }
    case 3: {  // few distinct values, repeated (ties among several groups)
      const auto groups = d.integer(1, 3);
      Decimals values;
      for (std::int64_t g = 0; g < groups; ++g) values.push_back(sample_scalar(d));
      for (auto& x : out) x = values[static_cast<std::size_t>(d.integer(0, groups - 1))];
      break;
    }
    case 4:  // independent small decimals
      for (auto& x : out) x = fmt::format("{}e-1", d.integer(-30, 30));
      break;
    default:  // independent values of every kind (huge spreads, zeros, subnormals)
      for (auto& x : out) x = sample_scalar(d);
      break;
  }
  return out;
}

DecimalRows sample_sphere_points(Draw& d, std::int64_t length, std::int64_t dim, double radius) {
  DecimalRows rows;
  for (std::int64_t i = 0; i < length; ++i) {
    std::vector<double> v(static_cast<std::size_t>(dim));
    double n2 = 0;
    for (auto& x : v) {
      x = d.normal();
      n2 += x * x;
    }
    // A (numerically) zero Gaussian vector: take the first axis. Not a redraw: a RapidCheck draw at size 0
    // makes every choice its lowest (normal() = 0), so redrawing would loop forever.
    if (n2 < 1e-300) {
      std::fill(v.begin(), v.end(), 0.0);
      v[0] = 1;
      n2 = 1;
    }
    const double scale = radius / std::sqrt(n2);
    Decimals row;
    for (double x : v) row.push_back(shortest_decimal(x * scale));
    rows.push_back(std::move(row));
  }
  return rows;
}

DecimalRows sample_points(Draw& d, std::int64_t length, std::int64_t dim, double radius) {
  switch (d.integer(0, 3)) {
    case 0: return sample_sphere_points(d, length, dim, radius);
    case 1: {  // repeated rows (a degenerate configuration)
      DecimalRows base = sample_sphere_points(d, 1, dim, radius);
      return DecimalRows(static_cast<std::size_t>(length), base[0]);
    }
    case 2: {  // small integer coordinates
      DecimalRows rows(static_cast<std::size_t>(length));
      for (auto& r : rows)
        for (std::int64_t k = 0; k < dim; ++k) r.push_back(std::to_string(d.integer(-3, 3)));
      return rows;
    }
    default: {  // general position: Gaussian with scale `radius`
      DecimalRows rows(static_cast<std::size_t>(length));
      for (auto& r : rows)
        for (std::int64_t k = 0; k < dim; ++k) r.push_back(shortest_decimal(radius * d.normal()));
      return rows;
    }
  }
}

Decimals sample_vector(Draw& d, std::int64_t dim) {
  const double norm = d.log_uniform(1e-3, 1e3);
  return sample_sphere_points(d, 1, dim, norm)[0];
}

Decimals sample_direction(Draw& d, std::int64_t length) {
  const auto n = static_cast<std::size_t>(length);
  Decimals out(n, "0");
  const auto kind = d.integer(0, 2);
  if (kind == 0 || n == 1) {
    out[static_cast<std::size_t>(d.integer(0, length - 1))] = "1";
  } else if (kind == 1) {
    const auto i = static_cast<std::size_t>(d.integer(0, length - 1));
    auto j = static_cast<std::size_t>(d.integer(0, length - 2));
    if (j >= i) ++j;
    out[i] = shortest_decimal(std::sqrt(0.5));
    out[j] = shortest_decimal(-std::sqrt(0.5));
  } else {
    DecimalRows rows = sample_sphere_points(d, 1, length, 1.0);
    out.swap(rows.front());
  }
  return out;
}

std::int64_t sample_top_n(Draw& d, std::int64_t length) {
  switch (d.integer(0, 3)) {
    case 0: return 1;
    case 1: return std::max<std::int64_t>(1, length - 1);
    case 2: return length;
    default: return d.integer(1, length);
  }
}

std::vector<std::int64_t> sample_top_set(Draw& d, const Decimals& logits, std::int64_t n) {
  struct Key {
    double value;
    std::int64_t tie_break, index;
  };
  std::vector<Key> keys;
  for (std::size_t i = 0; i < logits.size(); ++i)
    keys.push_back({std::strtod(logits[i].c_str(), nullptr), d.integer(0, 1 << 20), static_cast<std::int64_t>(i)});
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.value != b.value) return a.value > b.value;
    return a.tie_break != b.tie_break ? a.tie_break < b.tie_break : a.index < b.index;
  });
  std::vector<std::int64_t> out;
  for (std::int64_t k = 0; k < std::clamp<std::int64_t>(n, 0, static_cast<std::int64_t>(keys.size())); ++k)
    out.push_back(keys[static_cast<std::size_t>(k)].index);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace attnbound::search
