// The bad-input tables of README.md ("Bad input") and gpt2/README.md, row by row, through the built CLI: each
// kind of bad input must exit with code 2 and print exactly one line on standard error that holds the
// documented message (the text in the tables is the text checked here); progress lines may precede it.
#include "testing/catch.hpp"
#include "testing/run_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using attnbound::testing::run_command;

namespace {

std::string cli() { return ATTNBOUND_CLI; }

fs::path scratch(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("attnbound-bad-input-" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

std::string le64(std::uint64_t n) {
  std::string s;
  for (int i = 0; i < 8; ++i) s += static_cast<char>((n >> (8 * i)) & 0xFF);
  return s;
}

// A safetensors image: 8-byte length, the header JSON as given, then `data`.
std::string safetensors(const std::string& header, const std::string& data) { return le64(header.size()) + header + data; }

// Checks the documented contract for one row: exit 2, nothing on stdout, one line on stderr holding `message`.
void expect_bad_input(const std::string& what, const std::string& command, const std::string& message,
                      const std::string& stdin_text = "") {
  INFO(what << "\n  command: " << command);
  const auto r = run_command(command, stdin_text);
  INFO("  stderr: " << r.err);
  CHECK(r.exit_code == 2);
  // Progress lines may come first (verify prints them); the error is one line, the last one.
  const auto at = r.err.find("attnbound: error: ");
  REQUIRE(at != std::string::npos);
  CHECK((at == 0 || r.err[at - 1] == '\n'));
  const std::string line = r.err.substr(at);
  CHECK(line.find(message) != std::string::npos);
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
  CHECK(line.back() == '\n');
}

const char* kTinyConfig = R"({"n_layer":1,"n_head":1,"n_embd":2,"n_positions":2,"vocab_size":2})";

// A model folder (config.json + model.safetensors with the given bytes) and a two-symbol tokenizer folder.
struct Gpt2Dirs {
  fs::path model, tokenizer;
};
Gpt2Dirs gpt2_dirs(const std::string& name, const std::string& safetensors_bytes, const std::string& config = kTinyConfig) {
  const fs::path base = scratch(name);
  Gpt2Dirs d{base / "model", base / "tokenizer"};
  fs::create_directories(d.model);
  fs::create_directories(d.tokenizer);
  write(d.model / "config.json", config);
  write(d.model / "model.safetensors", safetensors_bytes);
  write(d.tokenizer / "vocab.json", R"({"a":0,"b":1})");
  write(d.tokenizer / "merges.txt", "#version: 0.2\na b\n");
  return d;
}

std::string gpt2_command(const Gpt2Dirs& d, const std::string& out) {
  return cli() + " gpt2 --model '" + d.model.string() + "' --tokenizer '" + d.tokenizer.string() +
         "' --prompt aa --threads 1 --out '" + out + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The valid 1-layer, d 2, 2-position, vocabulary-2 checkpoint of the safetensors fuzz corpus (fuzz/make_seeds.py).
std::string tiny_checkpoint() {
  return slurp(fs::path(ATTNBOUND_SOURCE_DIR) / "fuzz" / "corpus" / "safetensors" / "tiny_gpt2_f32.safetensors");
}

}  // namespace

TEST_CASE("bad input: instances (README table), exit 2 and the documented message", "[bad-input][instance]") {
  struct Row {
    const char* what;
    std::string instance, message;
  };
  const std::string cor3 = R"({"statement":"cor3.softmax_jacobian",)";
  const std::vector<Row> rows{
      {"malformed JSON", R"({"statement": )", "json: malformed JSON at byte "},
      {"number literal beyond double", cor3 + R"("logits":[0, 1e400],"temperature":1})",
       "number overflow parsing '1e400'"},
      {"not a JSON object", "[1, 2]", "json: an instance must be a JSON object"},
      {"wrong type", cor3 + R"("logits":"0,1","temperature":1})", "logits: expected an array of numbers"},
      {"wrong element type", cor3 + R"("logits":[0, true],"temperature":1})",
       "logits[1]: expected a number or a decimal string, got boolean"},
      {"NaN", cor3 + R"("logits":["nan", 0],"temperature":1})",
       "logits[0]: \"nan\" is not a finite decimal number with an exponent of at most 8 digits (NaN and inf are not accepted)"},
      {"inf", cor3 + R"("logits":[0, "inf"],"temperature":1})",
       "logits[1]: \"inf\" is not a finite decimal number with an exponent of at most 8 digits (NaN and inf are not accepted)"},
      {"T = 0", cor3 + R"("logits":[0, 1],"temperature":0})", "temperature: must be > 0, got 0"},
      {"T < 0", cor3 + R"("logits":[0, 1],"temperature":"-1e-3"})", "temperature: must be > 0, got -1e-3"},
      {"empty logits", cor3 + R"("logits":[],"temperature":1})", "logits: must not be empty"},
      {"top_n out of range (too large)", R"({"statement":"thm1.fixed","weights":["0.5","0.25","0.25"],"x":[[1],[0],[2]],"top_n":4})",
       "top_n: must satisfy 1 <= top_n <= L = 3, got 4"},
      {"top_n out of range (zero)", R"({"statement":"thm1.fixed","weights":["0.5","0.25","0.25"],"x":[[1],[0],[2]],"top_n":0})",
       "top_n: must satisfy 1 <= top_n <= L = 3, got 0"},
      {"ragged matrix", R"({"statement":"thm1.fixed","weights":["0.75","0.25"],"x":[[1,0],[0]],"top_n":1})",
       "x[1]: ragged matrix: row has 1 entries, row 0 has 2"},
      {"unknown statement", R"({"statement":"thm9.nope","logits":[0],"temperature":1})", "statement: "},
      {"unknown variant", cor3 + R"("variant":"nuclear","logits":[0],"temperature":1})", "variant: "},
      {"unknown field", cor3 + R"("logits":[0, 1],"temperature":1,"temprature":2})", "temprature: "},
  };
  for (const auto& row : rows) expect_bad_input(row.what, cli() + " eval --instance -", row.message, row.instance);
  expect_bad_input("unreadable instance file", cli() + " eval --instance /nonexistent/instance.json",
                   "instance: cannot read file /nonexistent/instance.json");
}

TEST_CASE("bad input: broken safetensors files (gpt2/README table) through attnbound gpt2", "[bad-input][gpt2]") {
  struct Row {
    const char* what;
    std::string bytes, message;
  };
  const std::string f32x2 = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
  const std::string valid_small = safetensors(f32x2, std::string(8, '\0'));
  const std::vector<Row> rows{
      {"empty file", "", "model.safetensors: truncated: the file has 0 bytes, fewer than the 8-byte header length"},
      {"shorter than the length field", "abc", "truncated: the file has 3 bytes, fewer than the 8-byte header length"},
      {"truncated data", valid_small.substr(0, valid_small.size() - 4),
       "tensor 'a': data_offsets [0,8] run past the end of the data section (4 bytes): truncated file?"},
      {"header cut off", valid_small.substr(0, 20),
       "header length 54 exceeds the 12 bytes after the length field (truncated file or corrupted length)"},
      {"header length overflow 2^64-1", le64(UINT64_MAX) + f32x2,
       "header length 18446744073709551615 exceeds the 54 bytes after the length field"},
      {"header length overflow 2^63", le64(std::uint64_t{1} << 63) + f32x2, "header length 9223372036854775808 exceeds"},
      {"header not JSON", safetensors("{not json}", ""), "header is not valid JSON: "},
      {"unknown dtype", safetensors(R"({"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}})", std::string(8, '\0')),
       "tensor 'a': unknown dtype 'F33'"},
      {"shape and byte range disagree", safetensors(R"({"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,16]}})",
                                                    std::string(16, '\0')),
       "tensor 'a': shape [2, 3] of F32 needs 24 bytes but data_offsets span 16"},
      {"dtype and byte range disagree", safetensors(R"({"a":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}})",
                                                    std::string(8, '\0')),
       "tensor 'a': shape [2] of F16 needs 4 bytes but data_offsets span 8"},
      {"negative shape", safetensors(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,8]}})", std::string(8, '\0')),
       "shape [-1] has an entry that is not a non-negative integer"},
      {"overlapping tensors", safetensors(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                          R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", std::string(8, '\0')),
       "tensors 'a' and 'b' overlap (bytes 4 to 8)"},
      {"a weight of the wrong dtype", [] {
         std::string t = tiny_checkpoint();
         const auto at = t.find("\"wte.weight\":{\"dtype\":\"F32\"");
         REQUIRE(at != std::string::npos);
         t.replace(t.find("F32", at), 3, "I32");  // same element size: the file stays valid, the weight does not
         return t;
       }(), "tensor 'wte.weight': dtype I32 is not a float type (F32, F16, BF16)"},
      {"missing tensor", safetensors(f32x2, std::string(8, '\0')), "missing tensor 'wte.weight'"},
  };
  for (const auto& row : rows) {
    const auto d = gpt2_dirs("safetensors", row.bytes);
    expect_bad_input(row.what, gpt2_command(d, (d.model.parent_path() / "out").string()), row.message);
  }
  const auto shape = gpt2_dirs("shape", tiny_checkpoint(), R"({"n_layer":1,"n_head":1,"n_embd":2,"n_positions":2,"vocab_size":3})");
  expect_bad_input("shape disagrees with config.json", gpt2_command(shape, (shape.model.parent_path() / "out").string()),
                   "tensor 'wte.weight' has shape [2, 2] but config.json implies [3, 2]");
}

