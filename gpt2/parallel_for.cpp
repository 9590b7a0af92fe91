#include "gpt2/parallel_for.hpp"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace attnbound::gpt2 {

int resolve_threads(int requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t, std::size_t)>& body) {
  const std::size_t t = std::min<std::size_t>(std::max(1, threads), std::max<std::size_t>(n, 1));
  if (t <= 1) {
    if (n > 0) body(0, n);
    return;
  }
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(t);
  auto chunk = [&](std::size_t k) {
    const std::size_t b = n * k / t, e = n * (k + 1) / t;
    try {
      if (b < e) body(b, e);
    } catch (...) {
      errors[k] = std::current_exception();
    }
  };
  for (std::size_t k = 1; k < t; ++k) pool.emplace_back(chunk, k);
  chunk(0);
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace attnbound::gpt2
