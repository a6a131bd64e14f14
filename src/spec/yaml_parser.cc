#include "spec/yaml_parser.h"

#include <array>

#include "spec/codes.h"
#include "spec/yaml_pieces.h"
#include "spec/yaml_prescan.h"

namespace restack::spec::yaml {

namespace {

constexpr const char* kMisplacedColon =
    "a `:` where no mapping value may start (quote a value that contains `: `, or fix the indentation)";

constexpr const char* kMultiLineKey = "a mapping key must fit on one line (use `? ` for a longer key)";

constexpr const char* kKeyWithoutColon =
    "expected `key: value` here: a key without its `:`, or a value indented like a key";

bool is_indicator_with_blank(const Scanner& s, char c) { return s.peek() == c && s.blank_or_end_at(1); }

// Bytes that start a plain scalar whatever follows them: no indicator (`-?:,[]{}#&*!|>'"%@``),
// blank or break. Non-ASCII bytes are letters (the text is valid UTF-8).
constexpr std::array<bool, 256> kSimplePlainStart = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  for (unsigned char c : std::string_view("_./$(~=<^+;")) t[c] = true;
  return t;
}();

bool is_simple_plain_start(char c) { return kSimplePlainStart[static_cast<unsigned char>(c)]; }

}  // namespace

void Parser::fail(size_t offset, std::string message) const { throw SyntaxError{offset, std::move(message)}; }

// ---------------------------------------------------------------- document

const Node* Parser::parse_document() {
  s_.skip_to_token();
  bool directives = false;
  while (s_.peek() == '%' && s_.column() == 0) {  // %YAML / %TAG: nothing we need from them
    while (!s_.at_end() && !is_break(s_.peek())) s_.advance();
    s_.skip_to_token();
    directives = true;
  }
  if (s_.at_document_marker() && s_.peek() == '-') s_.advance(3);
  else if (directives) fail(s_.pos(), "directives (`%...` lines) must be followed by `---`");
  const Node* root = block_node(-1, Context::kTop, s_.pos());
  s_.skip_to_token();
  if (s_.at_document_marker() && s_.peek() == '.') {
    s_.advance(3);
    s_.skip_to_token();
  }
  return root;
}

// ---------------------------------------------------------------- block context

const Node* Parser::block_node(int parent_indent, Context ctx, size_t empty_offset) {
  bool same_line = !s_.skip_to_token();
  Properties node_props;  // properties ending their line belong to the node on the next lines
  for (;;) {
    // A node on a later line must be indented past its parent; a list under a key may sit at
    // the key's own column ("indentless" sequence).
    bool fits = !s_.at_end() && !s_.at_document_marker() &&
                (same_line || s_.column() > parent_indent ||
                 (ctx == Context::kMapValue && s_.column() == parent_indent && is_indicator_with_blank(s_, '-')));
    if (!fits) return b_.empty(empty_offset, node_props);
    int column = s_.column();
    char c = s_.peek();
    if (c != '&' && c != '!') return block_content(parent_indent, ctx, same_line, column, node_props, {});
    Properties props = properties(false);
    if (!s_.skip_blanks_and_comment())
      return block_content(parent_indent, ctx, same_line, column, node_props, props);
    if (!node_props.empty()) fail(props.offset, "a node has properties (`&anchor`, `!tag`) on two lines; write them together");
    node_props = props;
    same_line = !s_.skip_to_token();
  }
}

