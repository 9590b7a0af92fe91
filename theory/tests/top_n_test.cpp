// Top-N selection, context vector and d~ (spec 1.3) on hand cases.
#include "testing/catch.hpp"
#include "theory/top_n.hpp"

using namespace attnbound;

TEST_CASE("top_n: largest keys, ties broken by lower index", "[top_n]") {
  const std::vector<int> keys{3, 5, 5, 1, 5};
  CHECK(top_n_indices(keys, 1) == std::vector<std::size_t>{1});
  CHECK(top_n_indices(keys, 2) == std::vector<std::size_t>{1, 2});
  CHECK(top_n_indices(keys, 4) == std::vector<std::size_t>{0, 1, 2, 4});
  CHECK(top_n_indices(keys, 5).size() == 5);
  CHECK(is_valid_top_set(keys, {2, 4}));   // a tie-broken alternative
  CHECK_FALSE(is_valid_top_set(keys, {0, 1}));
  CHECK(is_valid_top_set(keys, {}));
}

TEST_CASE("top_n: context vector and both distance readings", "[top_n]") {
  PrecisionScope scope(256);
  // alpha = (1/2, 1/4, 1/4), x = (2,0), (0,4), (4,4), I = {0}: s = (1, 0).
  const Vec<Real> a{Real("0.5"), Real("0.25"), Real("0.25")};
  const Mat<Real> x{{2, 0}, {0, 4}, {4, 4}};
  const auto in = membership(3, {0});
  const Vec<Real> s = context_vector(a, x, in);
  CHECK(s[0] == 1);
  CHECK(s[1] == 0);
  // (a): ||(0,1) - (1,0)|| + ||(1,1) - (1,0)|| = sqrt2 + 1; (b): ||(1,2) - (1,0)|| = 2.
  CHECK(abs(representation_distance(a, x, in, DistanceReading::sum_of_norms) - (sqrt(Real(2)) + 1)) < Real("1e-70"));
  CHECK(abs(representation_distance(a, x, in, DistanceReading::norm_of_sum) - 2) < Real("1e-70"));
  // d_1 = max(||x1 - x0||, ||x2 - x0||) = max(sqrt 20, sqrt 20).
  CHECK(abs(largest_out_of_set_distance(x, in) - sqrt(Real(20))) < Real("1e-70"));
  const auto all = membership(3, {0, 1, 2});
  CHECK(representation_distance(a, x, all, DistanceReading::sum_of_norms) == 0);
  CHECK(largest_out_of_set_distance(x, all) == 0);
}

TEST_CASE("top_n: instance inputs", "[top_n]") {
  PrecisionScope scope(64);
  const auto inst = Instance::parse(R"({"statement":"s","weights":["0.2","0.3","0.5"],"top_n":2})");
  const auto w = read_weights<Real>(inst);
  CHECK_FALSE(w.from_logits);
  CHECK(read_top_set(inst, w.order_keys) == std::vector<std::size_t>{1, 2});
  const auto lg = Instance::parse(R"({"statement":"s","logits":[1,3,3],"temperature":2,"top_set":[2]})");
  const auto wl = read_weights<Real>(lg);
  CHECK(wl.from_logits);
  CHECK(read_top_set(lg, wl.order_keys) == std::vector<std::size_t>{2});
  const auto bad = Instance::parse(R"({"statement":"s","logits":[1,3,3],"temperature":2,"top_set":[0]})");
  CHECK_THROWS_AS(read_top_set(bad, read_weights<Real>(bad).order_keys), HypothesisError);
  CHECK(read_distance_reading(Instance::parse(R"({"statement":"s"})")) == DistanceReading::sum_of_norms);
}
