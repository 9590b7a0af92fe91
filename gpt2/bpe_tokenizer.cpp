#include "gpt2/bpe_tokenizer.hpp"

#include "gpt2/pretokenize.hpp"
#include "theory/errors.hpp"

#include <nlohmann/json.hpp>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#ifndef ATTNBOUND_DEFAULT_SHARED_DIR
#define ATTNBOUND_DEFAULT_SHARED_DIR "../shared"
#endif

namespace attnbound::gpt2 {
namespace {

std::string utf8_of(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

// Splits a UTF-8 string (known valid: it comes from our own mapping or from a parsed JSON) into characters.
std::vector<std::string> utf8_chars(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError("tokenizer", "cannot read " + p.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

BpeTokenizer BpeTokenizer::from_strings(const std::string& vocab_json, const std::string& merges_txt,
                                        const std::string& vocab_name, const std::string& merges_name) {
  BpeTokenizer t;
  // OpenAI's bytes_to_unicode: printable Latin-1 bytes map to themselves, the other 68 to U+0100.. in order.
  int extra = 0;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    const char32_t cp = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + extra++);
    t.byte_to_mapped_[b] = utf8_of(cp);
    t.mapped_to_byte_[cp] = static_cast<unsigned char>(b);
  }

  nlohmann::json vocab;
  try {
    vocab = nlohmann::json::parse(vocab_json);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(vocab_name, std::string("not valid JSON: ") + e.what());
  }
  if (!vocab.is_object() || vocab.empty()) throw InputError(vocab_name, "expected a non-empty JSON object token -> id");
  for (auto it = vocab.begin(); it != vocab.end(); ++it) {
    if (!it.value().is_number_integer() || it.value().get<long long>() < 0 || it.value().get<long long>() > INT32_MAX / 2)
      throw InputError(vocab_name, "id of token " + nlohmann::json(it.key()).dump() + " is not a non-negative integer");
    // Ids index a table: one far beyond the entry count would allocate that many slots (a 20-byte file asking
    // for 32 GB). GPT-2's ids are dense, 0 to size - 1.
    if (it.value().get<long long>() >= static_cast<long long>(vocab.size()))
      throw InputError(vocab_name, "id " + std::to_string(it.value().get<long long>()) + " of token " +
                                       nlohmann::json(it.key()).dump() + " is not below the " +
                                       std::to_string(vocab.size()) + " entries (ids must be 0 to size - 1)");
    const auto id = it.value().get<std::int32_t>();
    t.token_to_id_[it.key()] = id;
    if (static_cast<std::size_t>(id) >= t.id_to_token_.size()) t.id_to_token_.resize(id + 1);
    if (!t.id_to_token_[id].empty())
      throw InputError(vocab_name, "id " + std::to_string(id) + " is given to two tokens");
    t.id_to_token_[id] = it.key();
  }

  std::istringstream lines(merges_txt);
  std::string line;
  std::int32_t rank = 0;
  std::size_t lineno = 0;
  while (std::getline(lines, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (lineno == 1 && line.rfind("#version", 0) == 0)) continue;
    const auto sp = line.find(' ');
    if (sp == std::string::npos || sp == 0 || sp + 1 == line.size() || line.find(' ', sp + 1) != std::string::npos)
      throw InputError(merges_name, "line " + std::to_string(lineno) + ": expected two symbols separated by one space");
    t.ranks_.emplace(line, rank++);  // the first occurrence of a pair sets its rank, as in the reference
  }
  if (rank == 0) throw InputError(merges_name, "no merges");
  return t;
}

BpeTokenizer BpeTokenizer::load(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  for (auto [v, m] : {std::pair{"vocab.json", "merges.txt"}, std::pair{"encoder.json", "vocab.bpe"}}) {
    if (fs::exists(dir / v) && fs::exists(dir / m))
      return from_strings(read_file(dir / v), read_file(dir / m), (dir / v).string(), (dir / m).string());
  }
  throw InputError("tokenizer", "no vocab.json + merges.txt (or encoder.json + vocab.bpe) in " + dir.string());
}

void BpeTokenizer::bpe(const std::string& mapped, std::vector<std::int32_t>& out) const {
  if (auto it = cache_.find(mapped); it != cache_.end()) {
    out.insert(out.end(), it->second.begin(), it->second.end());
    return;
  }
  std::vector<std::string> parts = utf8_chars(mapped);
  // Merge the lowest-ranked adjacent pair everywhere it occurs, until no adjacent pair has a rank.
  while (parts.size() > 1) {
    std::int32_t best = INT32_MAX;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      auto r = ranks_.find(parts[i] + ' ' + parts[i + 1]);
      if (r != ranks_.end() && r->second < best) best = r->second;
    }
    if (best == INT32_MAX) break;
    std::vector<std::string> merged;
    merged.reserve(parts.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i + 1 < parts.size()) {
        auto r = ranks_.find(parts[i] + ' ' + parts[i + 1]);
        if (r != ranks_.end() && r->second == best) {
          merged.push_back(parts[i] + parts[i + 1]);
          ++i;
          continue;
        }
      }
      merged.push_back(parts[i]);
    }
    parts = std::move(merged);
  }
  std::vector<std::int32_t> ids;
  for (const auto& p : parts) {
    auto it = token_to_id_.find(p);
    if (it == token_to_id_.end()) throw InputError("tokenizer", "vocabulary has no entry for symbol " + nlohmann::json(p).dump());
    ids.push_back(it->second);
  }
  out.insert(out.end(), ids.begin(), ids.end());
  if (cache_.size() < (1u << 16)) cache_.emplace(mapped, std::move(ids));
}

std::vector<std::int32_t> BpeTokenizer::encode(std::string_view text) const {
  std::vector<std::int32_t> ids;
  std::string mapped;
  for (std::string_view piece : pretokenize(text)) {
    mapped.clear();
    for (unsigned char b : piece) mapped += byte_to_mapped_[b];
    bpe(mapped, ids);
  }
  return ids;
}

std::string BpeTokenizer::decode(const std::vector<std::int32_t>& ids) const {
  std::string bytes;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const auto id = ids[k];
    if (id < 0 || static_cast<std::size_t>(id) >= id_to_token_.size() || id_to_token_[id].empty())
      throw InputError("ids[" + std::to_string(k) + "]", "unknown token id " + std::to_string(id));
    const std::string& tok = id_to_token_[id];
    for (std::size_t i = 0; i < tok.size();) {
      const auto c = static_cast<unsigned char>(tok[i]);
      char32_t cp;
      std::size_t len;
      if (c < 0x80) { cp = c; len = 1; }
      else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; len = 2; }
      else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; len = 3; }
      else { cp = c & 0x07; len = 4; }
      for (std::size_t j = 1; j < len && i + j < tok.size(); ++j) cp = (cp << 6) | (tok[i + j] & 0x3F);
      auto b = mapped_to_byte_.find(cp);
      if (b == mapped_to_byte_.end())
        throw InputError("ids[" + std::to_string(k) + "]", "token " + std::to_string(id) + " holds a character outside the byte alphabet");
      bytes += static_cast<char>(b->second);
      i += len;
    }
  }
  return bytes;
}