TEST_CASE("bad input: config.json through attnbound gpt2", "[bad-input][gpt2]") {
  struct Row {
    const char* what;
    std::string config, message;
  };
  const std::vector<Row> rows{
      {"not JSON", "{", "config.json: not valid JSON: "},
      {"missing field", R"({"n_layer":1,"n_head":1,"n_embd":2,"n_positions":2})", "config.json: vocab_size: missing"},
      {"wrong type", R"({"n_layer":"1","n_head":1,"n_embd":2,"n_positions":2,"vocab_size":2})",
       "config.json: n_layer: must be a positive integer (got \"1\")"},
      {"not divisible", R"({"n_layer":1,"n_head":5,"n_embd":32,"n_positions":2,"vocab_size":2})",
       "config.json: n_embd: 32 is not divisible by n_head = 5"},
      {"epsilon out of range", R"({"n_layer":1,"n_head":1,"n_embd":2,"n_positions":2,"vocab_size":2,"layer_norm_epsilon":-1})",
       "config.json: layer_norm_epsilon: must be a number in (0, 1] (got -1)"},
  };
  for (const auto& row : rows) {
    const auto d = gpt2_dirs("config", tiny_checkpoint(), row.config);
    expect_bad_input(row.what, gpt2_command(d, (d.model.parent_path() / "out").string()), row.message);
  }
}

