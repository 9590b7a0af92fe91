// The tiny GPT-2-shaped fixture of the reference reproduction tests (reports/tests/data/tiny_reference.json:
// 2 layers x 2 heads, L = 3, exact ties (8, 8) at block 0 head 1 row 1 and (-3.5, -3.5) at block 1 head 0
// row 1) and the small options they run it with (T in {0.01, 1, 8}, 4 certified rows at 96 bits, seed 11).
#pragma once

#include "reports/reference_data.hpp"
#include "reports/reproduce_reference.hpp"
#include "testing/catch.hpp"

#include <vector>

namespace attnbound::reports::testing_fixture {

inline std::vector<ReferenceExample> tiny() {
  return {load_reference((attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string())};
}

inline ReproduceOptions small() {
  ReproduceOptions o;
  o.temperatures = {"0.01", "1", "8"};
  o.certify_rows = 4;
  o.certify_bits = 96;
  o.seed = 11;
  return o;
}

}  // namespace attnbound::reports::testing_fixture
