// A memory-mapped safetensors file (https://github.com/huggingface/safetensors): 8-byte little-endian header
// length N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}, then
// the data. Everything is validated before any tensor byte is read: the header length against the file size,
// the JSON, each dtype (the safetensors set), each shape (non-negative, no overflow), each byte range (inside
// the data, matching shape x dtype size), and the ranges together (sorted, no overlap, no gap, covering the
// data exactly, as the reference Rust implementation requires). Any failure is an InputError naming the file
// and the tensor; no input can make a read go out of the mapping.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace attnbound::gpt2 {

struct SafetensorInfo {
  std::string name;
  std::string dtype;           // "F32", "F16", "BF16", "I64", ... as in the header
  std::size_t dtype_size = 0;  // bytes per element
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0, end = 0;  // byte range relative to the start of the data section
  std::uint64_t numel() const;
};

class SafetensorsFile {
 public:
  // Maps the file read-only and validates it; InputError (field = the file name) on any defect.
  static SafetensorsFile open(const std::filesystem::path& path);
  // Validates an in-memory image (the same checks; the caller keeps `bytes` alive). `label` names it in errors.
  static SafetensorsFile from_memory(const unsigned char* bytes, std::size_t size, const std::string& label);

  const SafetensorInfo* find(const std::string& name) const;  // nullptr when absent
  const std::map<std::string, SafetensorInfo>& tensors() const { return tensors_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  const std::string& label() const { return label_; }

  // The tensor's elements as fp32 (F32 copied, F16 and BF16 widened exactly; other dtypes are an InputError).
  // `out` must hold numel() floats.
  void read_f32(const SafetensorInfo& t, float* out) const;

 private:
  std::shared_ptr<void> mapping_;  // keeps the mmap alive (empty for from_memory)
  const unsigned char* data_ = nullptr;  // start of the data section
  std::uint64_t data_size_ = 0;
  std::string label_;
  std::map<std::string, SafetensorInfo> tensors_;
  std::map<std::string, std::string> metadata_;
};

// IEEE binary16 and bfloat16 bit patterns to float (exact: every value of either is a float).
float f16_bits_to_f32(std::uint16_t h);
float bf16_bits_to_f32(std::uint16_t b);

}  // namespace attnbound::gpt2
