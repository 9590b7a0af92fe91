// The process group alone (no mpirun): one process of rank 0, collectives that return their input. The same
// binary under mpirun is tested through the CLI (tests/mpi_same_bits_test.sh).
#include "scaleout/process_group.hpp"
#include "testing/catch.hpp"

using namespace attnbound::scaleout;

TEST_CASE("process group: alone it is one process of rank 0 and collectives are the identity", "[scaleout][process_group]") {
  const ProcessGroup& g = ProcessGroup::world();
  CHECK(g.rank() == 0);
  CHECK(g.size() == 1);
  CHECK(g.is_root());
  CHECK_FALSE(g.uses_mpi());  // no MpiSession was opened, and no launcher started this process
  const std::vector<std::string> all = g.gather_to_root("abc");
  REQUIRE(all.size() == 1);
  CHECK(all[0] == "abc");
  CHECK(g.broadcast_from_root("xyz") == "xyz");
}
