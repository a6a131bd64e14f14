// Differential test of our YAML parser against PyYAML (the reference the project's Python
// tools use): every document is parsed by both and the JSON values must be equal.
//
// PyYAML implements YAML 1.1; we implement the YAML 1.2 core schema (Node::to_json). The
// Python side therefore loads with a SafeLoader whose implicit resolvers are replaced by the
// 1.2 core schema's (so `yes`/`on` stay strings, `0o17` is 15, `012` is 12, no timestamps,
// no `=` or `<<` values), and keeps `.inf`/`.nan` as their text, as to_json does. What still
// differs is listed in kKnownDifferences, each checked to really differ (so the list stays true).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "common/test_support.h"
#include "spec/yaml_tree.h"

namespace restack::spec::test {
namespace {

namespace fs = std::filesystem;

// Loads each file named on the command line with the YAML 1.2 core schema and prints one JSON
// line per file: {"value": ...} or {"error": "..."}.
constexpr const char* kPyYamlCore = R"PY(
import json, re, sys, yaml

class Core(yaml.SafeLoader):
    pass

Core.yaml_implicit_resolvers = {}
Core.add_implicit_resolver('tag:yaml.org,2002:null', re.compile(r'^(?:~|null|Null|NULL|)$'), ['~', 'n', 'N', ''])
Core.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))
Core.add_implicit_resolver('tag:yaml.org,2002:int', re.compile(r'^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$'), list('-+0123456789'))
Core.add_implicit_resolver('tag:yaml.org,2002:float', re.compile(
    r'^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$'),
    list('-+0123456789.'))

def core_int(loader, node):
    v = loader.construct_scalar(node)
    sign = -1 if v.startswith('-') else 1
    v = v.lstrip('+-')
    if v.startswith('0x'): return sign * int(v[2:], 16)
    if v.startswith('0o'): return sign * int(v[2:], 8)
    return sign * int(v, 10)

def core_float(loader, node):
    v = loader.construct_scalar(node)
    if 'inf' in v.lower() or 'nan' in v.lower(): return v  # JSON has no inf/nan: the text, as to_json
    return float(v)

def core_bool(loader, node):
    return loader.construct_scalar(node).lower() == 'true'

Core.add_constructor('tag:yaml.org,2002:int', core_int)
Core.add_constructor('tag:yaml.org,2002:float', core_float)
Core.add_constructor('tag:yaml.org,2002:bool', core_bool)

def keys_as_text(v):
    if isinstance(v, dict):
        return {(k if isinstance(k, str) else json.dumps(k)): keys_as_text(x) for k, x in v.items()}
    if isinstance(v, list):
        return [keys_as_text(x) for x in v]
    return v

for path in sys.argv[1:]:
    try:
        with open(path, encoding='utf-8') as f:
            value = yaml.load(f, Loader=Core)
        print(json.dumps({'value': keys_as_text(value)}))
    except Exception as e:
        print(json.dumps({'error': str(e).replace('\n', ' ')}))
)PY";

