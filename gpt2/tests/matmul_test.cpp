#include "gpt2/matmul.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <string>

using namespace attnbound::gpt2;

TEST_CASE("matmul: the dispatcher picks the widest variant this CPU supports", "[gpt2][matmul]") {
  const auto variants = matmul_supported_variants();
  REQUIRE(!variants.empty());
  CHECK(std::string(variants.front()->isa) == "generic");
  const MatmulKernels& chosen = matmul_kernels();
  WARN("matmul variant on this CPU: " << chosen.isa << " (" << variants.size() << " supported)");
  if (!std::getenv("ATTNBOUND_MATMUL_ISA")) CHECK(&chosen == variants.back());
  for (const MatmulKernels* k : variants) CHECK(&matmul_kernels_named(k->isa, "isa") == k);
}

TEST_CASE("matmul: an unknown or unsupported variant name is an error naming the field", "[gpt2][matmul]") {
  CHECK_THROWS_AS(matmul_kernels_named("sse9", "ATTNBOUND_MATMUL_ISA"), attnbound::InputError);
  CHECK_THROWS_WITH(matmul_kernels_named("sse9", "ATTNBOUND_MATMUL_ISA"),
                    Catch::Matchers::StartsWith("ATTNBOUND_MATMUL_ISA: 'sse9' is not a matmul variant"));
  if (!__builtin_cpu_supports("avx512f")) CHECK_THROWS_AS(matmul_kernels_named("avx512", "isa"), attnbound::InputError);
}
