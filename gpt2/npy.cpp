#include "gpt2/npy.hpp"

#include "theory/errors.hpp"

#include <cstring>
#include <fstream>
#include <iterator>

namespace attnbound::gpt2 {

void write_npy_f32(const std::filesystem::path& path, const std::vector<std::int64_t>& shape, const float* data) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
  std::uint64_t n = 1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    dict += std::to_string(shape[i]) + (shape.size() == 1 || i + 1 < shape.size() ? "," : "");
    if (i + 1 < shape.size()) dict += " ";
    n *= static_cast<std::uint64_t>(shape[i]);
  }
  dict += "), }";
  // Version 1.0: 10-byte preamble + header padded with spaces to a multiple of 64, ending in '\n'.
  const std::size_t total = ((10 + dict.size() + 1 + 63) / 64) * 64;
  dict.append(total - 10 - dict.size() - 1, ' ');
  dict += '\n';
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError(path.string(), "cannot write");
  const auto hlen = static_cast<std::uint16_t>(dict.size());
  out.write("\x93NUMPY\x01\x00", 8);
  out.put(static_cast<char>(hlen & 0xFF));
  out.put(static_cast<char>(hlen >> 8));
  out << dict;
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(n * sizeof(float)));
  if (!out) throw InputError(path.string(), "write failed (disk full?)");
}

NpyArray read_npy(const std::filesystem::path& path) {
  const std::string label = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(label, "cannot read");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) throw InputError(label, "not a .npy file (bad magic)");
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t hlen, hstart;
  if (major == 1) {
    hlen = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    hstart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw InputError(label, "truncated .npy header");
    hlen = 0;
    for (int i = 3; i >= 0; --i) hlen = (hlen << 8) | static_cast<unsigned char>(bytes[8 + i]);
    hstart = 12;
  } else {
    throw InputError(label, "unsupported .npy version " + std::to_string(major));
  }
  if (hstart + hlen > bytes.size()) throw InputError(label, "truncated .npy header");
  const std::string h = bytes.substr(hstart, hlen);
  std::size_t esize;
  if (h.find("'descr': '<f4'") != std::string::npos) esize = 4;
  else if (h.find("'descr': '<f8'") != std::string::npos) esize = 8;
  else throw InputError(label, "dtype is not '<f4' or '<f8': " + h);
  if (h.find("'fortran_order': False") == std::string::npos) throw InputError(label, "Fortran order is not supported");
  const auto s0 = h.find("'shape': (");
  const auto s1 = h.find(')', s0);
  if (s0 == std::string::npos || s1 == std::string::npos) throw InputError(label, "no shape in header");
  NpyArray a;
  std::uint64_t n = 1;
  for (std::size_t i = s0 + 10; i < s1;) {
    while (i < s1 && (h[i] == ' ' || h[i] == ',')) ++i;
    if (i >= s1) break;
    std::size_t j = i;
    while (j < s1 && h[j] >= '0' && h[j] <= '9') ++j;
    if (j == i || j - i > 12) throw InputError(label, "bad shape in header: " + h);
    a.shape.push_back(std::stoll(h.substr(i, j - i)));
    n *= static_cast<std::uint64_t>(a.shape.back());
    i = j;
  }
  const std::size_t dstart = hstart + hlen;
  if (bytes.size() - dstart != n * esize)
    throw InputError(label, "data has " + std::to_string(bytes.size() - dstart) + " bytes, shape needs " + std::to_string(n * esize));
  a.data.resize(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    if (esize == 4) {
      float f;
      std::memcpy(&f, bytes.data() + dstart + 4 * i, 4);
      a.data[i] = f;
    } else {
      std::memcpy(&a.data[i], bytes.data() + dstart + 8 * i, 8);
    }
  }
  return a;
}

}  // namespace attnbound::gpt2
