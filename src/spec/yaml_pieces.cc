#include "spec/yaml_pieces.h"

#include <algorithm>
#include <atomic>
#include <optional>

#include "spec/two_threads.h"
#include "spec/yaml_builder.h"
#include "spec/yaml_parser.h"
#include "spec/yaml_scanner.h"

namespace restack::spec::yaml {

namespace {

// Where a piece starts: before a top-level key (column 0), or before an entry of the block
// collection that is the value of the top-level key above (keys or `- ` items at INDENT).
struct Cut {
  size_t offset = 0;  // a line start
  bool nested = false;
  int indent = 0;         // nested: the collection's column
  bool sequence = false;  // nested: `- ` items, else keys
};

struct Piece {
  Cut start;
  size_t end = 0;
  std::unique_ptr<Document> doc;  // owns the piece's nodes and strings
  const Node* root = nullptr;
  uint64_t nodes = 0;  // as the builder counted them
  bool ok = false;     // parsed without any report, alias or block scalar, to its end
};

// The first character of a key a piece may start with: a plain key that no YAML indicator
// starts (a subset of the parser's plain starts, enough for spec keys).
bool is_key_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whether OFFSET is preceded on its line by exactly INDENT spaces.
bool starts_line_at(std::string_view text, size_t offset, int indent) {
  auto n = static_cast<size_t>(indent);
  if (offset < n || offset >= text.size()) return false;
  size_t line_start = offset - n;
  if (line_start > 0 && text[line_start - 1] != '\n') return false;
  for (size_t i = line_start; i < offset; ++i)
    if (text[i] != ' ') return false;
  return true;
}

// Chooses the cuts from the text's lines alone; whether each cut was right is checked on the
// trees (PieceLoader::join), so a wrong guess costs a whole parse, never a wrong tree.
class Planner {
 public:
  Planner(std::string_view text, const std::vector<uint32_t>& starts) : text_(text), starts_(starts) {}

  /// Finds the top-level lines; false when the text has a line that makes cutting unsafe.
  bool scan() {
    for (size_t line = 0; line < starts_.size(); ++line) {
      size_t s = starts_[line];
      if (s >= text_.size()) break;
      char c = text_[s];
      if (c == ' ' || c == '\n' || c == '\r' || c == '#') continue;
      if (c == '\t' || c == '%') return false;  // a tab to judge, a directive
      std::string_view head = text_.substr(s, 3);
      if (head == "---" || head == "...") return false;  // documents: parse whole
      tops_.push_back(Top{line, is_key_start(c)});
    }
    return !tops_.empty();
  }

  /// Cuts near PIECES - 1 evenly spaced offsets, in order; nested pieces end at the next
  /// top-level line (they are parsed as one collection).
  std::vector<Cut> cuts(unsigned pieces) const {
    std::vector<Cut> found;
    for (unsigned k = 1; k < pieces; ++k)
      if (auto c = cut_near(text_.size() / pieces * k)) found.push_back(*c);
    sort_unique(found);
    std::vector<Cut> all;
    for (size_t i = 0; i < found.size(); ++i) {
      const Cut& c = found[i];
      if (c.nested) {
        std::optional<size_t> top = top_after(c.offset);
        if (top && (i + 1 == found.size() || found[i + 1].offset > starts_[tops_[*top].line])) {
          if (!tops_[*top].cuttable) continue;
          all.push_back(c);
          all.push_back(Cut{starts_[tops_[*top].line]});
          continue;
        }
      }
      all.push_back(c);
    }
    sort_unique(all);
    return all;
  }

 private:
  struct Top {
    size_t line;    // index in starts_
    bool cuttable;  // a plain key: a piece may start here
  };
  struct Collection {
    int indent = 0;
    bool sequence = false;
  };

