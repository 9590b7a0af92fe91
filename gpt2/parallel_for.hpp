// Splits [0, n) into `threads` contiguous chunks run on std::threads (the calling thread takes the first).
// Chunks are disjoint, so callers that write only their own rows need no synchronisation.
#pragma once

#include <cstddef>
#include <functional>

namespace attnbound::gpt2 {

void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t begin, std::size_t end)>& body);

// The thread count to use: `requested` when positive, else std::thread::hardware_concurrency() (at least 1).
int resolve_threads(int requested);

}  // namespace attnbound::gpt2
