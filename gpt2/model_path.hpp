// Where a GPT-2 checkpoint is: --model PATH (a folder with config.json + model.safetensors, or the
// model.safetensors file itself), else $ATTNBOUND_GPT2_MODEL, else the Hugging Face cache
// ($HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub) models--gpt2/snapshots/*/ (also
// models--openai-community--gpt2), the first snapshot holding both files in name order.
#pragma once

#include <filesystem>
#include <string>

namespace attnbound::gpt2 {

// InputError naming --model and listing what was tried when nothing is found.
std::filesystem::path find_model_dir(const std::string& explicit_path);

}  // namespace attnbound::gpt2
