// Checks shared by the normaliser tests: analytic Jacobians against central finite differences in Real at
// 256 bits, and 53-bit interval enclosures against the Real value at 1000 bits, on exact decimal inputs.
// Random inputs come from a printed seed (ATTNBOUND_TEST_SEED replays one).
#pragma once

#include "testing/catch.hpp"
#include "theory/arith.hpp"

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace attnbound::testing {

using Decimals = std::vector<std::string>;

template <class S> Vec<S> from_decimals(const Decimals& texts) {
  Vec<S> out;
  for (const auto& t : texts) out.push_back(from_decimal<S>(t));
  return out;
}

inline std::uint64_t test_seed(const char* what) {
  std::uint64_t seed = 20261128;
  if (const char* s = std::getenv("ATTNBOUND_TEST_SEED")) seed = std::strtoull(s, nullptr, 10);
  std::cout << what << ": seed " << seed << " (replay with ATTNBOUND_TEST_SEED)\n";
  return seed;
}

// L random decimals m * 10^-3 with |m| <= 10^4 (logits in [-10, 10], three decimals).
inline Decimals random_decimals(std::mt19937_64& rng, std::size_t length) {
  std::uniform_int_distribution<int> mantissa(-10000, 10000);
  Decimals out;
  for (std::size_t i = 0; i < length; ++i) out.push_back(std::to_string(mantissa(rng)) + "e-3");
  return out;
}

inline double to_double(const Real& x) { return static_cast<double>(x); }

// Max |J_ij - (f(z + h e_j) - f(z - h e_j))_i / (2h)| at 256 bits with h = 1e-30: the central difference is
// off by <= h^2 |f'''|/6 ~ 1e-60 and by rounding ~ 2^-256 / h ~ 1e-47, so agreement to 1e-40 is demanded.
inline void check_jacobian_fd(const std::function<Vec<Real>(const Vec<Real>&)>& f,
                              const std::function<Mat<Real>(const Vec<Real>&)>& jacobian, const Decimals& z_text) {
  PrecisionScope scope(256);
  const Vec<Real> z = from_decimals<Real>(z_text);
  const Mat<Real> J = jacobian(z);
  const Real h = from_decimal<Real>("1e-30");
  REQUIRE(J.size() == f(z).size());
  for (std::size_t j = 0; j < z.size(); ++j) {
    Vec<Real> up(z), down(z);
    up[j] += h;
    down[j] -= h;
    const Vec<Real> fu = f(up), fd = f(down);
    for (std::size_t i = 0; i < fu.size(); ++i) {
      const Real fd_ij = (fu[i] - fd[i]) / (Real(2) * h);
      INFO("d f_" << i << " / d z_" << j << ": analytic " << to_decimal(J[i][j]) << ", central difference "
                  << to_decimal(fd_ij));
      CHECK(to_double(abs(J[i][j] - fd_ij)) < 1e-40);
    }
  }
}

inline bool encloses(const Interval& x, const Real& v) { return lower_end(x) <= v && v <= upper_end(x); }

// Every entry of the 53-bit interval result encloses the entry of the Real result at 1000 bits.
inline void check_vector_enclosure(const std::function<Vec<Interval>(const Vec<Interval>&)>& fi,
                                   const std::function<Vec<Real>(const Vec<Real>&)>& fr, const Decimals& z_text) {
  // The 53-bit enclosure is computed first and kept; the comparison runs at 1000 bits, where copies of
  // the intervals are exact (widening precision never rounds).
  Vec<Interval> box;
  {
    PrecisionScope scope(53);
    box = fi(from_decimals<Interval>(z_text));
  }
  PrecisionScope scope(1000);
  const Vec<Real> exact = fr(from_decimals<Real>(z_text));
  REQUIRE(box.size() == exact.size());
  for (std::size_t i = 0; i < box.size(); ++i) {
    INFO("entry " << i << ": [" << to_decimal(lower_end(box[i])) << ", " << to_decimal(upper_end(box[i]))
                  << "] vs " << to_decimal(exact[i]));
    CHECK(encloses(box[i], exact[i]));
    CHECK(to_double(upper_end(box[i]) - lower_end(box[i])) < 1e-9);  // and is not vacuous
  }
}

inline void check_matrix_enclosure(const std::function<Mat<Interval>(const Vec<Interval>&)>& fi,
                                   const std::function<Mat<Real>(const Vec<Real>&)>& fr, const Decimals& z_text) {
  Mat<Interval> box;
  {
    PrecisionScope scope(53);
    box = fi(from_decimals<Interval>(z_text));
  }
  PrecisionScope scope(1000);
  const Mat<Real> exact = fr(from_decimals<Real>(z_text));
  REQUIRE(box.size() == exact.size());
  for (std::size_t i = 0; i < box.size(); ++i)
    for (std::size_t j = 0; j < box[i].size(); ++j) {
      INFO("entry (" << i << ", " << j << "): [" << to_decimal(lower_end(box[i][j])) << ", "
                     << to_decimal(upper_end(box[i][j])) << "] vs " << to_decimal(exact[i][j]));
      CHECK(encloses(box[i][j], exact[i][j]));
      CHECK(to_double(upper_end(box[i][j]) - lower_end(box[i][j])) < 1e-9);
    }
}

}  // namespace attnbound::testing