const Node* Parser::block_content(int parent_indent, Context ctx, bool same_line, int column,
                                  const Properties& node_props, const Properties& token_props) {
  size_t start = s_.pos();
  char c = s_.peek();
  bool inline_value = same_line && ctx == Context::kMapValue;  // right after `key:` on its line
  // Properties of a value: those on earlier lines and those right before it, together.
  Properties props = node_props.empty() ? token_props : node_props;
  if (!node_props.empty() && !token_props.empty()) {
    if (!token_props.anchor.empty()) props.anchor = token_props.anchor;
    if (!token_props.tag.empty()) props.tag = token_props.tag;
  }

  if ((c == '-' || c == '?' || c == ':') && s_.blank_or_end_at(1)) {
    if (inline_value)
      fail(start, c == '-' ? "a list item `- ` cannot start on the same line as its key; start the list on the next line"
                           : std::string("`") + c + " ` cannot start on the same line as a key; put it on the next line");
    if (!token_props.empty())
      fail(token_props.offset, "properties (`&anchor`, `!tag`) before a block collection must end their line");
    if (c == '-') return block_sequence(column, node_props);
    return block_mapping(column, node_props, nullptr);
  }
  if (c == '|' || c == '>') {
    saw_block_scalar_ = true;
    return b_.scalar(start, s_.scan_block_scalar(parent_indent), false, props);
  }

  // Anything else fits on a line (flow collections and quoted scalars may span lines) and may
  // be the first key of a block mapping, which the `: ` after it tells.
  bool collection = c == '[' || c == '{';
  size_t line_start = s_.mark().line_start;
  Candidate cand = candidate(false, collection ? props : token_props);
  Scanner::Mark after = s_.mark();
  if (at_value_indicator(false, cand.kind != Candidate::Kind::kPlain)) {
    if (inline_value) fail(s_.pos(), kMisplacedColon);
    if (after.line_start != line_start) fail(cand.offset, kMultiLineKey);
    return block_mapping(column, node_props, &cand);
  }
  s_.reset(after);
  if (cand.kind == Candidate::Kind::kPlain) s_.continue_plain(cand.value, false, parent_indent + 1);
  if (!collection) {
    cand.props = props;
    if (!props.empty()) cand.offset = props.offset;
  }
  const Node* node = commit(cand);
  if (!s_.skip_blanks_and_comment()) {
    if (s_.peek() == ':') fail(s_.pos(), kMisplacedColon);
    fail(s_.pos(), "unexpected text after the value (quote a value that contains special characters)");
  }
  return node;
}

const Node* Parser::block_sequence(int column, const Properties& props) {
  Node* seq = b_.open(Node::Kind::kSequence, s_.pos(), props);
  for (;;) {
    size_t dash = s_.pos();
    s_.advance();
    b_.add_item(seq, block_node(column, Context::kCompact, dash));
    s_.skip_to_token();
    if (s_.at_end() || s_.at_document_marker() || s_.column() < column) break;
    if (s_.column() > column) fail(s_.pos(), "this line's indentation does not fit the list above it");
    if (!is_indicator_with_blank(s_, '-')) break;  // the mapping around an indentless list goes on
  }
  b_.close(seq);
  return seq;
}

const Node* Parser::block_mapping(int column, const Properties& props, Candidate* first_key) {
  Node* map = b_.open(Node::Kind::kMapping, first_key ? first_key->offset : s_.pos(), props);
  KeyIndex keys;
  for (;;) {
    const Node* key;
    const Node* value;
    size_t key_offset;
    if (first_key) {  // scanned by the caller, the cursor on its `:`
      key_offset = first_key->offset;
      key = commit(*first_key);
      first_key = nullptr;
      s_.advance();
      value = inline_scalar_value(column);
      if (!value) value = block_node(column, Context::kMapValue, key_offset);
    } else if (is_indicator_with_blank(s_, '?')) {  // explicit key, value on a `: ` line
      key_offset = s_.pos();
      s_.advance();
      key = block_node(column, Context::kCompact, key_offset);
      if (key->kind != Node::Kind::kNull) key_offset = key->offset;  // where yaml-cpp placed it
      s_.skip_to_token();
      if (!s_.at_end() && !s_.at_document_marker() && s_.column() == column && is_indicator_with_blank(s_, ':')) {
        size_t colon = s_.pos();
        s_.advance();
        value = block_node(column, Context::kCompact, colon);
      } else {
        value = b_.empty(key_offset, {});
      }
    } else if (is_indicator_with_blank(s_, ':')) {  // an empty key
      key_offset = s_.pos();
      key = b_.empty(key_offset, {});
      s_.advance();
      value = block_node(column, Context::kMapValue, key_offset);
    } else if (is_simple_plain_start(s_.peek())) {
      // A plain key, the usual case: what candidate() and commit() below do for it.
      key_offset = s_.pos();
      std::string_view text = s_.scan_plain_line(false);
      if (!at_value_indicator(false, false)) fail(key_offset, kKeyWithoutColon);
      key = b_.untagged_scalar(key_offset, text, true);
      s_.advance();
      value = inline_scalar_value(column);
      if (!value) value = block_node(column, Context::kMapValue, key_offset);
    } else {
      Properties key_props;
      if (s_.peek() == '&' || s_.peek() == '!') key_props = properties(false);
      size_t line_start = s_.mark().line_start;
      Candidate cand = candidate(false, key_props);
      if (!at_value_indicator(false, cand.kind != Candidate::Kind::kPlain)) fail(cand.offset, kKeyWithoutColon);
      if (s_.mark().line_start != line_start) fail(cand.offset, kMultiLineKey);
      key_offset = cand.offset;
      key = commit(cand);
      s_.advance();
      value = inline_scalar_value(column);
      if (!value) value = block_node(column, Context::kMapValue, key_offset);
    }
    b_.add_entry(map, key, value, key_offset, keys);
    s_.skip_to_token();
    if (s_.at_end() || s_.at_document_marker() || s_.column() < column) break;
    if (s_.column() > column) fail(s_.pos(), "this line's indentation does not fit the mapping above it");
    if (is_indicator_with_blank(s_, '-'))
      fail(s_.pos(), "a list item `- ` where a mapping key was expected (check the indentation)");
  }
  b_.close(map);
  return map;
}

