// NumPy .npy files (format version 1.0/2.0, little-endian, C order): writing fp32 captures, and reading
// '<f4' / '<f8' arrays (the reference captures the tests compare against).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace attnbound::gpt2 {

void write_npy_f32(const std::filesystem::path& path, const std::vector<std::int64_t>& shape, const float* data);

struct NpyArray {
  std::vector<std::int64_t> shape;
  std::vector<double> data;  // widened from '<f4' or '<f8'
};

// InputError naming the file for a bad magic, an unsupported dtype or order, or a size that disagrees with
// the shape.
NpyArray read_npy(const std::filesystem::path& path);

}  // namespace attnbound::gpt2
