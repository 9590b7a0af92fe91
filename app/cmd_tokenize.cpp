// attnbound tokenize (--prompt STR | --text FILE) [--tokenizer DIR]: prints GPT-2 token ids as a JSON array.
// attnbound detokenize (--ids JSON | --input FILE|-) [--tokenizer DIR]: prints the text those ids stand for.
#include "app/commands.hpp"
#include "gpt2/bpe_tokenizer.hpp"
#include "theory/errors.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace attnbound::cli {

Command register_tokenize(CLI::App& app) {
  struct Options {
    std::string prompt, text, tokenizer;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("tokenize", "Print the GPT-2 token ids of a text as a JSON array");
  auto* p = sub->add_option("--prompt", opt->prompt, "Text to tokenize");
  auto* t = sub->add_option("--text", opt->text, "File (or - for standard input) holding the UTF-8 text");
  p->excludes(t);
  sub->add_option("--tokenizer", opt->tokenizer,
                  "Folder with vocab.json + merges.txt or encoder.json + vocab.bpe (default: "
                  "$ATTNBOUND_GPT2_TOKENIZER, else <shared>/data/gpt2-tokenizer)");
  return {sub, [opt, p, t] {
            if (p->count() == 0 && t->count() == 0) throw InputError("--prompt", "give --prompt STR or --text FILE");
            const std::string text = p->count() ? opt->prompt : read_input(opt->text, "--text");
            const auto tok = gpt2::BpeTokenizer::load(gpt2::find_tokenizer_dir(opt->tokenizer));
            std::cout << nlohmann::json(tok.encode(text)).dump() << std::endl;
            return kExitOk;
          }};
}

Command register_detokenize(CLI::App& app) {
  struct Options {
    std::string ids, input, tokenizer;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("detokenize", "Print the text a JSON array of GPT-2 token ids stands for");
  auto* i = sub->add_option("--ids", opt->ids, "JSON array of token ids, e.g. [464,3290]");
  auto* f = sub->add_option("--input", opt->input, "File (or - for standard input) holding the JSON array");
  i->excludes(f);
  sub->add_option("--tokenizer", opt->tokenizer, "Tokenizer folder (as for tokenize)");
  return {sub, [opt, i, f] {
            if (i->count() == 0 && f->count() == 0) throw InputError("--ids", "give --ids JSON or --input FILE");
            const std::string field = i->count() ? "--ids" : "--input";
            const std::string src = i->count() ? opt->ids : read_input(opt->input, "--input");
            nlohmann::json j;
            try {
              j = nlohmann::json::parse(src);
            } catch (const nlohmann::json::exception&) {
              throw InputError(field, "not valid JSON (expected an array of token ids)");
            }
            if (!j.is_array()) throw InputError(field, "expected a JSON array of token ids");
            std::vector<std::int32_t> ids;
            for (std::size_t k = 0; k < j.size(); ++k) {
              if (!j[k].is_number_integer() || j[k].get<long long>() < INT32_MIN || j[k].get<long long>() > INT32_MAX)
                throw InputError(field + "[" + std::to_string(k) + "]", "not an integer token id");
              ids.push_back(j[k].get<std::int32_t>());
            }
            const auto tok = gpt2::BpeTokenizer::load(gpt2::find_tokenizer_dir(opt->tokenizer));
            std::cout << tok.decode(ids) << std::flush;
            return kExitOk;
          }};
}

}  // namespace attnbound::cli
