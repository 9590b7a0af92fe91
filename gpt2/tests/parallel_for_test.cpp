#include "gpt2/parallel_for.hpp"

#include "testing/catch.hpp"

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace attnbound::gpt2;

TEST_CASE("parallel_for: covers 0..n-1 exactly once for any thread count", "[gpt2][parallel]") {
  for (int threads : {1, 2, 3, 8})
    for (std::size_t n : {0, 1, 2, 7, 100}) {
      std::vector<int> hits(n, 0);
      parallel_for(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) ++hits[i];
      });
      for (int h : hits) CHECK(h == 1);
    }
  CHECK(resolve_threads(3) == 3);
  CHECK(resolve_threads(0) >= 1);
}

TEST_CASE("parallel_for: an exception in a worker reaches the caller", "[gpt2][parallel]") {
  CHECK_THROWS_WITH(parallel_for(10, 2, [](std::size_t b, std::size_t) {
                      if (b > 0) throw std::runtime_error("worker failed");
                    }),
                    "worker failed");
}