// Documents both parsers must agree on: the tricky corners of scalars and collections.
const std::map<std::string, std::string> kSnippets = {
    {"plain_multiline", "a: this is\n  a long\n\n  value\nb: x\n"},
    {"plain_multiline_in_list", "- one\n  two\n- three\n"},
    {"plain_with_dash_continuation", "a: x\n  - y\n"},
    {"plain_specials", "url: http://x.y/z?q=1#frag\nt: a:b\nh: b#c\nc: d #comment\nq: it's\n"},
    {"plain_indicators_inside", "a: -x\nb: ?x\nc: :x\nd: x - y\ne: x ? y\n"},
    {"double_quoted_fold", "a: \"x\n  y\n\n  z\"\n"},
    {"double_quoted_escapes",
     "a: \"\\t\\n\\\\ \\x41 \\u00e9 \\U0001F600 \\\" \\/ \\N \\_ \\e \\0 \\a \\b \\v \\f \\r \\L \\P \\ \"\n"},
    {"double_quoted_escaped_break", "b: \"line \\\n   joined\"\nc: \"keep  \\\n  spaces\"\n"},
    {"double_quoted_trailing_spaces", "a: \"x   \n   y\"\n"},
    {"single_quoted_fold", "b: 'p\n\n  q  \n  r'\nc: 'it''s'\nd: ''\n"},
    {"block_literal", "a: |\n  line1\n   indented\n\n  line3\nb: 1\n"},
    {"block_folded", "a: >\n  one\n  two\n\n  three\n    more\n  four\nb: 1\n"},
    {"block_folded_more_indented", "a: >\n  x\n\n    y\n  z\n"},
    {"block_chomping", "a: |-\n  x\n\nb: |+\n  y\n\n\nc: >-\n  z\n\nd: >+\n  w\n\ne: end\n"},
    {"block_indentation_indicator", "c: |2\n    z\nd: >1\n  x\n"},
    {"block_leading_empty_lines", "d: |\n\n  late\ne: |\n  \n  x\n"},
    {"block_keep_at_end", "a: |+\n  x\n\n"},
    {"block_empty", "a: |\nb: >\n\nc: 1\n"},
    {"block_in_list", "- |\n  text\n- >-\n  folded\n  more\n"},
    {"block_comment_in_header", "a: | # comment\n  x\n"},
    {"block_with_hash_and_colon", "a: |\n  # not a comment\n  key: value\n"},
    {"block_top_level", "|\n  top\n"},
    {"flow_nested", "a: [1, 2, {b: c, d: [e, f]}, 'g', \"h\"]\n"},
    {"flow_mapping_empty_values", "b: {x: 1, y: , z}\n"},
    {"flow_multiline", "c: [\n  multi,\n  line\n]\nd: {a: [1,\n  2], c: d}\n"},
    {"flow_single_pairs", "a: [x: 1, y, ? z : 2]\n"},
    {"flow_trailing_comma", "a: [1, 2,]\nb: {x: 1,}\n"},
    {"flow_empty", "a: []\nb: {}\nc: [[], {}]\n"},
    {"flow_json", "{\"a\": 1, \"b\": [true, false, null], \"c\": \"d\", \"e\": {\"f\": -1.5e3}}\n"},
    {"flow_json_no_spaces", "{\"a\":1,\"b\":\"c\",\"d\":[1,2]}\n"},
    {"flow_plain_multiline", "a: [one\n  two, three]\n"},
    {"anchors_and_aliases", "base: &b {x: 1}\nother: *b\nlist: &l\n  - a\nuse: *l\ns: &s text\nt: *s\n"},
    {"anchor_on_key", "&k a: 1\nb: *k\n"},
    {"anchor_on_block_mapping", "a: &x\n  b: 1\nc: *x\n"},
    {"tags_core", "a: !!str 5\nb: !!int \"7\"\nc: !!float \"1.5\"\nd: !!bool \"true\"\ne: !!null \"\"\nf: !!str\n"},
    {"tags_on_collections", "a: !!map\n  b: 1\nc: !!seq [1]\n"},
    {"document_markers", "---\na: 1\n...\n"},
    {"document_start_with_value", "--- text\n"},
    {"document_start_block", "--- |\n  x\n"},
    {"directive", "%YAML 1.1\n---\na: 1\n"},
    {"indentless_list", "steps:\n- a\n- b\nother: 1\n"},
    {"compact_nesting", "- a: 1\n  b: 2\n- - x\n  - y\n-\n  c: 3\n- - - deep\n"},
    {"empty_values", "a:\nb: \nc: ~\nd: null\ne:\n  - \n  -\n  - x\nf: Null\ng: NULL\n"},
    {"comments", "# c\na: 1 # c\n# c\nb: # c\n  # c\n  x # c\nc: [1, # c\n  2]\n"},
    {"explicit_keys", "? a\n: 1\n? b\n? |\n  block key\n: 3\n"},
    {"byte_order_mark", "\xEF\xBB\xBF" "a: 1\nb: 2\n"},
    {"crlf_line_ends", "a: 1\r\nb:\r\n  - x\r\n  - \"y\r\n  z\"\r\nc: |\r\n  l1\r\n  l2\r\n"},
    {"numbers_core", "a: 0x1F\nb: 0o17\nc: 1e3\nd: -.5\ne: 012\nf: +12\ng: -0\nh: 1.\ni: .5e-2\nj: 3.25\n"},
    {"not_numbers_in_1_2", "a: 1_000\nb: 0b101\nc: 1:30\nd: 0x\ne: 1e\nf: +\ng: 2024-01-31\n"},
    {"infinities_as_text", "a: .inf\nb: -.Inf\nc: .NaN\n"},
    {"bools_core", "a: true\nb: False\nc: TRUE\nd: yes\ne: on\nf: n\ng: Off\n"},
    {"quoted_not_resolved", "a: \"true\"\nb: '1'\nc: \"null\"\nd: ''\n"},
    {"quoted_keys", "\"a b\": 1\n'c': 2\n\"d\":\n  e: 3\n"},
    {"space_before_colon", "a   : 1\nb : [x]\n"},
    {"unicode", "\xC3\xA9: \xC3\xBC\nkey: \xE2\x9C\x93 done\n\"\\u263A\": smile\n"},
    {"list_of_lists", "-\n  - a\n  - b\n- []\n"},
    {"list_items_with_anchor", "- &a\n  x: 1\n- *a\n"},
    {"null_items", "- \n- a\n-\n"},
    {"long_plain", "a: " + std::string(3000, 'x') + "\n"},
    {"many_keys", [] {
       std::string s;
       for (int i = 0; i < 100; ++i) s += "key_" + std::to_string(i) + ": " + std::to_string(i) + "\n";
       return s;
     }()},
    {"top_level_scalar", "just a scalar\n"},
    {"top_level_list_indented", "  - a\n  - b\n"},
    {"empty_document", "# only a comment\n"},
    {"value_on_next_line", "a:\n  b\nc:\n  \"d\"\ne:\n  [x]\n"},
};

