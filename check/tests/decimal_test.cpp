#include "check/decimal.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

TEST_CASE("check decimal: strict syntax accepts decimals and refuses everything else", "[check][decimal]") {
  for (const char* ok : {"0", "-1", "+2.5", "1e-323228485", "12.340E+7", "0.000"}) CHECK(is_strict_decimal(ok));
  for (const char* bad : {"", "inf", "nan", "0x1p3", "3.", ".5", "1e", "1e+", "--1", "1.2.3", "1e123456789012345678901"})
    CHECK_FALSE(is_strict_decimal(bad));
  CHECK_FALSE(is_strict_decimal("1e123456789", 8));
}

TEST_CASE("check decimal: exact comparison of absolute values", "[check][decimal]") {
  CHECK(compare_abs_decimals("2", "19e-1") > 0);
  CHECK(compare_abs_decimals("-800000000", "800000000.000") == 0);
  CHECK(compare_abs_decimals("0.1", "1e-1") == 0);
  CHECK(compare_abs_decimals("0.12", "0.123") < 0);
  CHECK(compare_abs_decimals("0", "-0.0e5") == 0);
  CHECK(compare_abs_decimals("1e-99999999", "0") > 0);
  CHECK(compare_abs_decimals("100000000000000000001", "1e20") > 0);
  CHECK(decimal_sign("-0.0") == 0);
  CHECK(decimal_sign("-1e-5") == -1);
}

TEST_CASE("check decimal: signed order and exact sums to one", "[check][decimal]") {
  CHECK(compare_decimals("-2", "1") < 0);
  CHECK(compare_decimals("-2", "-1") < 0);
  CHECK(compare_decimals("1e-3", "0.001") == 0);
  CHECK(decimals_sum_to_one({"0.5", "0.3", "0.2"}) == std::optional<bool>(true));
  CHECK(decimals_sum_to_one({"0.5", "0.3", "0.2000000000000000000001"}) == std::optional<bool>(false));
  CHECK(decimals_sum_to_one({"25e-2", "0.75", "0"}) == std::optional<bool>(true));
  CHECK(decimals_sum_to_one({"2", "-1"}) == std::optional<bool>(true));
  CHECK(decimals_sum_to_one({"1e-9999999", "1"}) == std::nullopt);  // exponents too far apart to decide here
}
