// generator.hpp: the engine's precisions are measured, instances are valid JSON for the registry, every
// statement is drawn, and instance i of a seed is reproducible alone.
#include "soundness/generator.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

#include <set>

using namespace attnbound;
using namespace attnbound::soundness;

TEST_CASE("engine precisions are the bits MPFR really uses, starting above 256", "[soundness]") {
  const std::vector<unsigned> p = engine_precisions(256, 4096);
  REQUIRE(p.size() == 5);
  CHECK(p.front() >= 256);
  CHECK(p.front() < 270);
  for (std::size_t i = 1; i < p.size(); ++i) CHECK(p[i] > p[i - 1]);
}

TEST_CASE("instance i of a seed is the same alone and within a run", "[soundness]") {
  const Generator g;
  for (std::uint64_t i : {0u, 1u, 17u, 999u}) {
    const GeneratedInstance a = g.generate(42, i), b = g.generate(42, i);
    CHECK(a.instance == b.instance);
    CHECK(a.family == b.family);
  }
  CHECK(g.generate(42, 3).instance != g.generate(43, 3).instance);
}

TEST_CASE("every statement and the boundary families are drawn, and instances parse", "[soundness]") {
  const Generator g;
  std::set<std::string> ids, families;
  std::size_t parsed = 0;
  for (std::uint64_t i = 0; i < 3000; ++i) {
    const GeneratedInstance x = g.generate(7, i);
    ids.insert(x.instance["statement"].get<std::string>());
    families.insert(x.family);
    const Instance inst = Instance::parse(x.instance.dump());
    CHECK(inst.statement() == x.instance["statement"].get<std::string>());
    ++parsed;
  }
  CHECK(parsed == 3000);
  CHECK(ids.size() == all_statements().size());
  for (const char* f : {"random", "near_tie", "grouped", "tuned", "underflow", "extreme_t", "one_hot", "exact_equality"})
    CHECK(families.count(f) == 1);
}

TEST_CASE("splitmix64 is the published sequence", "[soundness]") {
  SplitMix64 r(1234567);
  CHECK(r.next() == 6457827717110365317ULL);
  CHECK(r.next() == 3203168211198807973ULL);
}