  static void sort_unique(std::vector<Cut>& cuts) {
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.offset < b.offset; });
    cuts.erase(std::unique(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.offset == b.offset; }),
               cuts.end());
  }

  // The index in tops_ of the first top-level line starting after OFFSET.
  std::optional<size_t> top_after(size_t offset) const {
    auto it = std::upper_bound(tops_.begin(), tops_.end(), offset,
                               [&](size_t o, const Top& t) { return o < starts_[t.line]; });
    if (it == tops_.end()) return std::nullopt;
    return static_cast<size_t>(it - tops_.begin());
  }

  size_t end_line(size_t top) const { return top + 1 < tops_.size() ? tops_[top + 1].line : starts_.size(); }

  // Whether LINE holds an entry of a collection like C: INDENT spaces, then a key or `- `.
  bool is_entry(size_t line, const Collection& c) const {
    size_t s = starts_[line];
    auto n = static_cast<size_t>(c.indent);
    if (s + n + 1 >= text_.size()) return false;
    for (size_t i = s; i < s + n; ++i)
      if (text_[i] != ' ') return false;
    char first = text_[s + n];
    if (c.sequence) return first == '-' && text_[s + n + 1] == ' ';
    return is_key_start(first);
  }

  // The block collection under top-level line TOP, as its first content line shows it.
  std::optional<Collection> collection_of(size_t top) const {
    for (size_t line = tops_[top].line + 1; line < end_line(top); ++line) {
      size_t s = starts_[line], i = s;
      while (i < text_.size() && text_[i] == ' ') ++i;
      if (i >= text_.size() || text_[i] == '\n' || text_[i] == '\r' || text_[i] == '#') continue;
      Collection c{static_cast<int>(i - s), text_[i] == '-'};
      if (c.indent > 0 && is_entry(line, c)) return c;
      return std::nullopt;
    }
    return std::nullopt;
  }

  // The first entry line at or after TARGET of the collection around it, else the next
  // top-level key.
  std::optional<Cut> cut_near(size_t target) const {
    auto line_it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<uint32_t>(target));
    size_t line = static_cast<size_t>(line_it - starts_.begin()) - 1;
    auto top_it = std::upper_bound(tops_.begin(), tops_.end(), line, [](size_t l, const Top& t) { return l < t.line; });
    if (top_it == tops_.begin()) return std::nullopt;
    size_t top = static_cast<size_t>(top_it - tops_.begin()) - 1;
    if (auto c = collection_of(top)) {
      for (size_t l = std::max(line, tops_[top].line + 1); l < end_line(top); ++l)
        if (is_entry(l, *c)) return Cut{starts_[l], true, c->indent, c->sequence};
    }
    if (top + 1 < tops_.size() && tops_[top + 1].cuttable) return Cut{starts_[tops_[top + 1].line]};
    return std::nullopt;
  }

  std::string_view text_;
  const std::vector<uint32_t>& starts_;
  std::vector<Top> tops_;
};

}  // namespace

struct PieceLoader {
  static PiecesOutcome parse(Document& doc, const ParseOptions& options, const std::function<bool()>& prescan) {
    unsigned count = options.pieces;
    if (count < 2 || doc.text_.substr(0, 3) == "\xEF\xBB\xBF") return PiecesOutcome::kNotTried;  // a BOM shifts line 1's columns
    Planner planner(doc.text_, doc.lines_.line_starts());
    if (!planner.scan()) return PiecesOutcome::kNotTried;
    std::vector<Cut> cuts = planner.cuts(count);
    if (cuts.empty()) return PiecesOutcome::kNotTried;
    std::vector<Piece> pieces(cuts.size() + 1);
    pieces[0].end = cuts[0].offset;
    for (size_t i = 0; i < cuts.size(); ++i) {
      pieces[i + 1].start = cuts[i];
      pieces[i + 1].end = i + 1 < cuts.size() ? cuts[i + 1].offset : doc.text_.size();
    }
    TwoThreads own;  // when the caller has none
    bool prescan_passed = parse_on_two_threads(doc, pieces, prescan, options.threads ? *options.threads : own);
    if (!prescan_passed) return PiecesOutcome::kPrescanFailed;
    return join(doc, pieces) ? PiecesOutcome::kParsed : PiecesOutcome::kParseWhole;
  }

