#include "gpt2/safetensors.hpp"

#include "theory/errors.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>

namespace attnbound::gpt2 {
namespace {

// The safetensors dtypes and their element sizes.
std::size_t dtype_size(const std::string& d) {
  static const std::map<std::string, std::size_t> sizes{
      {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E5M2", 1}, {"F8_E4M3", 1}, {"I16", 2}, {"U16", 2}, {"F16", 2},
      {"BF16", 2}, {"I32", 4}, {"U32", 4}, {"F32", 4},     {"F64", 8},     {"I64", 8}, {"U64", 8}};
  auto it = sizes.find(d);
  return it == sizes.end() ? 0 : it->second;
}

std::string shape_text(const std::vector<std::int64_t>& s) {
  std::string t = "[";
  for (std::size_t i = 0; i < s.size(); ++i) t += (i ? ", " : "") + std::to_string(s[i]);
  return t + "]";
}

}  // namespace

std::uint64_t SafetensorInfo::numel() const {
  std::uint64_t n = 1;
  for (auto d : shape) n *= static_cast<std::uint64_t>(d);
  return n;
}

float f16_bits_to_f32(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000) << 16;
  const std::uint32_t exp = (h >> 10) & 0x1F, man = h & 0x3FF;
  std::uint32_t bits;
  if (exp == 0x1F) {
    bits = sign | 0x7F800000u | (man << 13);  // inf / NaN
  } else if (exp != 0) {
    bits = sign | ((exp + 112) << 23) | (man << 13);  // rebias 15 -> 127
  } else if (man == 0) {
    bits = sign;
  } else {
    // Subnormal half: value = man * 2^-24, exactly representable as a normal float.
    const float v = static_cast<float>(man) * 0x1p-24f;
    return sign ? -v : v;
  }
  return std::bit_cast<float>(bits);
}

float bf16_bits_to_f32(std::uint16_t b) { return std::bit_cast<float>(static_cast<std::uint32_t>(b) << 16); }

SafetensorsFile SafetensorsFile::from_memory(const unsigned char* bytes, std::size_t size, const std::string& label) {
  SafetensorsFile f;
  f.label_ = label;
  auto fail = [&](const std::string& msg) -> InputError { return InputError(label, msg); };
  if (size < 8)
    throw fail("truncated: the file has " + std::to_string(size) + " bytes, fewer than the 8-byte header length");
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | bytes[i];  // little-endian, independent of the host
  if (n > size - 8)
    throw fail("header length " + std::to_string(n) + " exceeds the " + std::to_string(size - 8) +
               " bytes after the length field (truncated file or corrupted length)");
  if (n < 2) throw fail("header of " + std::to_string(n) + " bytes is too short to be a JSON object");
  const std::string header(reinterpret_cast<const char*>(bytes + 8), n);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(header);
  } catch (const nlohmann::json::exception& e) {
    throw fail(std::string("header is not valid JSON: ") + e.what());
  }
  if (!j.is_object()) throw fail("header is not a JSON object");
  f.data_ = bytes + 8 + n;
  f.data_size_ = size - 8 - n;

  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& name = it.key();
    const auto& e = it.value();
    if (name == "__metadata__") {
      if (!e.is_object()) throw fail("__metadata__ is not a JSON object");
      for (auto m = e.begin(); m != e.end(); ++m)
        f.metadata_[m.key()] = m.value().is_string() ? m.value().get<std::string>() : m.value().dump();
      continue;
    }
    const std::string where = "tensor '" + name + "': ";
    if (!e.is_object()) throw fail(where + "entry is not a JSON object");
    for (const char* key : {"dtype", "shape", "data_offsets"})
      if (!e.contains(key)) throw fail(where + "missing '" + key + "'");
    SafetensorInfo t;
    t.name = name;
    if (!e["dtype"].is_string()) throw fail(where + "dtype is not a string");
    t.dtype = e["dtype"].get<std::string>();
    t.dtype_size = dtype_size(t.dtype);
    if (t.dtype_size == 0) throw fail(where + "unknown dtype '" + t.dtype + "'");
    if (!e["shape"].is_array()) throw fail(where + "shape is not an array");
    std::uint64_t numel = 1;
    for (const auto& d : e["shape"]) {
      if (!d.is_number_integer() || d.get<std::int64_t>() < 0)
        throw fail(where + "shape " + e["shape"].dump() + " has an entry that is not a non-negative integer");
      const auto v = static_cast<std::uint64_t>(d.get<std::int64_t>());
      // numel * v * dtype_size must stay below 2^64: checked as numel <= (2^64-1) / (v * 8).
      if (v != 0 && numel > UINT64_MAX / 8 / v) throw fail(where + "shape " + e["shape"].dump() + " overflows");
      numel *= v;
      t.shape.push_back(static_cast<std::int64_t>(v));
    }
    const auto& o = e["data_offsets"];
    if (!o.is_array() || o.size() != 2 || !o[0].is_number_unsigned() || !o[1].is_number_unsigned())
      throw fail(where + "data_offsets " + o.dump() + " is not a pair of non-negative integers");
    t.begin = o[0].get<std::uint64_t>();
    t.end = o[1].get<std::uint64_t>();
    if (t.begin > t.end) throw fail(where + "data_offsets " + o.dump() + " has begin > end");
    if (t.end > f.data_size_)
      throw fail(where + "data_offsets " + o.dump() + " run past the end of the data section (" +
                 std::to_string(f.data_size_) + " bytes): truncated file?");
    if (t.end - t.begin != numel * t.dtype_size)
      throw fail(where + "shape " + shape_text(t.shape) + " of " + t.dtype + " needs " +
                 std::to_string(numel * t.dtype_size) + " bytes but data_offsets span " +
                 std::to_string(t.end - t.begin));
    f.tensors_.emplace(name, std::move(t));
  }

  // The byte ranges together: sorted by begin they must tile [0, data_size) exactly.
  std::vector<const SafetensorInfo*> order;
  for (const auto& [_, t] : f.tensors_) order.push_back(&t);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->begin != b->begin ? a->begin < b->begin : a->end < b->end; });
  std::uint64_t covered = 0;
  const SafetensorInfo* prev = nullptr;
  for (const auto* t : order) {
    if (t->begin < covered)
      throw fail("tensors '" + prev->name + "' and '" + t->name + "' overlap (bytes " + std::to_string(t->begin) +
                 " to " + std::to_string(std::min(covered, t->end)) + ")");
    if (t->begin > covered)
      throw fail("gap of " + std::to_string(t->begin - covered) + " bytes before tensor '" + t->name +
                 "' (data_offsets must be contiguous)");
    covered = t->end;
    prev = t;
  }
  if (covered != f.data_size_)
    throw fail("the data section has " + std::to_string(f.data_size_) + " bytes but the tensors cover " +
               std::to_string(covered) + " (trailing bytes)");
  return f;
}