const Node* Parser::inline_scalar_value(int column) {
  // Most lines of a spec are `key: value`: this skips block_node's and block_content's
  // checks and candidate, none of which can apply to these values.
  Scanner::Mark start = s_.mark();
  while (is_blank(s_.peek())) s_.advance();
  size_t offset = s_.pos();
  char c = s_.peek();
  std::string_view value;
  bool plain = c != '"';
  if (plain) {
    if (!is_simple_plain_start(c)) {
      s_.reset(start);
      return nullptr;
    }
    value = s_.scan_plain_line(false);
    // `: ` after it (an error block_content reports) ends the plain text, and fails the
    // end-of-line test below, as does anything else after the value on its line.
    if (!s_.next_line_ends_plain(column + 1)) s_.continue_plain(value, false, column + 1);
  } else {
    value = s_.scan_double_quoted();
  }
  if (!s_.skip_blanks_and_comment()) {
    s_.reset(start);
    return nullptr;
  }
  return b_.untagged_scalar(offset, value, plain);
}

// ---------------------------------------------------------------- shared pieces

Properties Parser::properties(bool flow) {
  Properties p;
  p.offset = s_.pos();
  for (;;) {
    char c = s_.peek();
    if (c == '&') {
      if (!p.anchor.empty()) fail(s_.pos(), "a node can have only one anchor");
      p.anchor = s_.scan_anchor_name();
    } else if (c == '!') {
      if (!p.tag.empty()) fail(s_.pos(), "a node can have only one tag");
      p.tag = s_.scan_tag();
    } else {
      return p;
    }
    if (flow) s_.skip_to_token();
    else
      while (is_blank(s_.peek())) s_.advance();
  }
}

Parser::Candidate Parser::candidate(bool flow, const Properties& props) {
  Candidate c;
  c.props = props;
  c.offset = props.empty() ? s_.pos() : props.offset;
  switch (s_.peek()) {
    case '[':
      c.kind = Candidate::Kind::kNode;
      c.node = flow_sequence(props);
      break;
    case '{':
      c.kind = Candidate::Kind::kNode;
      c.node = flow_mapping(props);
      break;
    case '"':
      c.kind = Candidate::Kind::kQuoted;
      c.value = s_.scan_double_quoted();
      break;
    case '\'':
      c.kind = Candidate::Kind::kQuoted;
      c.value = s_.scan_single_quoted();
      break;
    case '*':
      if (!props.empty()) fail(props.offset, "an alias cannot have an anchor or a tag");
      c.kind = Candidate::Kind::kAlias;
      c.value = s_.scan_anchor_name();
      break;
    default:
      check_plain_start(flow);
      c.kind = Candidate::Kind::kPlain;
      c.value = s_.scan_plain_line(flow);
  }
  return c;
}

const Node* Parser::commit(Candidate& c) {
  switch (c.kind) {
    case Candidate::Kind::kPlain: return b_.scalar(c.offset, c.value, true, c.props);
    case Candidate::Kind::kQuoted: return b_.scalar(c.offset, c.value, false, c.props);
    case Candidate::Kind::kAlias: return b_.alias(c.offset, c.value);
    case Candidate::Kind::kNode: break;
  }
  return c.node;
}

bool Parser::at_value_indicator(bool flow, bool json_like) {
  while (is_blank(s_.peek())) s_.advance();
  if (s_.peek() != ':') return false;
  // After a quoted key or a flow collection ("JSON-like"), flow context allows `"a":1`.
  if (flow && json_like) return true;
  return s_.blank_or_end_at(1) || (flow && is_flow_indicator(s_.peek(1)));
}

