#include "app/commands.hpp"
#include "theory/errors.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace attnbound::cli {

std::string read_input(const std::string& path, const std::string& field) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(field, "cannot read file " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace attnbound::cli
