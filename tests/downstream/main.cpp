// Evaluates Corollary 3 at a two-way tie through the installed library: prints the verdict.
#include "theory/evaluate_point.hpp"

#include <iostream>

int main() {
  const auto inst = attnbound::Instance::parse(
      R"({"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"1"})");
  const auto result = attnbound::evaluate_point(inst, 128);
  std::cout << result["verdict"].get<std::string>() << "\n";
  return result["verdict"] == "violated" ? 0 : 1;
}