void Parser::check_plain_start(bool flow) const {
  char c = s_.peek();
  auto shown = [c] { return std::string(1, c); };  // only for messages
  switch (c) {
    case '-':
    case '?':
    case ':':
      if (s_.blank_or_end_at(1) || (flow && is_flow_indicator(s_.peek(1))))
        fail(s_.pos(), flow ? "`" + shown() + " ` cannot appear inside [ ] or { } (separate entries with commas)"
                            : "unexpected `" + shown() + " `");
      return;
    case ',':
    case ']':
    case '}':
    case '#':
      fail(s_.pos(), flow ? "unexpected `" + shown() + "`" : "unexpected `" + shown() + "`; quote a value that starts with it");
    case '|':
    case '>':
      fail(s_.pos(), "block scalars (`|`, `>`) cannot appear inside [ ] or { }");
    case '@':
    case '`':
    case '%':
      fail(s_.pos(), "`" + shown() + "` cannot start a plain value (YAML reserves it); quote the value");
    default:
      return;
  }
}

// ---------------------------------------------------------------- flow context

void Parser::skip_flow_space() { s_.skip_to_token(); }

const Node* Parser::flow_node() {
  skip_flow_space();
  Properties props;
  if (s_.peek() == '&' || s_.peek() == '!') props = properties(true);
  if (s_.at_end()) fail(s_.pos(), "the file ends inside a flow collection");
  char c = s_.peek();
  if (c == ',' || c == ']' || c == '}' || (c == ':' && (s_.blank_or_end_at(1) || is_flow_indicator(s_.peek(1)))))
    return b_.empty(props.empty() ? s_.pos() : props.offset, props);
  Candidate cand = candidate(true, props);
  if (cand.kind == Candidate::Kind::kPlain) s_.continue_plain(cand.value, true, 0);
  return commit(cand);
}

const Node* Parser::flow_sequence(const Properties& props) {
  size_t open = s_.pos();
  Node* seq = b_.open(Node::Kind::kSequence, open, props);
  s_.advance();
  for (;;) {
    skip_flow_space();
    if (s_.at_end()) fail(open, "unterminated flow sequence: the closing `]` is missing");
    if (s_.peek() == ']') {
      s_.advance();
      break;
    }
    if (s_.peek() == ',') fail(s_.pos(), "an empty entry in a flow sequence (two commas, or a comma first)");
    // `[a: 1]` and `[? a : 1]` are single-pair mappings.
    if (is_indicator_with_blank(s_, '?')) {
      Node* pair = b_.open(Node::Kind::kMapping, s_.pos(), {});
      KeyIndex keys;
      flow_entry(pair, keys, true);
      b_.close(pair);
      b_.add_item(seq, pair);
    } else {
      size_t item_offset = s_.pos();
      bool json_like = s_.peek() == '"' || s_.peek() == '\'' || s_.peek() == '[' || s_.peek() == '{';
      const Node* item = flow_node();
      skip_flow_space();
      if (at_value_indicator(true, json_like)) {
        // Known only after the key was built, so the pair's node count leaves the key out;
        // that only loosens the alias-expansion limit by one node per pair.
        Node* pair = b_.open(Node::Kind::kMapping, item_offset, {});
        s_.advance();
        skip_flow_space();
        bool none = s_.peek() == ',' || s_.peek() == ']';
        const Node* value = none ? b_.empty(item_offset, {}) : flow_node();
        KeyIndex keys;
        b_.add_entry(pair, item, value, item_offset, keys);
        b_.close(pair);
        item = pair;
      }
      b_.add_item(seq, item);
    }
    skip_flow_space();
    if (s_.peek() == ',') s_.advance();
    else if (s_.peek() != ']' && !s_.at_end()) fail(s_.pos(), "expected `,` or `]` in the flow sequence");
  }
  b_.close(seq);
  return seq;
}

const Node* Parser::flow_mapping(const Properties& props) {
  size_t open = s_.pos();
  Node* map = b_.open(Node::Kind::kMapping, open, props);
  s_.advance();
  KeyIndex keys;
  for (;;) {
    skip_flow_space();
    if (s_.at_end()) fail(open, "unterminated flow mapping: the closing `}` is missing");
    if (s_.peek() == '}') {
      s_.advance();
      break;
    }
    if (s_.peek() == ',') fail(s_.pos(), "an empty entry in a flow mapping (two commas, or a comma first)");
    flow_entry(map, keys, false);
    skip_flow_space();
    if (s_.peek() == ',') s_.advance();
    else if (s_.peek() != '}' && !s_.at_end()) fail(s_.pos(), "expected `,` or `}` in the flow mapping");
  }
  b_.close(map);
  return map;
}