std::filesystem::path find_tokenizer_dir(const std::string& explicit_dir, const std::filesystem::path& model_dir) {
  namespace fs = std::filesystem;
  auto has = [](const fs::path& d) {
    return (fs::exists(d / "vocab.json") && fs::exists(d / "merges.txt")) ||
           (fs::exists(d / "encoder.json") && fs::exists(d / "vocab.bpe"));
  };
  if (!explicit_dir.empty()) {
    if (!has(explicit_dir))
      throw InputError("--tokenizer", "no vocab.json + merges.txt (or encoder.json + vocab.bpe) in " + explicit_dir);
    return explicit_dir;
  }
  std::string tried;
  if (const char* env = std::getenv("ATTNBOUND_GPT2_TOKENIZER"); env && *env) {
    if (has(env)) return env;
    tried += std::string(" $ATTNBOUND_GPT2_TOKENIZER=") + env + ";";
  }
  if (!model_dir.empty()) {
    if (has(model_dir)) return model_dir;
    tried += " " + model_dir.string() + ";";
  }
  const char* shared = std::getenv("ATTNBOUND_SHARED_DIR");
  const fs::path s = fs::path(shared && *shared ? shared : ATTNBOUND_DEFAULT_SHARED_DIR) / "data" / "gpt2-tokenizer";
  if (has(s)) return s;
  tried += " " + s.string();
  throw InputError("--tokenizer", "GPT-2 tokenizer files not found (tried:" + tried + "); pass --tokenizer DIR");
}

}  // namespace attnbound::gpt2