// Documents where PyYAML (YAML 1.1, or its own limits) and we (YAML 1.2) knowingly differ.
// Each must still differ, or fail to parse on one side, for the test to pass.
const std::map<std::string, std::string> kKnownDifferences = {
    // YAML 1.2 allows a tab as the separator after `key:`; PyYAML rejects it.
    {"tab_after_colon", "a:\tb\nc: d\te\n"},
};

struct Parsed {
  bool ok = false;
  nlohmann::json value;
  std::string error;
};

Parsed parse_ours(const std::string& text) {
  DiagnosticSink sink;
  auto doc = yaml::parse_document(text, "x.yaml", sink);
  Parsed p;
  if (!doc || sink.has_errors()) {
    for (const auto& d : sink.all()) p.error += d.message + "\n";
    return p;
  }
  p.ok = true;
  p.value = doc->root() ? doc->root()->to_json() : nlohmann::json(nullptr);
  return p;
}

bool have_pyyaml() {
  if (!restack::test::have_program("/usr/bin/python3")) return false;
  return restack::test::run_program({"/usr/bin/python3", "-c", "import yaml"}).exit_code == 0;
}

/// PyYAML's values for TEXTS (name -> document), by name.
std::map<std::string, Parsed> parse_pyyaml(const std::map<std::string, std::string>& texts) {
  restack::test::TempDir dir;
  std::vector<std::string> argv = {"/usr/bin/python3", "-c", kPyYamlCore};
  std::vector<std::string> names;
  for (const auto& [name, text] : texts) {
    argv.push_back(dir.write(name + ".yaml", text).string());
    names.push_back(name);
  }
  auto r = restack::test::run_program(argv);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, Parsed> out;
  size_t start = 0;
  for (const auto& name : names) {
    size_t end = r.out.find('\n', start);
    if (end == std::string::npos) break;
    auto line = nlohmann::json::parse(r.out.substr(start, end - start));
    start = end + 1;
    Parsed p;
    p.ok = line.contains("value");
    if (p.ok) p.value = line["value"];
    else p.error = line["error"].get<std::string>();
    out[name] = p;
  }
  EXPECT_EQ(out.size(), names.size()) << r.out << r.err;
  return out;
}

