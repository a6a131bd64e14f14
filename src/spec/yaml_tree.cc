#include "spec/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <charconv>
#include <cmath>
#include <sstream>
#include <unordered_set>

#include "spec/codes.h"
#include "spec/yaml_prescan.h"

namespace restack::spec::yaml {

// ---------------------------------------------------------------- Node

const Node* Node::get(std::string_view key) const {
  for (const auto& [k, v] : entries)
    if (k->kind == Kind::kScalar && k->value == key) return v;
  return nullptr;
}

const char* Node::kind_name() const {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kSequence: return "a list";
    case Kind::kMapping: return "a mapping";
    case Kind::kScalar: break;
  }
  if (!plain) return "a string";
  if (is_null_text(value)) return "null";
  if (as_bool(*this)) return "a boolean";
  if (as_number(*this)) return "a number";
  return "a string";
}

std::optional<bool> as_bool(const Node& n) {
  if (n.kind != Node::Kind::kScalar || !n.plain) return std::nullopt;
  const std::string& s = n.value;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

std::optional<int64_t> as_int(const Node& n) {
  if (n.kind != Node::Kind::kScalar || !n.plain || n.value.empty()) return std::nullopt;
  std::string_view s = n.value;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    base = s[1] == 'x' ? 16 : 8;
    s.remove_prefix(2);
  }
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  if (v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
}

std::optional<double> as_number(const Node& n) {
  if (auto i = as_int(n)) return static_cast<double>(*i);
  if (n.kind != Node::Kind::kScalar || !n.plain || n.value.empty()) return std::nullopt;
  const std::string& s = n.value;
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf") return INFINITY;
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return -INFINITY;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return NAN;
  // YAML 1.2 core float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  size_t digits = 0;
  while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return std::strtod(s.c_str(), nullptr);
}

nlohmann::json Node::to_json() const {
  switch (kind) {
    case Kind::kNull: return nullptr;
    case Kind::kSequence: {
      auto a = nlohmann::json::array();
      for (const Node* item : items) a.push_back(item->to_json());
      return a;
    }
    case Kind::kMapping: {
      auto o = nlohmann::json::object();
      for (const auto& [k, v] : entries)
        if (!o.contains(k->value)) o[k->value] = v->to_json();
      return o;
    }
    case Kind::kScalar: break;
  }
  if (!plain) return value;
  if (is_null_text(value)) return nullptr;
  if (auto b = as_bool(*this)) return *b;
  if (auto i = as_int(*this)) return *i;
  if (auto d = as_number(*this)) {
    if (std::isfinite(*d)) return *d;
    return value;  // JSON has no inf/nan: keep the text
  }
  return value;
}

// ---------------------------------------------------------------- building

namespace {

struct Abort {};  // a fatal limit was hit: stop parsing (already reported)

std::string readable_yaml_error(const std::string& msg) {
  struct Mapping {
    const char* from;
    const char* to;
  };
  static const Mapping kMappings[] = {
      {"illegal map value", "a `:` where no mapping value may start (quote a value that contains `: `, or fix the indentation)"},
      {"end of map not found", "this line's indentation does not fit the mapping above it"},
      {"end of sequence not found", "this line's indentation does not fit the list above it"},
      {"end of map flow not found", "unterminated flow mapping: the closing `}` is missing"},
      {"end of sequence flow not found", "unterminated flow sequence: the closing `]` is missing"},
      {"illegal block entry", "a list item `- ` where it cannot start (check the indentation)"},
      {"illegal map key", "a mapping key where it cannot start (check the indentation)"},
      {"illegal flow end", "a closing bracket without an opening one"},
      {"the referenced anchor is not defined", "the alias refers to an anchor that is not defined before it"},
      {"bad file", "the document nests too deeply"},
      {"unknown token", "unexpected characters"},
      {"illegal EOF in scalar", "the file ends inside a quoted string"},
  };
  for (const auto& m : kMappings)
    if (msg.rfind(m.from, 0) == 0) return m.to;
  return msg;
}

}  // namespace

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(Document& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node& n = make(Node::Kind::kNull, mark, anchor);
    // yaml-cpp marks an empty value (`key:` and nothing) at the next token; the key is the
    // helpful place then. An explicit `null` or `~` keeps its own position.
    std::string_view at = std::string_view(doc_.text_).substr(std::min<size_t>(n.offset, doc_.text_.size()));
    bool explicit_null = at.rfind("null", 0) == 0 || at.rfind("Null", 0) == 0 || at.rfind("NULL", 0) == 0 ||
                         at.rfind("~", 0) == 0;
    if (!explicit_null && !stack_.empty() && stack_.back().node->kind == Node::Kind::kMapping && stack_.back().key)
      n.offset = stack_.back().key->offset;
    attach(&n);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Node* target = anchor < anchors_.size() ? anchors_[anchor] : nullptr;
    if (!target) return;
    size_t offset = mark.pos < 0 ? 0 : static_cast<size_t>(mark.pos);
    for (const Frame& f : stack_)
      if (f.node == target) fatal(Code::kYamlAliasCycle, offset, alias_name(offset));
    if (static_cast<int>(stack_.size()) + target->height > kMaxDepth) fatal(Code::kYamlTooDeep, offset, kMaxDepth);
    total_ += target->expanded;
    if (total_ > kMaxExpandedNodes) fatal(Code::kYamlAliasExpansion, offset, kMaxExpandedNodes);
    attach(target, offset);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node& n = make(Node::Kind::kScalar, mark, anchor);
    n.plain = tag_is_plain(tag, n.offset);
    n.value = value;
    attach(&n);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Node::Kind::kSequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Node::Kind::kMapping, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

  const Node* root() const { return root_; }

 private:
  struct Frame {
    Node* node;
    uint64_t total_at_open;
    const Node* key = nullptr;  // mapping: the key waiting for its value
    bool drop_value = false;    // the key was bad: leave its entry out
    std::unordered_set<std::string_view> keys;
  };

  Node& make(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    Node& n = doc_.nodes_.emplace_back();
    n.kind = kind;
    n.offset = mark.pos < 0 ? 0 : static_cast<uint32_t>(mark.pos);
    if (anchor) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, nullptr);
      anchors_[anchor] = &n;
    }
    if (static_cast<int>(stack_.size()) + 1 > kMaxDepth) fatal(Code::kYamlTooDeep, n.offset, kMaxDepth);
    if (++total_ > kMaxExpandedNodes) fatal(Code::kYamlAliasExpansion, n.offset, kMaxExpandedNodes);
    return n;
  }

  void open(Node::Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    Node& n = make(kind, mark, anchor);
    tag_is_plain(tag, n.offset);
    stack_.push_back(Frame{&n, total_, nullptr, false, {}});
  }

  void close() {
    if (stack_.empty()) return;
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    Node* n = f.node;
    n->expanded = total_ - f.total_at_open + 1;
    int h = 0;
    for (const Node* c : n->items) h = std::max(h, c->height);
    for (const auto& [k, v] : n->entries) h = std::max({h, k->height, v->height});
    n->height = h + 1;
    attach(n);
  }

  // Whether a scalar with TAG is plain (resolved by the core schema); reports custom tags.
  bool tag_is_plain(const std::string& tag, uint32_t offset) {
    if (tag.empty() || tag == "?") return true;
    if (tag == "!") return false;
    static const std::string kCore = "tag:yaml.org,2002:";
    if (tag.rfind(kCore, 0) == 0) {
      std::string_view t = std::string_view(tag).substr(kCore.size());
      if (t == "str") return false;
      if (t == "int" || t == "float" || t == "bool" || t == "null" || t == "map" || t == "seq") return true;
    }
    std::string shown = tag.rfind(kCore, 0) == 0 ? "!!" + tag.substr(kCore.size()) : tag;
    report(sink_, Code::kYamlCustomTag, doc_.locate_offset(offset), shown);
    return true;
  }

  void attach(const Node* n, std::optional<size_t> alias_offset = std::nullopt) {
    if (stack_.empty()) {
      root_ = n;
      return;
    }
    Frame& f = stack_.back();
    if (f.node->kind == Node::Kind::kSequence) {
      f.node->items.push_back(n);
      return;
    }
    if (f.key) {
      if (!f.drop_value) f.node->entries.emplace_back(f.key, n);
      f.key = nullptr;
      f.drop_value = false;
      return;
    }
    // A key. A bad one is reported here and its entry left out of the tree, so that later
    // passes neither trip over it nor report it twice.
    f.key = n;
    f.drop_value = true;
    size_t where = alias_offset.value_or(n->offset);
    if (n->kind != Node::Kind::kScalar) {
      report(sink_, Code::kYamlComplexKey, doc_.locate_offset(where), n->kind_name());
      return;
    }
    if (n->plain && n->value == "<<") {
      report(sink_, Code::kYamlMergeKey, doc_.locate_offset(where));
      return;
    }
    if (!f.keys.insert(n->value).second) {
      const Node* first = nullptr;
      for (const auto& [k, v] : f.node->entries)
        if (k->kind == Node::Kind::kScalar && k->value == n->value) first = k;
      auto& d = report(sink_, Code::kYamlDuplicateKey, doc_.locate_offset(where), n->value);
      if (first) add_note(d, "first defined here", doc_.locate(first));
      return;
    }
    f.drop_value = false;
  }

  std::string alias_name(size_t offset) const {
    std::string_view t = doc_.text_;
    size_t i = offset + 1, e = i;
    while (e < t.size() && !isspace(static_cast<unsigned char>(t[e])) && t[e] != ',' && t[e] != ']' && t[e] != '}') ++e;
    return std::string(t.substr(i < t.size() ? i : t.size(), e > i ? e - i : 0));
  }

  template <typename... Args>
  [[noreturn]] void fatal(Code code, size_t offset, const Args&... args) {
    report(sink_, code, doc_.locate_offset(offset), args...);
    throw Abort{};
  }

  Document& doc_;
  DiagnosticSink& sink_;
  std::vector<Frame> stack_;
  std::vector<const Node*> anchors_;
  uint64_t total_ = 0;
  const Node* root_ = nullptr;
};

