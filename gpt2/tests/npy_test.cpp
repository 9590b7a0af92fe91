#include "gpt2/npy.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cstdlib>
#include <fstream>

using namespace attnbound::gpt2;
namespace fs = std::filesystem;

TEST_CASE("npy: fp32 arrays round-trip, and NumPy reads what we write", "[gpt2][npy]") {
  const fs::path p = fs::temp_directory_path() / ("attnbound-npy-" + std::to_string(::getpid()) + ".npy");
  const std::vector<float> v{1.5f, -2.0f, 0.25f, 3.0f, 4.0f, -0.0f};
  write_npy_f32(p, {2, 3}, v.data());
  const auto a = read_npy(p);
  CHECK(a.shape == std::vector<std::int64_t>{2, 3});
  CHECK(a.data == std::vector<double>{1.5, -2.0, 0.25, 3.0, 4.0, -0.0});
  write_npy_f32(p, {6}, v.data());  // 1-D: NumPy's tuple needs the trailing comma "(6,)"
  CHECK(read_npy(p).shape == std::vector<std::int64_t>{6});
  if (std::system("/usr/bin/python3 -c 'import numpy' 2>/dev/null") == 0) {
    const std::string cmd = "/usr/bin/python3 -c \"import numpy as n, sys; a = n.load(sys.argv[1]); "
                            "sys.exit(0 if a.shape == (6,) and a.dtype == n.float32 and a[0] == 1.5 else 1)\" '" +
                            p.string() + "'";
    CHECK(std::system(cmd.c_str()) == 0);
  }
  fs::remove(p);
}

TEST_CASE("npy: bad files are InputErrors naming the file", "[gpt2][npy]") {
  const fs::path p = fs::temp_directory_path() / ("attnbound-npy-bad-" + std::to_string(::getpid()) + ".npy");
  std::ofstream(p, std::ios::binary) << "not numpy";
  CHECK_THROWS_WITH(read_npy(p), Catch::Contains(p.string()) && Catch::Contains("bad magic"));
  const std::vector<float> v{1, 2};
  write_npy_f32(p, {2}, v.data());
  fs::resize_file(p, fs::file_size(p) - 2);
  CHECK_THROWS_WITH(read_npy(p), Catch::Contains("shape needs 8"));
  fs::remove(p);
  CHECK_THROWS_AS(read_npy(p), attnbound::InputError);
}
