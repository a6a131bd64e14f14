#pragma once
// Builds the Node tree (yaml_tree.h) for the parser and enforces the contract's YAML rules as
// nodes are made: nesting depth, alias expansion limit and alias cycles (fatal: reported, then
// TreeBuilder::Abort is thrown), custom tags, merge keys, non-string and duplicate keys
// (reported; the bad entry is left out so later passes neither trip over it nor repeat it).
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/diagnostic.h"
#include "spec/codes.h"
#include "spec/name_index.h"
#include "spec/yaml_tree.h"

namespace restack::spec::yaml {

/// `&anchor` and `!tag` written before a node, as they appear in the text.
struct Properties {
  std::string_view anchor;
  std::string_view tag;
  size_t offset = SIZE_MAX;  // where the first property starts; SIZE_MAX: none

  bool empty() const { return offset == SIZE_MAX; }
};

/// The keys of one mapping under construction, for duplicate detection. Small mappings (the
/// usual case) are searched linearly through their entries without allocating; a hash index
/// is built once a mapping grows past a few dozen keys.
class KeyIndex {
 public:
  /// The key equal to KEY among EARLIER (the mapping's entries so far, the same growing list
  /// at every call), or null (then KEY counts as seen).
  const Node* find_or_add(std::span<const Node::Entry> earlier, const Node* key);

 private:
  NameIndex<const Node*> index_;  // filled once the mapping has kLinearKeySearch keys
};

class TreeBuilder {
 public:
  struct Abort {};  // a fatal limit was hit and reported: stop parsing

  TreeBuilder(Document& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}

  /// Starts a mapping or sequence at OFFSET; its children follow until close().
  Node* open(Node::Kind kind, size_t offset, const Properties& props);
  void close(Node* collection);
  /// A scalar; PLAIN_STYLE: written without quotes or block indicator (so the core schema
  /// resolves it, unless a tag says otherwise). An untagged plain null spelling gives a null.
  const Node* scalar(size_t offset, std::string_view value, bool plain_style, const Properties& props);
  /// scalar() for a node without anchor or tag (nearly every node of a spec), inline: the
  /// same node and checks; at a limit it leaves the report to scalar().
  const Node* untagged_scalar(size_t offset, std::string_view value, bool plain_style) {
    if (open_.size() + 1 > static_cast<size_t>(kMaxDepth) || total_ + 1 > kMaxExpandedNodes)
      return scalar(offset, value, plain_style, {});
    ++total_;
    bool null = plain_style && Node::is_null_text(value);  // an untagged plain null spelling
    Node& n = doc_.nodes_.emplace_back();
    n.kind = null ? Node::Kind::kNull : Node::Kind::kScalar;
    n.offset = static_cast<uint32_t>(offset);
    if (null) return &n;
    n.plain = plain_style;
    n.value = value;
    return &n;
  }
  /// An empty node (`key:` with nothing after it).
  const Node* empty(size_t offset, const Properties& props);
  /// The node anchored as NAME; throws SyntaxError when there is none.
  const Node* alias(size_t offset, std::string_view name);

  /// Adds ITEM to SEQUENCE, the innermost collection open.
  void add_item([[maybe_unused]] Node* sequence, const Node* item) {
    assert(!open_.empty() && open_.back().node == sequence);
    pending_items_.push_back(item);
  }
  /// Adds KEY: VALUE to MAP, the innermost collection open, unless the key is bad (reported
  /// at KEY_OFFSET).
  void add_entry(Node* map, const Node* key, const Node* value, size_t key_offset, KeyIndex& keys);

  /// Nodes made so far, aliases counted expanded (what the expansion limit counts).
  uint64_t nodes() const { return total_; }
  /// Whether an alias was read (a piece of a text parsed in pieces cannot resolve one).
  bool saw_alias() const { return saw_alias_; }

 private:
  Node& make(Node::Kind kind, size_t offset, const Properties& props);
  bool tag_is_plain(std::string_view tag, size_t offset, bool plain_style);
  template <typename... Args>
  [[noreturn]] void fatal(Code code, size_t offset, const Args&... args);

  Document& doc_;
  DiagnosticSink& sink_;
  struct Open {
    Node* node;
    uint64_t total_at_open;  // total_ when it opened
    size_t first_child;      // where its children start in pending_items_ / pending_entries_
  };
  std::vector<Open> open_;  // collections being built, outermost first
  // The children of the open collections, innermost last (a child collection is closed before
  // its parent takes another child): close() copies a collection's run into the document's
  // ChildArena and drops it.
  std::vector<const Node*> pending_items_;
  std::vector<Node::Entry> pending_entries_;
  std::unordered_map<std::string_view, const Node*> anchors_;
  uint64_t total_ = 0;  // nodes so far, aliases counted expanded
  bool saw_alias_ = false;
};

}  // namespace restack::spec::yaml