SafetensorsFile SafetensorsFile::open(const std::filesystem::path& path) {
  const std::string label = path.string();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(label, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InputError(label, "not a regular file");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* p = nullptr;
  if (size > 0) {
    p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      throw InputError(label, std::string("cannot map: ") + std::strerror(err));
    }
  }
  ::close(fd);  // the mapping stays valid without the descriptor
  std::shared_ptr<void> mapping(p, [size](void* q) {
    if (q) ::munmap(q, size);
  });
  SafetensorsFile f = from_memory(static_cast<const unsigned char*>(p), size, label);
  f.mapping_ = std::move(mapping);
  return f;
}

const SafetensorInfo* SafetensorsFile::find(const std::string& name) const {
  auto it = tensors_.find(name);
  return it == tensors_.end() ? nullptr : &it->second;
}

void SafetensorsFile::read_f32(const SafetensorInfo& t, float* out) const {
  const unsigned char* src = data_ + t.begin;  // in range: validated begin <= end <= data_size_
  const std::uint64_t n = t.numel();
  if (t.dtype == "F32") {
    std::memcpy(out, src, n * 4);  // memcpy: the data need not be 4-byte aligned
    if constexpr (std::endian::native != std::endian::little)
      for (std::uint64_t i = 0; i < n; ++i) out[i] = std::bit_cast<float>(__builtin_bswap32(std::bit_cast<std::uint32_t>(out[i])));
  } else if (t.dtype == "F16" || t.dtype == "BF16") {
    const bool half = t.dtype == "F16";
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto bits = static_cast<std::uint16_t>(src[2 * i] | (src[2 * i + 1] << 8));
      out[i] = half ? f16_bits_to_f32(bits) : bf16_bits_to_f32(bits);
    }
  } else {
    throw InputError(label_, "tensor '" + t.name + "': dtype " + t.dtype + " is not a float type (F32, F16, BF16)");
  }
}

}  // namespace attnbound::gpt2
