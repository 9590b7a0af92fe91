// matrix_spectral_bounds: non-symmetric matrices with known spectral norms, enclosed from both sides.
#include "check/matrix_spectral_bounds.hpp"
#include "testing/catch.hpp"

using namespace attnbound::check;

TEST_CASE("matrix spectral bounds: rows (3 0) (4 0) have norm 5 and rows (1 1) (0 1) the golden ratio", "[check][matrix_spectral_bounds]") {
  const long prec = 128;
  const BallMatrix A{{Ball(3), Ball(0)}, {Ball(4), Ball(0)}};
  CHECK(arb_equal_si(matrix_spectral_lower(A, prec).get(), 5));  // the first column, exactly
  CHECK(certainly_le(Ball(5), matrix_spectral_upper(A, prec)));
  CHECK(matrix_spectral_at_most(A, Ball(5), prec));              // ||A||_F = 5: upper <= b
  CHECK_FALSE(matrix_spectral_at_most(A, parse_decimal("4.9999", prec, "b"), prec));
  const BallMatrix B{{Ball(1), Ball(1)}, {Ball(0), Ball(1)}};  // ||B||_2 = (1 + sqrt 5)/2 = 1.6180339887...
  const Ball lo = matrix_spectral_lower(B, prec);
  CHECK(certainly_lt(parse_decimal("1.61803398874", prec, "x"), lo));  // the own singular vector, not a column (sqrt 2)
  CHECK(certainly_le(lo, parse_decimal("1.6180339887499", prec, "x")));
  CHECK(certainly_lt(parse_decimal("1.6180339887499", prec, "x"), matrix_spectral_upper(B, prec)));  // F, Hoelder: loose
  CHECK(matrix_spectral_at_most(B, parse_decimal("1.6180339887499", prec, "b"), prec));   // Cholesky of b^2 I - B^T B
  CHECK_FALSE(matrix_spectral_at_most(B, parse_decimal("1.6180339887498", prec, "b"), prec));
  // The Gram route directly: B^T B = rows (1 1) (1 2), eigenvalues (3 +- sqrt 5)/2.
  const BallMatrix G{{Ball(1), Ball(1)}, {Ball(1), Ball(2)}};
  CHECK(shifted_gram_positive_definite(G, parse_decimal("1.6180339887499", prec, "b"), prec));
  CHECK_FALSE(shifted_gram_positive_definite(G, parse_decimal("1.6180339887498", prec, "b"), prec));
}
