// Tests of reports/normaliser_row_measure: closed forms per normaliser on hand rows (weights, ||J||_2, d~,
// N_s/N) and the seeded sphere embeddings.
#include "reports/normaliser_row_measure.hpp"

#include "testing/catch.hpp"

#include <cmath>
#include <stdexcept>

using namespace attnbound::reports;

namespace {
RowMeasure row(const std::string& family, double parameter, const std::vector<double>& z, std::size_t n = 1) {
  return measure_row({family, parameter}, z, n);
}
}  // namespace

TEST_CASE("normalisers: closed forms on hand rows", "[reports][normalisers]") {
  // Two-way tie: softmax T = 1 max 1/2, ||J|| = 1/2; sparsemax ||J|| = 1; entmax-1.5 ||J|| = 1/sqrt 2;
  // SSMax s = 1 at L = 2: softmax at T = 1/log 2, ||J|| = log 2 / 2; SA-Softmax at (2, 2): ||J|| = 3/2.
  const std::vector<double> tie{0, 0};
  CHECK(row("softmax", 1, tie).max_weight == Approx(0.5));
  CHECK(row("softmax", 1, tie).jacobian_norm == Approx(0.5));
  CHECK(row("sparsemax", 0, tie).jacobian_norm == 1);
  CHECK(row("entmax15", 0, tie).jacobian_norm == Approx(1 / std::sqrt(2.0)));
  CHECK(row("ssmax", 1, tie).jacobian_norm == Approx(std::log(2.0) / 2));
  CHECK(row("sa_softmax", 0, {2, 2}).jacobian_norm == Approx(1.5).epsilon(1e-9));
  CHECK(row("sa_softmax", 0, {2, 2}).max_weight == Approx(1.0));  // |2 * 1/2|
  CHECK(std::isnan(row("sa_softmax_normalised", 0, {1, 2}).jacobian_norm));
  // A one-hot sparsemax: gap >= 1, weight 1, support 1/3, ||J|| = 0; top-2 mass 1.
  const RowMeasure s = row("sparsemax", 0, {3, 0, -1}, 2);
  CHECK(s.max_weight == 1);
  CHECK(s.support_fraction == Approx(1.0 / 3));
  CHECK(s.jacobian_norm == 0);
  CHECK(s.top_mass == 1);
  CHECK_THROWS_AS(row("softmax", 1, {}), std::invalid_argument);
  CHECK_THROWS_AS(row("nothing", 0, {1}), std::invalid_argument);
}

TEST_CASE("normalisers: d~ and N_s/N with each normaliser's weights on hand rows", "[reports][normalisers]") {
  // Softmax T = 1 at a tie, x = e_1, e_2, N = 1: w = (1/2, 1/2), I = {0} (lower index), s = e_1/2,
  // d~ = ||e_2/2 - e_1/2|| = sqrt(1/2); r = sqrt(1/2) > 0 = ||s - w_0 x_0||: N_s/N = 1.
  const std::vector<std::vector<double>> e2{{1, 0}, {0, 1}};
  const RowMeasure t = measure_row({"softmax", 1}, {0, 0}, 1, &e2);
  CHECK(t.distance == Approx(std::sqrt(0.5)));
  CHECK(t.separated_fraction == 1);
  // One-hot sparsemax, x = e_1, e_2, e_3: s = e_1, d~ = ||0 - e_1|| * 2 = 2, r = 1 > 0: N_s/N = 1.
  const std::vector<std::vector<double>> e3{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  const RowMeasure sp = measure_row({"sparsemax", 0}, {3, 0, -1}, 1, &e3);
  CHECK(sp.distance == Approx(2));
  CHECK(sp.separated_fraction == 1);
  // SA-Softmax uses its signed output f = z p: z = (2, -2), x = (1), (1): I = {0} (largest |f|), s = f_0,
  // d~ = |f_1 - f_0| = 2 sigma(4) + 2 sigma(-4) = 2; r = |s - f_1| = 2 > 0: N_s/N = 1.
  const std::vector<std::vector<double>> ones{{1}, {1}};
  const RowMeasure sa = measure_row({"sa_softmax", 0}, {2, -2}, 1, &ones);
  CHECK(sa.distance == Approx(2));
  CHECK(sa.separated_fraction == 1);
  // N = L: every token selected, d~ = 0 (empty sum) and N_s/N = 1 (r = +inf).
  const RowMeasure all = measure_row({"entmax15", 0}, {1, 0}, 2, &e2);
  CHECK(all.distance == 0);
  CHECK(all.separated_fraction == 1);
  // Without embeddings: not computed; a wrong number of rows is refused.
  CHECK(std::isnan(measure_row({"softmax", 1}, {0, 0}, 1).distance));
  CHECK_THROWS_AS(measure_row({"softmax", 1}, {0, 0, 0}, 1, &e2), std::invalid_argument);
}

TEST_CASE("normalisers: seeded unit-sphere embeddings", "[reports][normalisers]") {
  const auto x = sphere_embeddings(7, 0, 16, 3, 16, 5);
  REQUIRE(x.size() == 16);
  for (const auto& row : x) {
    REQUIRE(row.size() == 5);
    double n2 = 0;
    for (double v : row) n2 += v * v;
    CHECK(n2 == Approx(1).epsilon(1e-14));
  }
  CHECK(sphere_embeddings(7, 0, 16, 3, 16, 5) == x);  // deterministic
  CHECK(sphere_embeddings(7, 0, 16, 4, 16, 5) != x);  // another row, other points
  CHECK(sphere_embeddings(7, 0, 16, 3, 4, 5)[2] == x[2]);  // token i does not depend on L
}

