// Writes forward-pass captures to a folder: one <name>.npy per capture, or all of them in one
// captures.safetensors; returns the JSON index entries (name, file, shape, axes, dtype).
#pragma once

#include "gpt2/forward.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace attnbound::gpt2 {

// The axis names of a capture, TransformerLens style: "pos d_model", "head_index query_pos key_pos", ...
std::string capture_axes(const std::string& name);

// format: "npy" or "safetensors" (InputError naming --format otherwise). Creates `dir` when missing.
nlohmann::json write_captures(const std::filesystem::path& dir, const std::vector<Capture>& captures,
                              const std::string& format);

}  // namespace attnbound::gpt2
