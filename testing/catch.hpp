// The one place the test suites include Catch2 (2.13) and RapidCheck's Catch integration.
#pragma once
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace attnbound::testing {

// The shared data folder (ATTNBOUND_SHARED_DIR environment variable, else the CMake setting).
inline std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("ATTNBOUND_SHARED_DIR")) return env;
#ifdef ATTNBOUND_SHARED_DIR
  return ATTNBOUND_SHARED_DIR;
#else
  return "../shared";
#endif
}

// Path of a file in the shared folder, or an empty path after a clear "skipped" message when absent.
inline std::filesystem::path shared_file_or_skip(const std::string& relative) {
  auto p = shared_dir() / relative;
  if (!std::filesystem::exists(p)) {
    WARN("SKIPPED: shared data " << p.string() << " is absent (set ATTNBOUND_SHARED_DIR)");
    return {};
  }
  return p;
}

inline std::filesystem::path source_dir() {
#ifdef ATTNBOUND_SOURCE_DIR
  return ATTNBOUND_SOURCE_DIR;
#else
  return ".";
#endif
}

}  // namespace attnbound::testing