TEST_CASE("bad input: missing and malformed tokenizer files", "[bad-input][tokenizer]") {
  expect_bad_input("no tokenizer files in --tokenizer", cli() + " tokenize --prompt x --tokenizer /nonexistent-dir",
                   "--tokenizer: no vocab.json + merges.txt (or encoder.json + vocab.bpe) in /nonexistent-dir");
  const fs::path d = scratch("tokenizer");
  write(d / "vocab.json", R"({"a":0,"b":1})");
  write(d / "merges.txt", "#version: 0.2\na b\na  b\n");
  expect_bad_input("malformed merges.txt", cli() + " tokenize --prompt ab --tokenizer '" + d.string() + "'",
                   "merges.txt: line 3: expected two symbols separated by one space");
  write(d / "vocab.json", R"({"a":0,"b":"1"})");
  expect_bad_input("malformed vocab.json", cli() + " tokenize --prompt ab --tokenizer '" + d.string() + "'",
                   "vocab.json: id of token \"b\" is not a non-negative integer");
}

TEST_CASE("bad input: an output folder that cannot be written", "[bad-input][output]") {
  // Root may write anywhere, so the unwritable folder is one below a regular file (ENOTDIR for everyone).
  const fs::path base = scratch("output");
  write(base / "file", "x");
  const std::string blocked = (base / "file" / "sub").string();

  expect_bad_input("verify --json", cli() + " verify --statement cor3.softmax_jacobian --instances 1 --corpus '' --json '" +
                                        blocked + "/verify.json'",
                   "json: cannot write " + blocked + "/verify.json");
  expect_bad_input("report --out", cli() + " report --budget 5 --seed 1 --prove-max-length 2 --shared /nonexistent/shared --corpus "
                                           "/nonexistent/corpus --out '" + blocked + "'",
                   "out: cannot create " + blocked);
  const auto d = gpt2_dirs("gpt2-out", tiny_checkpoint());
  expect_bad_input("gpt2 --out", gpt2_command(d, blocked), "--out: cannot create " + blocked);
  // The same model writes when the folder is fine: the rows above fail for the folder alone.
  const auto ok = run_command(gpt2_command(d, (base / "gpt2-ok").string()));
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
}

