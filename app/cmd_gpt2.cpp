// attnbound gpt2 --model PATH (--text FILE | --prompt STR) [--max-tokens L] [--capture NAMES] --out DIR:
// runs GPT-2 on the text and writes the selected activations plus an index.json describing them.
#include "app/commands.hpp"
#include "gpt2/bpe_tokenizer.hpp"
#include "gpt2/capture_writer.hpp"
#include "gpt2/forward.hpp"
#include "gpt2/model_path.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

namespace attnbound::cli {

// The capture points the paper's analyses use, for every layer (the default of --capture).
inline constexpr const char* kDefaultCapture =
    "blocks.*.hook_resid_pre,blocks.*.ln1.hook_normalized,blocks.*.attn.hook_q,blocks.*.attn.hook_k,"
    "blocks.*.attn.hook_v,blocks.*.attn.hook_attn_scores,blocks.*.attn.hook_pattern,blocks.*.hook_resid_post";

Command register_gpt2(CLI::App& app) {
  struct Options {
    std::string model, text, prompt, capture = kDefaultCapture, out, format = "npy", tokenizer;
    int max_tokens = 0, threads = 0;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("gpt2", "Run GPT-2 from a Hugging Face checkpoint and write activations");
  sub->add_option("--model", opt->model,
                  "Folder with config.json + model.safetensors (default: $ATTNBOUND_GPT2_MODEL, else the Hugging "
                  "Face cache models--gpt2/snapshots/*)");
  auto* t = sub->add_option("--text", opt->text, "UTF-8 text file (- for standard input)");
  auto* p = sub->add_option("--prompt", opt->prompt, "Text given on the command line");
  t->excludes(p);
  sub->add_option("--max-tokens", opt->max_tokens, "Keep the first L tokens (default and maximum: n_positions)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--capture", opt->capture, "Comma-separated capture names or globs, or 'all' (default: resid_pre, "
                                             "ln1, q, k, v, attn_scores, pattern, resid_post of every layer)");
  sub->add_option("--out", opt->out, "Output folder")->required();
  sub->add_option("--format", opt->format, "npy (one file per capture, default) or safetensors");
  sub->add_option("--threads", opt->threads, "Threads (default: all hardware threads)")->check(CLI::NonNegativeNumber);
  sub->add_option("--tokenizer", opt->tokenizer, "Tokenizer folder (default: the model folder, else shared data)");
  return {sub, [opt, t, p] {
            if (t->count() == 0 && p->count() == 0) throw InputError("--text", "give --text FILE or --prompt STR");
            if (opt->format != "npy" && opt->format != "safetensors")
              throw InputError("--format", "'" + opt->format + "' is not npy or safetensors");
            const auto model_dir = gpt2::find_model_dir(opt->model);
            const auto tok_dir = gpt2::find_tokenizer_dir(opt->tokenizer, model_dir);
            const std::string text = p->count() ? opt->prompt : read_input(opt->text, "--text");
            const auto tok = gpt2::BpeTokenizer::load(tok_dir);
            std::vector<std::int32_t> ids = tok.encode(text);
            if (ids.empty()) throw InputError(p->count() ? "--prompt" : "--text", "the text has no tokens");
            const auto t0 = std::chrono::steady_clock::now();
            const gpt2::Gpt2Weights w = gpt2::load_gpt2_checkpoint(model_dir);
            const auto t1 = std::chrono::steady_clock::now();
            const auto sel = gpt2::CaptureSelection::parse(opt->capture, w.config.n_layer);
            const std::size_t limit =
                static_cast<std::size_t>(opt->max_tokens > 0 ? std::min(opt->max_tokens, w.config.n_positions) : w.config.n_positions);
            const std::size_t n_text = ids.size();
            if (ids.size() > limit) {
              ids.resize(limit);
              fmt::print(stderr, "attnbound: note: text has {} tokens; keeping the first {}\n", n_text, limit);
            }
            const auto caps = gpt2::gpt2_forward(w, ids, sel, {.threads = opt->threads});
            const auto t2 = std::chrono::steady_clock::now();
            nlohmann::json index;
            index["model"] = model_dir.string();
            index["tokenizer"] = tok_dir.string();
            index["config"] = {{"n_layer", w.config.n_layer}, {"n_head", w.config.n_head}, {"n_embd", w.config.n_embd},
                               {"n_positions", w.config.n_positions}, {"vocab_size", w.config.vocab_size},
                               {"layer_norm_epsilon", w.config.layer_norm_epsilon},
                               {"activation_function", w.config.activation_function}};
            index["weights_dtype"] = w.dtype;
            index["token_ids"] = ids;
            std::vector<std::string> pieces;
            for (auto id : ids) pieces.push_back(tok.decode({id}));
            index["tokens"] = pieces;  // a piece may cut a UTF-8 character: dumped with replacement below
            index["text_tokens"] = n_text;
            index["precision"] = "float32 arithmetic (weights widened to float32); not certified";
            index["certified"] = false;
            index["format"] = opt->format;
            index["captures"] = gpt2::write_captures(opt->out, caps, opt->format);
            index["seconds"] = {{"load", std::chrono::duration<double>(t1 - t0).count()},
                                {"forward", std::chrono::duration<double>(t2 - t1).count()}};
            const std::string dumped = index.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
            std::ofstream(std::filesystem::path(opt->out) / "index.json") << dumped << "\n";
            std::cout << dumped << std::endl;
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