std::map<std::string, std::string> spec_documents() {
  std::map<std::string, std::string> docs;
  for (const auto& e : fs::directory_iterator(restack::test::source_dir() / "examples"))
    if (e.path().extension() == ".yaml") docs["examples/" + e.path().filename().string()] = restack::test::read_file(e.path());
  for (const auto& e : fs::directory_iterator(restack::test::source_dir() / "fuzz" / "corpus" / "spec_fuzzer")) {
    std::string text = restack::test::read_file(e.path());
    DiagnosticSink sink;
    if (yaml::parse_document(text, "x.yaml", sink) && !sink.has_errors())  // valid YAML (the spec may be bad)
      docs["corpus/" + e.path().filename().string()] = text;
  }
  return docs;
}

class YamlDifferential : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_pyyaml()) GTEST_SKIP() << "/usr/bin/python3 with PyYAML (python3-yaml) is not installed";
  }

  // Both parse every document and agree on its value.
  void expect_agreement(const std::map<std::string, std::string>& docs) {
    auto theirs = parse_pyyaml(docs);
    for (const auto& [name, text] : docs) {
      Parsed ours = parse_ours(text);
      const Parsed& ref = theirs[name];
      ASSERT_TRUE(ref.ok) << name << ": PyYAML rejects it: " << ref.error;
      ASSERT_TRUE(ours.ok) << name << ": we reject it: " << ours.error;
      EXPECT_EQ(ours.value, ref.value) << name << "\nours:   " << ours.value.dump() << "\nPyYAML: " << ref.value.dump();
    }
  }
};

TEST_F(YamlDifferential, TrickySnippetsAgree) { expect_agreement(kSnippets); }

TEST_F(YamlDifferential, ExamplesAndCorpusSpecsAgree) {
  auto docs = spec_documents();
  EXPECT_GE(docs.size(), 8u);
  expect_agreement(docs);
}

TEST_F(YamlDifferential, KnownDifferencesStillDiffer) {
  auto theirs = parse_pyyaml(kKnownDifferences);
  for (const auto& [name, text] : kKnownDifferences) {
    Parsed ours = parse_ours(text);
    const Parsed& ref = theirs[name];
    bool same = ours.ok && ref.ok && ours.value == ref.value;
    EXPECT_FALSE(same) << name << " no longer differs: move it to kSnippets";
  }
}

// Documents both refuse (bad YAML): we must not accept what PyYAML rejects as malformed.
TEST_F(YamlDifferential, MalformedDocumentsAreRejectedByBoth) {
  const std::map<std::string, std::string> bad = {
      {"colon_in_plain_value", "a: b: c\n"},
      {"list_after_key_same_line", "a: - b\n"},
      {"bad_dedent", "a:\n    b: 1\n  c: 2\n"},
      {"key_without_colon", "a: 1\nb\nc: 2\n"},
      {"text_after_quoted", "a: \"x\" y\n"},
      {"unclosed_flow", "a: [b, {c: d]\n"},
      {"undefined_alias", "a: *nope\n"},
      {"reserved_at", "cron: @daily\n"},
      {"reserved_backtick", "a: `x`\n"},
      {"bad_escape", "a: \"\\q\"\n"},
      {"empty_flow_entry", "a: [1,,2]\n"},
      {"multiline_implicit_key", "\"a\n b\": 1\n"},
      {"list_then_mapping", "- a\nb: 1\n"},
      {"tab_indentation", "a:\n\tb: 1\n"},
  };
  auto theirs = parse_pyyaml(bad);
  for (const auto& [name, text] : bad) {
    EXPECT_FALSE(theirs[name].ok) << name << ": PyYAML accepts it: " << theirs[name].value.dump();
    EXPECT_FALSE(parse_ours(text).ok) << name << ": we accept it";
  }
}

}  // namespace
}  // namespace restack::spec::test