TEST_CASE("bad input: broken captured attention through reproduce --attention (README table)", "[bad-input][attention]") {
  const auto f32 = [](std::initializer_list<float> xs) {
    std::string s;
    for (float x : xs) s.append(reinterpret_cast<const char*>(&x), sizeof x);  // x86-64: little-endian
    return s;
  };
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  const std::string s0 = R"("blocks.0.attn.hook_attn_scores":{"dtype":"F32",)", s1 = R"("blocks.1.attn.hook_attn_scores":{"dtype":"F32",)";
  const std::string ok = f32({1, -inf, 2, 3});
  struct Row {
    const char* what;
    std::string bytes, message;
  };
  const std::vector<Row> rows{
      {"wrong rank", safetensors("{" + s0 + R"("shape":[2,2],"data_offsets":[0,16]}})", ok),
       "blocks.0.attn.hook_attn_scores: wrong rank: shape [2, 2], expected [head, query, key] or [1, head, query, key]"},
      {"NaN", safetensors("{" + s0 + R"("shape":[1,2,2],"data_offsets":[0,16]}})", f32({1, -inf, nan, 3})),
       "blocks.0.attn.hook_attn_scores: nan at [0, 1, 0] (scores must be finite or -inf for masked keys)"},
      {"layers disagree", safetensors("{" + s0 + R"("shape":[1,2,2],"data_offsets":[0,16]},)" + s1 +
                                          R"("shape":[1,1,1],"data_offsets":[16,20]}})", ok + f32({0})),
       "blocks.1.attn.hook_attn_scores: shape [1, 1, 1] disagrees with blocks.0.attn.hook_attn_scores's [1, 2, 2]"},
      {"truncated", safetensors("{" + s0 + R"("shape":[1,2,2],"data_offsets":[0,16]}})", ok.substr(0, 12)),
       "tensor 'blocks.0.attn.hook_attn_scores': data_offsets [0,16] run past the end of the data section (12 bytes): "
       "truncated file?"},
      {"missing layer", safetensors("{" + s1 + R"("shape":[1,2,2],"data_offsets":[0,16]}})", ok),
       "blocks.0.attn.hook_attn_scores: missing (the file has tensors of layer 1)"},
  };
  for (const auto& row : rows) {
    const fs::path d = scratch("attention");
    write(d / "a.safetensors", row.bytes);
    expect_bad_input(row.what, cli() + " reproduce --attention '" + (d / "a.safetensors").string() + "' --out '" +
                                   (d / "out").string() + "'", row.message);
  }
}