void Parser::flow_entry(Node* map, KeyIndex& keys, bool in_sequence) {
  if (is_indicator_with_blank(s_, '?')) s_.advance();  // an explicit key is read like any other
  skip_flow_space();
  size_t key_offset = s_.pos();
  char first = s_.peek();
  bool json_like = first == '"' || first == '\'' || first == '[' || first == '{';
  const Node* key = flow_node();
  skip_flow_space();
  const Node* value;
  if (at_value_indicator(true, json_like)) {
    s_.advance();
    skip_flow_space();
    char c = s_.peek();
    bool none = c == ',' || c == '}' || (in_sequence && c == ']');
    value = none ? b_.empty(key_offset, {}) : flow_node();
  } else {
    value = b_.empty(key_offset, {});
  }
  b_.add_entry(map, key, value, key_offset, keys);
}

// ---------------------------------------------------------------- entry point

struct DocumentLoader {
  // A document named FILE over OWN_TEXT (moved in) or, when that is empty, over VIEW.
  static std::unique_ptr<Document> load(std::string own_text, std::string_view view, std::string file,
                                        DiagnosticSink& sink, const ParseOptions& options) {
    auto doc = std::make_unique<Document>();
    doc->file_ = FileName(std::move(file));
    if (own_text.size() > kMaxFileBytes || view.size() > kMaxFileBytes) {
      report(sink, Code::kFileTooLarge, SourceLocation{doc->file(), 0, 0});
      return nullptr;
    }
    if (!own_text.empty()) {
      doc->own_text_ = std::move(own_text);
      doc->text_ = doc->own_text_;
    } else {
      doc->text_ = view;
    }
    return parse(std::move(doc), sink, options);
  }

  static std::unique_ptr<Document> parse(std::unique_ptr<Document> doc, DiagnosticSink& sink, const ParseOptions& options) {
    doc->lines_ = LineIndex(doc->text_);
    // The line index saw whether the text is ASCII: only a text that is not needs the check.
    size_t bad = doc->lines_.ascii() ? std::string_view::npos : first_invalid_utf8(doc->text_);
    if (bad != std::string_view::npos) {
      report(sink, Code::kInvalidUtf8, doc->locate_offset(bad));
      return nullptr;
    }
    // A large text on two threads when that is sure to give this very tree (the prescan then
    // runs beside the pieces); when not, or when the YAML has a problem (whose report must be
    // the one the whole parse below makes), whole.
    auto prescan = [&] { return prescan_yaml(doc->text_, doc->lines_, doc->file(), sink); };
    PiecesOutcome outcome = PiecesOutcome::kNotTried;
    if (doc->text_.size() >= options.parallel_min_bytes) outcome = parse_in_pieces(*doc, options, prescan);
    if (outcome == PiecesOutcome::kParsed) return doc;
    if (outcome == PiecesOutcome::kPrescanFailed) return nullptr;
    if (outcome == PiecesOutcome::kNotTried && !prescan()) return nullptr;

    Scanner scanner(doc->text_, doc->strings_);
    TreeBuilder builder(*doc, sink);
    try {
      doc->root_ = Parser(scanner, builder).parse_document();
      if (!scanner.at_end()) {
        size_t at = scanner.pos();
        auto& d = report(sink, Code::kYamlMultipleDocuments, doc->locate_offset(at));
        if (doc->text_.compare(at, 3, "---") != 0)
          add_note(d, "if no second document was meant, this line's indentation does not fit the structure above it");
      }
    } catch (const TreeBuilder::Abort&) {
      return nullptr;
    } catch (const SyntaxError& e) {
      report(sink, Code::kYamlSyntax, doc->locate_offset(e.offset), e.message);
      return nullptr;
    }
    // Bad keys and tags were reported and left out; the rest of the tree is still worth checking.
    return doc;
  }
};

std::unique_ptr<Document> parse_document(std::string text, std::string file, DiagnosticSink& sink) {
  return DocumentLoader::load(std::move(text), {}, std::move(file), sink, {});
}

std::unique_ptr<Document> parse_document_view(std::string_view text, std::string file, DiagnosticSink& sink,
                                              const ParseOptions& options) {
  return DocumentLoader::load({}, text, std::move(file), sink, options);
}

}  // namespace restack::spec::yaml
