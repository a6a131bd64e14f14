#pragma once
// The YAML document as a small tree of our own, built by our parser (yaml_parser.h, with
// yaml_scanner.h and yaml_builder.h). Building it ourselves is what lets the loader enforce
// the contract's YAML rules while parsing: duplicate keys, merge keys, custom tags, nesting depth, alias
// expansion limits and alias cycles. An alias is the very node it names (the tree is a DAG),
// so nothing is ever copied; each node also knows its expanded size and height, so walks over
// the tree are bounded by the limits checked here.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.h"
#include "spec/loc.h"
#include "spec/source_text.h"

namespace restack::spec {
class TwoThreads;  // two_threads.h
}  // namespace restack::spec

namespace restack::spec::yaml {

inline constexpr int kMaxDepth = 64;
inline constexpr uint64_t kMaxExpandedNodes = 1'000'000;
inline constexpr size_t kMaxFileBytes = 16u << 20;

class TreeBuilder;  // yaml_builder.h
struct PieceLoader;  // yaml_pieces.cc

// 40 bytes, small fields first: a 2 MB spec has some 200,000 nodes. A collection's children
// are one array in the document's ChildArena (copied there whole when the collection closes),
// not a std::vector per node: no allocation per mapping, no slack, nothing to free node by node.
struct Node {
  enum class Kind : uint8_t { kNull, kScalar, kSequence, kMapping };
  using Entry = std::pair<const Node*, const Node*>;  // a mapping's key and value
  Kind kind = Kind::kNull;
  bool plain = false;  // a plain scalar (may be null/bool/number); false: quoted, block or !!str
  uint16_t height = 1;  // nesting levels with aliases expanded (at most about kMaxDepth)
  uint32_t offset = 0;  // byte offset where the node (or its tag/anchor) starts
  /// Scalar text. It views the document's text when the value is written as is (plain
  /// scalars on one line, quoted scalars without escapes or line breaks: nearly all of a
  /// spec), else the document's string store; either way the Document owns the bytes, and a
  /// Node never outlives its Document.
  std::string_view value;

 private:
  friend class TreeBuilder;
  friend struct PieceLoader;
  const void* children_ = nullptr;  // const Node* const[] (sequence) or Entry[] (mapping)
  uint32_t count_ = 0;              // children_'s length
  template <typename T>
  void set_children(std::span<const T> array) {  // an array in the document's ChildArena
    children_ = array.data();
    count_ = static_cast<uint32_t>(array.size());
  }

 public:
  uint32_t expanded = 1;  // node count with aliases expanded (at most kMaxExpandedNodes)

  /// A sequence's items; empty for any other kind.
  std::span<const Node* const> items() const {
    if (kind != Kind::kSequence) return {};
    return {static_cast<const Node* const*>(children_), count_};
  }
  /// A mapping's entries, in the order written; empty for any other kind.
  std::span<const Entry> entries() const {
    if (kind != Kind::kMapping) return {};
    return {static_cast<const Entry*>(children_), count_};
  }

  bool is_null() const { return kind == Kind::kNull || (kind == Kind::kScalar && plain && is_null_text(value)); }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_mapping() const { return kind == Kind::kMapping; }
  /// The value of mapping key KEY, or null.
  const Node* get(std::string_view key) const;
  /// "a mapping", "a list", "a string", "null", "a number", "true/false": for messages.
  const char* kind_name() const;
  /// YAML 1.2 core-schema value of the node (plain scalars resolve to null/bool/int/float).
  nlohmann::json to_json() const;

  static bool is_null_text(std::string_view s) {
    if (s.size() == 0) return true;
    if (s.size() == 1) return s[0] == '~';
    // Byte by byte: most 4-byte values (`name` is every step's first key) are not null, and
    // each == on a string_view is a memcmp call.
    if (s.size() != 4 || (s[0] != 'n' && s[0] != 'N')) return false;
    if (s[1] == 'u') return s[2] == 'l' && s[3] == 'l' && (s[0] == 'n' || s[0] == 'N');  // null, Null
    return s[0] == 'N' && s[1] == 'U' && s[2] == 'L' && s[3] == 'L';                      // NULL
  }
};

static_assert(sizeof(Node) <= 40, "a large spec has hundreds of thousands of nodes");

/// Resolution of a plain scalar under the YAML 1.2 core schema.
std::optional<bool> as_bool(const Node& n);
std::optional<int64_t> as_int(const Node& n);
std::optional<double> as_number(const Node& n);  // an integer or a float

/// Where a document's nodes live: chunks that never move (the tree points into them), each
/// twice the size of the one before, so a large file makes few allocations and a small one
/// wastes little.
class NodeArena {
 public:
  Node& emplace_back() {
    if (used_ == chunk_size_) {
      chunk_size_ = chunks_.empty() ? kFirstChunk : std::min(chunk_size_ * 2, kLargestChunk);
      // Raw storage (not Node[]: that would construct every node once more before its use).
      chunks_.emplace_back(static_cast<Node*>(::operator new(chunk_size_ * sizeof(Node))));
      used_ = 0;
    }
    return *new (chunks_.back().get() + used_++) Node();
  }

