#include "reports/reproduce_model_rows.hpp"

#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "reports/reproduce_model_alg12.hpp"
#include "reports/reproduce_model_alg4.hpp"
#include "reports/tests/model_row_fixture.hpp"
#include "testing/catch.hpp"

#include <cmath>
#include <limits>

using namespace attnbound::reports;
using attnbound::reports::test::RowFixture;
using attnbound::reports::test::small_settings;

TEST_CASE("reproduce_model_rows: top_order ranks larger first, ties to the lower index", "[reports][model]") {
  CHECK(top_order({0.25, 0.5, 0.25, 0.0}, 3) == std::vector<std::uint32_t>{1, 0, 2});
  CHECK(top_order({0.1, 0.2}, 5) == std::vector<std::uint32_t>{1, 0});
}

TEST_CASE("reproduce_model_rows: x_matrix slices a head of hook_v, or the hidden states", "[reports][model]") {
  const std::vector<float> v = {1, 2, 3, 4, 5, 6, 7, 8};  // [T = 2, H = 2, dh = 2]
  Inputs in;
  in.x = &v, in.H = 2, in.T = 2, in.dim = 2;
  const MatD X = x_matrix(in, 1);
  CHECK(X(0, 0) == 3);
  CHECK(X(1, 1) == 8);
  in.per_head_x = false, in.dim = 4;  // [T = 2, d = 4]
  CHECK(x_matrix(in, 0)(1, 0) == 5);
}

TEST_CASE("reproduce_model_rows: the incremental row loop equals the per-row definitions", "[reports][model]") {
  // One head, T = 5 tokens in R^3, causal scores; grid N = 1, 2 (both top_n), lengths 3 and 5.
  const int T = 5;
  std::vector<float> scores(T * T, -std::numeric_limits<float>::infinity());
  for (int t = 0; t < T; ++t)
    for (int i = 0; i <= t; ++i) scores[t * T + i] = 0.3f * static_cast<float>((i * 7 + t * 3) % 5) - 0.2f * i;
  const std::vector<float> xv = {1, 0, 2, -1, 1, 0.5f, 0, 2, -1, 0.5f, 0.5f, 0.5f, 3, -2, 1};
  Inputs in;
  in.scores = &scores, in.x = &xv, in.H = 1, in.T = T, in.dim = 3;
  Settings st = small_settings({1, 2}, {3, 5});
  st.alg5_rows = 0, st.cross_check_stride = 1;
  const MatD X = x_matrix(in, 0);
  const MatD G = X * X.transpose();
  const HeadResult h = analyse_head(in, X, G, 0, 0, st, 0);
  for (std::size_t g = 0; g < 2; ++g) {
    const int N = st.grid[g];
    double d = 0, b = 0, ns = 0, lo = 0;
    long long rows = 0;
    for (int t = N; t < T; ++t) {  // rows with n = t + 1 > N
      const int n = t + 1;
      std::vector<float> af(n);
      attnbound::kernels::softmax_f32_3pass_f64acc(scores.data() + t * T, static_cast<std::size_t>(n), 1.0f, af.data());
      std::vector<std::vector<double>> x;
      for (int i = 0; i < n; ++i) x.push_back({X(i, 0), X(i, 1), X(i, 2)});
      const RowFixture f(x, std::vector<double>(af.begin(), af.end()), N);
      const DistanceRow r = distance_row(f.state);
      std::vector<double> dist(n);
      const Thm2Row s = thm2_row(f.state, dist);
      d += r.d, b += r.bound, ns += s.ns, lo += s.lo, ++rows;
    }
    INFO("N = " << N);
    const Sums& at = h.at[g][1];
    CHECK(at.rows == rows);
    CHECK(at.d == Approx(d).epsilon(1e-12));
    CHECK(at.b == Approx(b).epsilon(1e-12));
    CHECK(at.ns == Approx(ns).epsilon(1e-12));
    CHECK(at.lo == Approx(lo).epsilon(1e-12));
    CHECK(h.at[g][0].rows == 3 - N);  // rows t < 3 with t + 1 > N
  }
  CHECK(h.cross_checks > 0);
  CHECK(h.cross_check_max_rel < 1e-5);
  CHECK(h.sampled_rows == 0);
}

TEST_CASE("reproduce_model_rows: merge_windows adds sums and keeps maxima, ModelRun averages per head", "[reports][model]") {
  const Settings st = small_settings({1, 4}, {8});
  HeadResult a = empty_head_result(st, 2, 3), b = empty_head_result(st, 2, 3);
  a.at[1][0] = {1, 2, 3, 0, 0, 0, 2};
  b.at[1][0] = {3, 2, 1, 0, 0, 0, 2};
  a.worst_fixed = {0.5, 0.25}, a.worst_fixed_row = {1, 2};
  b.worst_fixed = {0.25, 0.75}, b.worst_fixed_row = {5, 6};
  b.sampled_rows = 4, b.j_max = {0.5};
  merge_windows(a, b, st);
  CHECK(a.at[1][0].d == 4);
  CHECK(a.at[1][0].rows == 4);
  CHECK(a.worst_fixed == std::vector<double>{0.5, 0.75});
  CHECK(a.worst_fixed_row == std::vector<std::size_t>{1, 6});
  CHECK(a.sampled_rows == 4);
  CHECK(a.j_max[0] == 0.5);
  const HeadResult empty = empty_head_result(st, 2, 4);
  ModelReproduceOptions o;
  const ModelRun run{&o, &st, {&a, &empty}};
  CHECK(run.grid_index(4) == 1);
  CHECK(run.last_length() == 0);
  CHECK(run.head_means(1, 0, &Sums::e) == std::vector<double>{1.0});  // the empty head has no rows
}

TEST_CASE("reproduce_model_rows: mean, median, quantile, blank cells and the log-log slope", "[reports][model]") {
  CHECK(std::isnan(mean_of({})));
  CHECK(mean_of({1, 2, 6}) == 3);
  CHECK(median_of({5, 1, 3}) == 3);
  CHECK(median_of({4, 1, 3, 2}) == 2.5);
  CHECK(quantile_of({0, 10, 20}, 0.25) == 5);
  CHECK(quantile_of({3, 1}, 1) == 3);
  CHECK(std::isnan(quantile_of({}, 0.5)));
  CHECK(std::get<std::string>(num_or_blank(std::nan(""))).empty());
  CHECK(std::get<double>(num_or_blank(2.5)) == 2.5);
  CHECK(log_log_slope({1, 10, 100}, {5, 0.5, 0.05}) == Approx(-1.0).epsilon(1e-12));
}
