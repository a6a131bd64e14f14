#pragma once
// The structural half of our YAML parser: recursive descent over the Scanner's characters,
// deciding block mappings and sequences from indentation and flow collections from brackets,
// and handing every node to the TreeBuilder. It covers YAML 1.2 as specs and data files use
// it (see docs/spec.md "YAML"): block and flow collections, all scalar styles, comments,
// anchors/aliases, tags, explicit `? ` keys, `---`/`...` markers and a byte order mark.
//
// Recursion is bounded: the builder refuses nesting past kMaxDepth before the parser descends.
#include <string>

#include "spec/yaml_builder.h"
#include "spec/yaml_scanner.h"

namespace restack::spec::yaml {

class Parser {
 public:
  Parser(Scanner& scanner, TreeBuilder& builder) : s_(scanner), b_(builder) {}

  /// Parses one document (after directives and an optional `---`) up to its end: the end of
  /// the text, a `...` marker (consumed), or whatever cannot belong to it (a second `---`, or
  /// a line indented less than the root collection), where the scanner is left.
  /// Throws SyntaxError, or TreeBuilder::Abort after a reported limit.
  const Node* parse_document();
  /// Whether a block scalar (`|`, `>`) was read: a text parsed in pieces must not have one.
  bool saw_block_scalar() const { return saw_block_scalar_; }

 private:
  // Where a block node appears, which decides what may start on the current line.
  enum class Context {
    kTop,       // the document's root
    kCompact,   // after `- `, `? ` or an explicit `: `: a collection may start on this line
    kMapValue,  // after `key:`: only a scalar or flow collection on the same line
  };

  /// A node on one line that may turn out to be the first key of a block mapping: scanned,
  /// but (for scalars and aliases) made into a node only once that is decided, so that the
  /// mapping is built before its key.
  struct Candidate {
    enum class Kind { kPlain, kQuoted, kAlias, kNode } kind = Kind::kPlain;
    size_t offset = 0;  // where the token (or its properties) starts
    std::string_view value;  // scalar text or alias name (a view: see Node::value)
    const Node* node = nullptr;  // kNode: a flow collection, already built
    Properties props;
  };

  const Node* block_node(int parent_indent, Context ctx, size_t empty_offset);
  /// The node whose first token (after properties TOKEN_PROPS) is at the cursor; COLUMN is
  /// where its line's content starts (a block mapping's keys align there).
  const Node* block_content(int parent_indent, Context ctx, bool same_line, int column, const Properties& node_props,
                            const Properties& token_props);
  const Node* block_sequence(int column, const Properties& props);
  const Node* block_mapping(int column, const Properties& props, Candidate* first_key);
  /// After a block mapping's `key:` (the cursor just past the colon), the usual value: a
  /// plain or double-quoted scalar on the key's line that ends it. Builds exactly the node
  /// block_node would; returns null, the cursor unmoved, for anything else (properties, a
  /// comment, a collection, a line to report...), which block_node then reads (and reports).
  const Node* inline_scalar_value(int column);
  /// Properties on the current line (the cursor is on `&` or `!`), blanks after them skipped.
  Properties properties(bool flow);
  Candidate candidate(bool flow, const Properties& props);
  const Node* commit(Candidate& c);
  /// After a key candidate: whether `:` follows as a mapping value indicator (cursor left on it).
  bool at_value_indicator(bool flow, bool json_like);

  const Node* flow_node();
  const Node* flow_sequence(const Properties& props);
  const Node* flow_mapping(const Properties& props);
  /// One `key: value` (or `? key : value`) into MAP: a flow mapping, or the single-pair
  /// mapping of `[? a : b]` (IN_SEQUENCE: `]` also ends the value).
  void flow_entry(Node* map, KeyIndex& keys, bool in_sequence);
  void skip_flow_space();
  void check_plain_start(bool flow) const;
  [[noreturn]] void fail(size_t offset, std::string message) const;

  Scanner& s_;
  TreeBuilder& b_;
  bool saw_block_scalar_ = false;
};

}  // namespace restack::spec::yaml
