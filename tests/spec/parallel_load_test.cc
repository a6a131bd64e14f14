// Loading on two threads (docs/spec.md "Large specs") against loading on one: the YAML tree
// (every node's offset, value, height and size), the diagnostics (order, positions, notes)
// and the whole model must be the same, on every spec fixture and on generated big specs with
// problems placed in different pieces. The threshold is set to 0 so small texts take the
// parallel path too, cut in 2 to 13 pieces.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "common/test_support.h"
#include "model_dump_helpers.h"
#include "spec/load.h"
#include "spec/yaml_tree.h"

namespace restack::spec::parallel_test {
using namespace restack::spec::test;  // dump_project, dump_in_order
namespace {

namespace fs = std::filesystem;
using yaml::Node;

using PieceCounts = std::vector<unsigned>;
const PieceCounts kPieceCounts = {2, 3, 5, 13};
const PieceCounts kFewPieceCounts = {2, 7};  // for the many variants of the big spec

LoadOptions serial() {
  LoadOptions o;
  o.parallel_min_bytes = SIZE_MAX;
  return o;
}

LoadOptions parallel(unsigned pieces) {
  LoadOptions o;
  o.parallel_min_bytes = 0;
  o.yaml_pieces = pieces;
  return o;
}

// ---------------------------------------------------------------- trees

// The first difference between two trees, or "".
std::string tree_difference(const Node* a, const Node* b, const std::string& path) {
  if (!a || !b) return a == b ? "" : path + ": one tree has no node";
  auto describe = [](const Node* n) {
    return "kind " + std::to_string(static_cast<int>(n->kind)) + " plain " + std::to_string(n->plain) + " height " +
           std::to_string(n->height) + " offset " + std::to_string(n->offset) + " expanded " + std::to_string(n->expanded) +
           " value '" + std::string(n->value) + "' items " + std::to_string(n->items().size()) + " entries " +
           std::to_string(n->entries().size());
  };
  if (describe(a) != describe(b)) return path + ": " + describe(a) + " <> " + describe(b);
  for (size_t i = 0; i < a->items().size(); ++i)
    if (auto d = tree_difference(a->items()[i], b->items()[i], path + "/" + std::to_string(i)); !d.empty()) return d;
  for (size_t i = 0; i < a->entries().size(); ++i) {
    std::string at = path + "/" + std::string(a->entries()[i].first->value);
    if (auto d = tree_difference(a->entries()[i].first, b->entries()[i].first, at + "(key)"); !d.empty()) return d;
    if (auto d = tree_difference(a->entries()[i].second, b->entries()[i].second, at); !d.empty()) return d;
  }
  return "";
}

struct Parsed {
  DiagnosticSink sink;
  std::unique_ptr<yaml::Document> doc;
};

Parsed parse(const std::string& text, size_t min_bytes, unsigned pieces) {
  Parsed p;
  p.doc = yaml::parse_document_view(text, "big.yaml", p.sink, yaml::ParseOptions{min_bytes, pieces});
  return p;
}

// Parses TEXT whole and in each number of pieces; returns the most pieces any parse used.
size_t expect_same_parse(const std::string& text, const std::string& what, const PieceCounts& counts = kPieceCounts) {
  Parsed whole = parse(text, SIZE_MAX, 2);
  EXPECT_TRUE(!whole.doc || whole.doc->pieces() == 0);
  size_t most = 0;
  for (unsigned pieces : counts) {
    Parsed cut = parse(text, 0, pieces);
    EXPECT_EQ(dump_in_order(cut.sink), dump_in_order(whole.sink)) << what << ", " << pieces << " pieces";
    EXPECT_EQ(cut.doc != nullptr, whole.doc != nullptr) << what;
    if (cut.doc && whole.doc) {
      EXPECT_EQ(tree_difference(cut.doc->root(), whole.doc->root(), ""), "") << what << ", " << pieces << " pieces";
      most = std::max(most, cut.doc->pieces());
    }
  }
  return most;
}

// ---------------------------------------------------------------- whole loads

struct Load {
  std::string diagnostics;  // in the order reported
  std::string model;
  size_t errors = 0;  // load_project_from_texts gives a project when there are none
};

Load load(const std::vector<SourceText>& sources, const LoadOptions& options) {
  Load l;
  DiagnosticSink sink;
  l.model = dump_project(load_project_partial(sources, sink, options));
  l.diagnostics = dump_in_order(sink);
  l.errors = sink.error_count();
  return l;
}

// Loads SOURCES on one thread and on two (each number of pieces): everything must match.
// Returns the serial load's diagnostics.
std::string expect_same_load(const std::vector<SourceText>& sources, const std::string& what,
                             const PieceCounts& counts = kPieceCounts) {
  Load one = load(sources, serial());
  for (unsigned pieces : counts) {
    Load two = load(sources, parallel(pieces));
    EXPECT_EQ(two.diagnostics, one.diagnostics) << what << ", " << pieces << " pieces";
    EXPECT_EQ(two.errors, one.errors) << what;
    if (two.model != one.model) {  // one line of difference is enough to see what broke
      size_t i = 0;
      while (i < two.model.size() && i < one.model.size() && two.model[i] == one.model[i]) ++i;
      size_t line = two.model.rfind('\n', i);
      ADD_FAILURE() << what << ", " << pieces << " pieces: models differ at\n  parallel: "
                    << two.model.substr(line + 1, 200) << "\n  serial:   " << one.model.substr(line + 1, 200);
    }
  }
  return one.diagnostics;
}

// ---------------------------------------------------------------- generated specs

// bench/generate/make_spec.py's project, smaller: FUNCTIONS described functions, WORKFLOWS
// workflows calling them in sequence.
std::string big_spec(int functions, int workflows) {
  std::string s = "version: 1\nproject: big-project\ndescription: \"Generated project\"\nfunctions:\n";
  for (int f = 0; f < functions; ++f) {
    std::string n = std::to_string(f);
    s += "  fn_" + n + ":\n    description: \"Function number " + n +
         "\"\n    input_schema:\n      record_id: str\n      amount:\n        type: float\n        default: 1.5\n"
         "    output_schema:\n      record_id: str\n      tags: List[str]\n      score: Optional[int]\n    timeout: 30s\n";
  }
  s += "workflows:\n";
  int per = functions / workflows;
  for (int w = 0; w < workflows; ++w) {
    std::string n = std::to_string(w);
    s += "  - name: Flow" + n + "\n    description: \"Workflow number " + n +
         "\"\n    input_schema:\n      record_id: str\n      amount: float\n    output_schema:\n      record_id: str\n"
         "      tags: List[str]\n    retry_policy:\n      maximum_attempts: 3\n      initial_interval: 1s\n    steps:\n";
    for (int i = 0; i < per; ++i) {
      std::string src = i == 0 ? "input.record_id" : "steps.s" + std::to_string(i - 1) + ".record_id";
      s += "      - name: s" + std::to_string(i) + "\n        function: fn_" + std::to_string(w * per + i) +
           "\n        input:\n          record_id: " + src + "\n          amount: input.amount\n";
    }
  }
  return s;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::string replaced_last(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.rfind(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

const std::string kBig = big_spec(120, 30);

TEST(ParallelLoad, BigSpecIsParsedInPiecesIntoTheSameTree) {
  EXPECT_GE(expect_same_parse(kBig, "big spec"), 5u);  // the parallel path was taken, not fallen back from
  DiagnosticSink sink;
  EXPECT_TRUE(load_project_from_texts({{"big.yaml", kBig}}, sink, parallel(2))) << dump_in_order(sink);
}

TEST(ParallelLoad, BigSpecLoadsTheSameModel) {
  std::string diagnostics = expect_same_load({{"big.yaml", kBig}}, "big spec");
  EXPECT_EQ(diagnostics, "");
}

// Each variant puts a problem somewhere in the big spec; the parallel load must report exactly
// what the serial one does, in the same order (FIRST: the first error, by position, expected).
struct Variant {
  const char* name;
  std::function<std::string(std::string)> edit;
  const char* first;  // expected in the serial diagnostics ("" for none)
};

const Variant kVariants[] = {
    {"duplicate function across pieces", [](std::string s) { return replaced(s, "  fn_119:\n", "  fn_3:\n"); },
     "E-yaml-duplicate-key"},
    {"duplicate function in the first piece", [](std::string s) { return replaced(s, "  fn_2:\n", "  fn_1:\n"); },
     "E-yaml-duplicate-key"},
    {"duplicate top-level key at the end", [](std::string s) { return s + "description: again\n"; }, "E-yaml-duplicate-key"},
    {"duplicate workflow names", [](std::string s) { return replaced(s, "name: Flow29\n", "name: Flow0\n"); }, ""},
    {"unknown key in a late function", [](std::string s) { return replaced(s, "Function number 100\"\n", "Function number 100\"\n    colour: red\n"); }, ""},
    {"unknown key in an early function", [](std::string s) { return replaced(s, "Function number 1\"\n", "Function number 1\"\n    colour: red\n"); }, ""},
    {"bad reference early and late",
     [](std::string s) {
       s = replaced(s, "record_id: steps.s0.record_id", "record_id: steps.nope.record_id");
       size_t last = s.rfind("record_id: steps.s");
       return s.replace(last, 18, "record_id: steps.zz");
     },
     ""},
    {"unknown function late", [](std::string s) { return replaced(s, "function: fn_119\n", "function: fn_nope\n"); }, ""},
    {"syntax error late", [](std::string s) { return s + "  - name: Late\n    steps: [a,\n"; }, "E-yaml-flow"},
    {"bad indentation late", [](std::string s) { return replaced(s, "  - name: Flow28\n", "   - name: Flow28\n"); }, ""},
    {"bad indentation early", [](std::string s) { return replaced(s, "  fn_5:\n", " fn_5:\n"); }, ""},
    {"syntax error in the last piece", [](std::string s) { return s + "  - name: Late\n    steps: a: b\n"; }, "E-yaml-syntax"},
    {"syntax error early", [](std::string s) { return replaced(s, "  fn_2:\n", "  fn_2: [\n"); }, "E-yaml-flow"},
    {"quoted string across a cut", [](std::string s) { return replaced(s, "\"Function number 60\"", "\"Function number\n  fn_60b: x\""); }, ""},
    {"flow mapping across a cut", [](std::string s) { return replaced(s, "    timeout: 30s\n  fn_61:", "    timeout: {a: 1,\n  fn_61: 2}\n  fn_61:"); }, ""},
    {"block scalar", [](std::string s) { return replaced(s, "description: \"Function number 70\"", "description: |\n      line one\n      line two"); }, ""},
    {"block scalar keeping trailing lines",
     [](std::string s) { return replaced(s, "description: \"Function number 70\"\n", "description: |+\n      kept\n\n\n"); }, ""},
    {"anchor and alias", [](std::string s) { return replaced(replaced(s, "  fn_1:\n", "  fn_1: &one\n"), "  fn_90:\n    description", "  fn_90: *one\n  fn_90b:\n    description"); }, ""},
    {"alias to an anchor in another piece",
     [](std::string s) { return replaced(replaced(s, "timeout: 30s\n  fn_1:", "timeout: &t 30s\n  fn_1:"), "timeout: 30s\n  fn_100:", "timeout: *t\n  fn_100:"); }, ""},
    {"custom tag late", [](std::string s) { return replaced(s, "timeout: 30s\n  fn_110:", "timeout: !custom 30s\n  fn_110:"); }, "E-yaml-tag"},
    {"comments at column 0", [](std::string s) { return replaced(replaced(s, "  fn_50:\n", "# a comment\n  fn_50:\n"), "  - name: Flow20\n", "\n# another\n\n  - name: Flow20\n"); }, ""},
    {"bad types in both halves of the schemas",
     [](std::string s) { return replaced_last(replaced(s, "tags: List[str]", "tags: List[strr]"), "tags: List[str]", "tags: Lizt[str]"); },
     "E-type-name"},
    {"bad defaults in both halves of the schemas",
     [](std::string s) { return replaced_last(replaced(s, "default: 1.5", "default: abc"), "default: 1.5", "default: [1]"); }, ""},
    {"a child workflow step (workflows resolved in order)",
     [](std::string s) { return s + "      - name: child\n        workflow: Flow0\n        input:\n          record_id: steps.nope.x\n"; }, ""},
    {"type mismatch early and late",
     [](std::string s) { return replaced_last(replaced(s, "amount: input.amount", "amount: steps.s0.tags"), "amount: input.amount", "amount: input.record_id"); },
     ""},
    {"not a mapping item", [](std::string s) { return replaced(s, "  - name: Flow15\n", "  - 42\n  - name: Flow15\n"); }, ""},
    {"document end marker", [](std::string s) { return s + "...\n"; }, ""},
    {"second document", [](std::string s) { return s + "---\nx: 1\n"; }, ""},
    {"non-ASCII text", [](std::string s) { return replaced(s, "Function number 80", "Fünction nümber 80 — ok"); }, ""},
    {"workflows before functions",
     [](std::string s) {
       size_t w = s.find("workflows:\n");
       return s.substr(0, s.find("functions:\n")) + s.substr(w) + s.substr(s.find("functions:\n"), w - s.find("functions:\n"));
     },
     ""},
    {"indentless workflow list", [](std::string s) {
       size_t w = s.find("workflows:\n");
       std::string tail = s.substr(w);
       std::string out;
       size_t pos = 0;
       while (pos < tail.size()) {  // every line of the list two spaces to the left
         size_t nl = tail.find('\n', pos);
         std::string line = tail.substr(pos, nl - pos);
         out += (line.rfind("  ", 0) == 0 ? line.substr(2) : line) + "\n";
         pos = nl + 1;
       }
       return s.substr(0, w) + out;
     }, ""},
    {"CRLF line ends",
     [](std::string s) {
       std::string out;
       for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
       return replaced(out, "  fn_100:", "  fn_3:");  // and a duplicate across pieces
     },
     "E-yaml-duplicate-key"},
    {"tabs", [](std::string s) { return replaced(s, "  fn_70:\n", "\tfn_70:\n"); }, ""},
    {"byte order mark", [](std::string s) { return "\xEF\xBB\xBF" + s; }, ""},
    {"a function that is not a mapping", [](std::string s) { return replaced(s, "  fn_77:\n    description: \"Function number 77\"\n", "  fn_77: 5\n  fn_77b:\n    description: \"x\"\n"); }, ""},
};

TEST(SlowParallelLoad, ProblemsInAnyPieceAreReportedAsBySerialLoad) {
  for (const Variant& v : kVariants) {
    std::string text = v.edit(kBig);
    expect_same_parse(text, v.name, kFewPieceCounts);
    std::string diagnostics = expect_same_load({{"big.yaml", text}}, v.name, kFewPieceCounts);
    if (*v.first) {
      EXPECT_NE(diagnostics.find(v.first), std::string::npos) << v.name << "\n" << diagnostics;
    }
  }
}

TEST(ParallelLoad, UnsafeTextsAreParsedWhole) {
  // An alias, a block scalar, a document marker: the parse falls back to one piece.
  for (const char* name : {"anchor and alias", "block scalar", "document end marker"}) {
    for (const Variant& v : kVariants) {
      if (std::string(v.name) != name) continue;
      Parsed p = parse(v.edit(kBig), 0, 4);
      ASSERT_TRUE(p.doc) << name;
      EXPECT_EQ(p.doc->pieces(), 0u) << name;
    }
  }
}

TEST(ParallelLoad, SeveralFilesAndSingleWorkflowFiles) {
  std::string single = "name: Solo\nsteps:\n  - name: a\n    function: fn_1\n";
  expect_same_load({{"big.yaml", kBig}, {"solo.yaml", single}}, "two files");
  expect_same_load({{"solo.yaml", single}, {"big.yaml", replaced(kBig, "name: Flow3\n", "name: Solo\n")}}, "duplicate across files");
}

// ---------------------------------------------------------------- fixtures

std::vector<fs::path> fixtures() {
  std::vector<fs::path> files;
  auto add_dir = [&](const fs::path& dir) {
    if (!fs::is_directory(dir)) return;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml")) files.push_back(e.path());
  };
  fs::path root = restack::test::source_dir();
  add_dir(root / "examples");
  add_dir(root / "tests" / "spec");
  add_dir(root / "tests" / "golden");
  add_dir(root / "fuzz" / "corpus" / "spec_fuzzer");
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ParallelLoad, EveryFixtureLoadsTheSameOnBothPaths) {
  auto files = fixtures();
  ASSERT_GE(files.size(), 20u);
  for (const auto& f : files) {
    std::string text = restack::test::read_file(f);
    expect_same_parse(text, f.string());
    expect_same_load({{f.filename().string(), text}}, f.string());
  }
}

TEST(ParallelLoad, SharedSpecFixtures) {
  fs::path shared = restack::test::shared_dir();
  if (!fs::is_directory(shared)) GTEST_SKIP() << "no " << shared << " (a clone without ../shared)";
  size_t seen = 0;
  for (const auto& e : fs::recursive_directory_iterator(shared)) {
    if (!e.is_regular_file() || (e.path().extension() != ".yaml" && e.path().extension() != ".yml")) continue;
    std::string text = restack::test::read_file(e.path());
    expect_same_parse(text, e.path().string());
    expect_same_load({{e.path().filename().string(), text}}, e.path().string());
    ++seen;
  }
  if (seen == 0) GTEST_SKIP() << "no YAML file under " << shared;
}

}  // namespace
}  // namespace restack::spec::parallel_test
