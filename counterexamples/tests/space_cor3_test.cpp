#include "counterexamples/certify.hpp"
#include "counterexamples/instance_space.hpp"
#include "counterexamples/parameterization.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

#include <cmath>

using namespace attnbound;
using namespace attnbound::search;

// The analytic log-ratio gradient agrees with the registry's ratio (value) and with central differences
// of it (gradient) on random non-degenerate instances (weights >= e^-8, so the eigen-solver's absolute
// accuracy is a small relative error).
TEST_CASE("cor3 spaces: analytic log-ratio and gradient match the registry", "[space_cor3]") {
  for (const char* id : {"cor3.softmax_jacobian", "cor3.softmax_jacobian.corrected"}) {
    const Statement& st = find_statement(id);
    const InstanceSpace& space = *find_instance_space(id);
    REQUIRE(space.log_ratio_gradient);
    RandomDraw d(17);
    for (const auto& v : st.info.variants)
      for (int trial = 0; trial < 20; ++trial) {
        std::vector<std::string> logits;
        const int L = 2 + trial % 5;
        for (int i = 0; i < L; ++i) logits.push_back(shortest_decimal(d.uniform(-2, 2)));
        const nlohmann::json inst{{"statement", id}, {"logits", logits},
                                  {"temperature", shortest_decimal(d.log_uniform(0.5, 20))}};
        std::vector<double> g;
        const double value = space.log_ratio_gradient(inst, v.name, g);
        const PointRatio p = point_ratio(st, inst, v.name);
        INFO(id << "/" << v.name << " " << inst.dump());
        REQUIRE(p.valid);
        REQUIRE(value == Approx(std::log(p.ratio)).epsilon(1e-9));
        const auto x = encode(space, inst);
        REQUIRE(g.size() == x.size());
        for (std::size_t k = 0; k < x.size(); ++k) {
          const double h = 1e-6;
          auto xp = x, xm = x;
          xp[k] += h, xm[k] -= h;
          const double fp = std::log(point_ratio(st, *decode(space, inst, xp), v.name).ratio);
          const double fm = std::log(point_ratio(st, *decode(space, inst, xm), v.name).ratio);
          REQUIRE(g[k] == Approx((fp - fm) / (2 * h)).margin(1e-5).epsilon(1e-4));
        }
      }
  }
}
