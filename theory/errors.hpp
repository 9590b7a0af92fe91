// Errors that reach the user. InputError is bad input (exit code 2): it names the field at fault.
#pragma once
#include <stdexcept>
#include <string>

namespace attnbound {

class InputError : public std::runtime_error {
 public:
  InputError(std::string field, const std::string& message)
      : std::runtime_error(field.empty() ? message : field + ": " + message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// An instance that is well formed but violates a hypothesis of the statement it is evaluated against.
class HypothesisError : public InputError {
 public:
  using InputError::InputError;
};

}  // namespace attnbound