std::unique_ptr<Document> parse_document(std::string text, std::string file, DiagnosticSink& sink) {
  auto doc = std::make_unique<Document>();
  doc->file_ = std::move(file);
  if (text.size() > kMaxFileBytes) {
    report(sink, Code::kFileTooLarge, SourceLocation{doc->file_, 0, 0});
    return nullptr;
  }
  doc->text_ = std::move(text);
  doc->lines_ = LineIndex(doc->text_);
  if (size_t bad = first_invalid_utf8(doc->text_); bad != std::string_view::npos) {
    report(sink, Code::kInvalidUtf8, doc->locate_offset(bad));
    return nullptr;
  }
  if (!prescan_yaml(doc->text_, doc->lines_, doc->file_, sink)) return nullptr;

  std::istringstream in(doc->text_);
  TreeBuilder builder(*doc, sink);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) {
      doc->root_ = builder.root();
      // A second document: look for its start (yaml-cpp has no event for the `---` itself).
      struct Probe : YAML::EventHandler {
        size_t offset = SIZE_MAX;
        void note(const YAML::Mark& m) {
          if (offset == SIZE_MAX && m.pos >= 0) offset = static_cast<size_t>(m.pos);
        }
        void OnDocumentStart(const YAML::Mark& m) override { note(m); }
        void OnDocumentEnd() override {}
        void OnNull(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
        void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
        void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { note(m); }
        void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { note(m); throw Abort{}; }
        void OnSequenceEnd() override {}
        void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { note(m); throw Abort{}; }
        void OnMapEnd() override {}
      } probe;
      bool second = false;
      try {
        second = parser.HandleNextDocument(probe);
      } catch (const Abort&) {
        second = true;
      } catch (const YAML::Exception& e) {
        second = true;
        if (probe.offset == SIZE_MAX && e.mark.pos >= 0) probe.offset = static_cast<size_t>(e.mark.pos);
      }
      if (second) {
        size_t at = probe.offset == SIZE_MAX ? doc->text_.size() : probe.offset;
        auto& d = report(sink, Code::kYamlMultipleDocuments, doc->locate_offset(at));
        if (doc->text_.compare(at, 3, "---") != 0)
          add_note(d, "if no second document was meant, this line's indentation does not fit the structure above it");
      }
    }
  } catch (const Abort&) {
    return nullptr;
  } catch (const YAML::Exception& e) {
    size_t at = e.mark.pos < 0 ? doc->text_.size() : static_cast<size_t>(e.mark.pos);
    report(sink, Code::kYamlSyntax, doc->locate_offset(at), readable_yaml_error(e.msg));
    return nullptr;
  }
  // Bad keys and tags were reported and left out; the rest of the tree is still worth checking.
  return doc;
}

}  // namespace restack::spec::yaml
