// Mirror of theory/normalisers.cpp, the translation unit that instantiates every normaliser for float,
// double, Real and Interval: each instantiation is linked here and the four agree on common inputs.
#include "theory/entmax15.hpp"
#include "theory/sa_softmax.hpp"
#include "theory/sparsemax.hpp"
#include "theory/ssmax.hpp"

#include "testing/catch.hpp"
#include "theory/tests/normaliser_checks.hpp"

using namespace attnbound;
using attnbound::testing::from_decimals;

namespace {
// All normalisers (values and Jacobians, flattened) at z for one scalar type.
template <class S> Vec<S> everything(const Vec<S>& z) {
  Vec<S> out;
  const auto put = [&](const Vec<S>& v) { out.insert(out.end(), v.begin(), v.end()); };
  const auto put_m = [&](const Mat<S>& m) {
    for (const auto& row : m) put(row);
  };
  put(sparsemax(z));
  put_m(sparsemax_jacobian(z));
  put(entmax15(z));
  put_m(entmax15_jacobian(z));
  put(ssmax(z, S(1) / S(2), S(3) / S(4)));
  put_m(ssmax_jacobian(z, S(1) / S(2), S(3) / S(4)));
  put(sa_softmax(z));
  put_m(sa_softmax_jacobian(z));
  put(sa_softmax_normalised(z));
  put_m(sa_softmax_normalised_jacobian(z));
  return out;
}
}  // namespace

TEST_CASE("normalisers: float, double, Real and Interval instantiations agree", "[normalisers]") {
  for (const auto& z : std::vector<attnbound::testing::Decimals>{
           {"-2", "0", "0.5"}, {"0.25", "-1.5", "3", "0.75", "-0.125"}, {"1"}, {"-0.5", "-0.5"}}) {
    INFO("L = " << z.size() << ", z_0 = " << z[0]);
    Vec<Interval> box;
    {
      PrecisionScope scope(64);
      box = everything(from_decimals<Interval>(z));
    }
    PrecisionScope scope(256);
    const Vec<Real> exact = everything(from_decimals<Real>(z));
    const Vec<double> d = everything(from_decimals<double>(z));
    const Vec<float> f = everything(from_decimals<float>(z));
    REQUIRE(exact.size() == box.size());
    REQUIRE(exact.size() == d.size());
    REQUIRE(exact.size() == f.size());
    for (std::size_t k = 0; k < exact.size(); ++k) {
      INFO("entry " << k << ": " << to_decimal(exact[k]));
      CHECK(attnbound::testing::encloses(box[k], exact[k]));
      CHECK(std::abs(d[k] - static_cast<double>(exact[k])) < 1e-14);
      CHECK(std::abs(f[k] - static_cast<double>(exact[k])) < 1e-5);
    }
  }
}