 private:
  // Task 0 is the prescan, then the pieces in order, each taken by whichever thread is free.
  // Returns the prescan's result.
  static bool parse_on_two_threads(const Document& doc, std::vector<Piece>& pieces, const std::function<bool()>& prescan,
                                   TwoThreads& threads) {
    std::atomic<size_t> next{0};
    bool prescan_passed = false;
    auto work = [&] {
      for (size_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) <= pieces.size();) {
        if (k == 0) prescan_passed = prescan();
        else parse_piece(doc, pieces[k - 1]);
      }
    };
    threads.run(work, work);  // both take tasks until none is left
    return prescan_passed;
  }

  static void parse_piece(const Document& whole, Piece& p) {
    auto doc = std::make_unique<Document>();
    doc->file_ = whole.file_;
    doc->text_ = whole.text_.substr(0, p.end);  // the same offsets; the piece's end is the text's
    // Nothing reported here is shown: a report means the whole parse must make it. The
    // piece's LineIndex is left empty (its positions are not used).
    DiagnosticSink scratch;
    try {
      Scanner scanner(doc->text_, doc->strings_);
      scanner.reset(Scanner::Mark{p.start.offset, p.start.offset});
      TreeBuilder builder(*doc, scratch);
      Parser parser(scanner, builder);
      p.root = parser.parse_document();
      p.nodes = builder.nodes();
      p.ok = p.root && scanner.at_end() && scratch.all().empty() && !builder.saw_alias() && !parser.saw_block_scalar();
    } catch (...) {  // a syntax error, a limit, memory: the whole parse says what it is
      p.ok = false;
    }
    p.doc = std::move(doc);
  }

  // Appends FROM's entries to INTO; false on a key INTO already has (the whole parse reports
  // it). KEYS: the whole parse's duplicate test over INTO, kept from one piece to the next
  // (rebuilt for every piece, it indexed the first piece's keys once per later piece).
  static bool append_entries(std::vector<Node::Entry>& into, const Node& from, KeyIndex& keys) {
    into.reserve(into.size() + from.entries().size());
    for (const auto& entry : from.entries()) {
      if (keys.find_or_add(into, entry.first)) return false;
      into.push_back(entry);
    }
    return true;
  }

  // The children a joined collection gathers from the pieces, given to it (in the whole
  // document's ChildArena) once its last piece is in.
  struct Gathered {
    Node* node = nullptr;
    std::vector<Node::Entry> entries;  // a mapping's
    std::vector<const Node*> items;    // a sequence's
    KeyIndex keys;                     // over ENTRIES

    void start(Node* n) {
      node = n;
      auto e = n->entries();
      entries.assign(e.begin(), e.end());
      auto i = n->items();
      items.assign(i.begin(), i.end());
      keys = KeyIndex();  // indexes ENTRIES as they are when it is first asked
    }
    void finish(ChildArena& arena) {
      if (!node) return;
      if (node->is_mapping()) node->set_children(arena.copy(std::span<const Node::Entry>(entries)));
      else node->set_children(arena.copy(std::span<const Node* const>(items)));
      node = nullptr;
    }
  };

  // FROM's root, parsed alone, joins the tree as the whole parse would have built it; every
  // test that fails means the text was not what the cuts assumed.
  static bool join(Document& doc, std::vector<Piece>& pieces) {
    std::string_view text = doc.text_;
    uint64_t nodes = 0;
    for (const Piece& p : pieces) {
      if (!p.ok) return false;
      nodes += p.nodes;
    }
    if (nodes > kMaxExpandedNodes) return false;  // the whole parse reports where the limit is hit
    // The nodes are the pieces' own (not const objects): the join completes them in place.
    auto* root = const_cast<Node*>(pieces[0].root);
    if (!root->is_mapping() || !starts_line_at(text, root->offset, 0)) return false;
    char first = text[root->offset];
    if (!is_key_start(first) && first != '"' && first != '\'') return false;  // a flow mapping, properties...
    Gathered top, open;  // ROOT's entries, and those of the collection pieces continue
    top.start(root);
    for (size_t i = 1; i < pieces.size(); ++i) {
      const Cut& cut = pieces[i].start;
      auto* part = const_cast<Node*>(pieces[i].root);
      if (!cut.nested) {  // more top-level keys
        if (!part->is_mapping() || part->offset != cut.offset || !append_entries(top.entries, *part, top.keys)) return false;
        root->height = std::max(root->height, part->height);
        root->expanded += part->expanded - 1;  // PART itself is not in the tree
        continue;
      }
      // More entries of the last top-level key's block collection, at its column.
      if (top.entries.empty()) return false;
      auto* last = const_cast<Node*>(top.entries.back().second);
      Node::Kind kind = cut.sequence ? Node::Kind::kSequence : Node::Kind::kMapping;
      if (last->kind != kind || part->kind != kind || part->offset != cut.offset + static_cast<size_t>(cut.indent))
        return false;
      if (!starts_line_at(text, last->offset, cut.indent)) return false;
      char last_first = text[last->offset];
      if (cut.sequence ? last_first != '-' : !is_key_start(last_first) && last_first != '"' && last_first != '\'')
        return false;
      // The whole parse nests PART's content one level deeper than the piece did.
      if (part->height + 1 >= kMaxDepth) return false;
      if (last != open.node) {  // another top-level key's collection
        open.finish(doc.children_);
        open.start(last);
      }
      if (cut.sequence) open.items.insert(open.items.end(), part->items().begin(), part->items().end());
      else if (!append_entries(open.entries, *part, open.keys)) return false;
      last->height = std::max(last->height, part->height);
      last->expanded += part->expanded - 1;
      root->height = std::max(root->height, static_cast<uint16_t>(last->height + 1));
      root->expanded += part->expanded - 1;
    }
    open.finish(doc.children_);
    top.finish(doc.children_);
    doc.root_ = root;
    doc.parts_.reserve(pieces.size());
    for (Piece& p : pieces) doc.parts_.push_back(std::move(p.doc));
    return true;
  }
};

PiecesOutcome parse_in_pieces(Document& doc, const ParseOptions& options, const std::function<bool()>& prescan) {
  return PieceLoader::parse(doc, options, prescan);
}

}  // namespace restack::spec::yaml