 private:
  static_assert(std::is_trivially_destructible_v<Node>, "nodes are freed with their chunk, never destroyed one by one");
  struct FreeChunk {
    void operator()(Node* chunk) const { ::operator delete(chunk); }
  };
  static constexpr size_t kFirstChunk = 16;
  static constexpr size_t kLargestChunk = 4096;
  std::vector<std::unique_ptr<Node, FreeChunk>> chunks_;
  size_t chunk_size_ = 0;
  size_t used_ = 0;
};

/// Where a document's child arrays live (a closed collection's items or entries, each copied
/// in whole): byte chunks that never move, growing as NodeArena's do; an array larger than a
/// chunk gets one of its own. Nothing in them needs destroying (pointers and pairs of them).
class ChildArena {
 public:
  template <typename T>
  std::span<const T> copy(std::span<const T> from) {
    static_assert(std::is_trivially_destructible_v<T> && alignof(T) <= kAlign);
    if (from.empty()) return {};
    size_t bytes = (from.size_bytes() + kAlign - 1) & ~(kAlign - 1);
    if (bytes > left_) {
      size_t size = chunks_.empty() ? kFirstChunk : std::min(chunk_size_ * 2, kLargestChunk);
      chunk_size_ = size;
      if (bytes > size) size = bytes;  // a large array alone; the next chunk goes on growing
      chunks_.emplace_back(new std::byte[size]);  // not zeroed: every byte handed out is written
      next_ = chunks_.back().get();
      left_ = size;
    }
    T* out = std::uninitialized_copy(from.begin(), from.end(), reinterpret_cast<T*>(next_));
    next_ += bytes;
    left_ -= bytes;
    return {out - from.size(), from.size()};
  }

 private:
  static constexpr size_t kAlign = alignof(const void*);  // of a pointer and of a pair of them
  static constexpr size_t kFirstChunk = 1024;
  static constexpr size_t kLargestChunk = 256 << 10;
  std::vector<std::unique_ptr<std::byte[]>> chunks_;
  size_t chunk_size_ = 0;
  std::byte* next_ = nullptr;
  size_t left_ = 0;
};

/// Scalar values that differ from their source bytes (escapes, folded lines, block scalars).
/// Strings in a deque never move, so views of them stay valid while the store lives.
class StringStore {
 public:
  std::string_view keep(std::string s) { return strings_.emplace_back(std::move(s)); }

 private:
  std::deque<std::string> strings_;
};

class Document {
 public:
  Document() = default;
  // Neither copied nor moved: text_ and every node view own_text_ and strings_, whose bytes
  // a copy or a move (of a short string) would not carry along. Held by unique_ptr.
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const Node* root() const { return root_; }
  const std::string& file() const { return file_.str(); }
  /// The file name as model positions share it.
  const FileName& file_name() const { return file_; }
  SourceLocation locate(const Node* n) const { return lines_.locate(n->offset, file_); }
  SourceLocation locate_offset(size_t offset) const { return lines_.locate(offset, file_); }
  /// The same position as a model Loc (no copy of the file name).
  Loc loc(const Node* n) const {
    LineIndex::Position p = lines_.position(n->offset);
    return Loc{file_, p.line, p.column};
  }
  /// loc() for one of several threads reading the document at once, each with its own CURSOR
  /// (see LineIndex::position_with).
  Loc loc_with(const Node* n, size_t& cursor) const { return loc_with(n, cursor, file_); }
  /// The same with FILE (this document's name, shared by another set of positions).
  Loc loc_with(const Node* n, size_t& cursor, const FileName& file) const {
    LineIndex::Position p = lines_.position_with(n->offset, cursor);
    return Loc{file, p.line, p.column};
  }
  std::string_view text() const { return text_; }
  /// How many pieces the text was parsed in (yaml_pieces.h); 0 when it was parsed whole.
  size_t pieces() const { return parts_.size(); }

 private:
  friend class TreeBuilder;
  friend struct DocumentLoader;  // yaml_parser.cc: parse_document and parse_document_view
  friend struct PieceLoader;     // yaml_pieces.cc: a large text parsed in pieces
  FileName file_;
  std::string own_text_;   // the text, when the document owns it (parse_document)
  std::string_view text_;  // own_text_, or the caller's text (parse_document_view)
  LineIndex lines_;
  StringStore strings_;
  NodeArena nodes_;
  ChildArena children_;
  const Node* root_ = nullptr;
  // A text parsed in pieces (yaml_pieces.h): each piece's nodes and strings, which the tree
  // joined from them points into. Empty for a text parsed whole.
  std::vector<std::unique_ptr<Document>> parts_;
};

/// When a text is parsed in pieces on two threads (yaml_pieces.h) instead of whole: the tree,
/// the diagnostics and their positions are the same either way.
struct ParseOptions {
  size_t parallel_min_bytes = SIZE_MAX;  // texts of at least this many bytes; SIZE_MAX: never
  unsigned pieces = 2;                   // how many pieces to aim for (tests ask for more)
  TwoThreads* threads = nullptr;         // the load's helper thread; null: one of its own
};

/// Parses TEXT (named FILE in diagnostics). Returns nothing when the YAML is unusable; every
/// problem found is in SINK. An empty document gives a tree whose root is null.
std::unique_ptr<Document> parse_document(std::string text, std::string file, DiagnosticSink& sink);
/// The same without copying TEXT: the document and every node view it, so TEXT must outlive
/// the returned document (load.cc parses each source text and frees its tree before returning).
std::unique_ptr<Document> parse_document_view(std::string_view text, std::string file, DiagnosticSink& sink,
                                              const ParseOptions& options = {});

}  // namespace restack::spec::yaml
