#pragma once
// A large YAML text parsed in pieces on two threads, the pieces' trees joined into the very
// tree one whole parse would build (same nodes, offsets, heights and sizes).
//
// A spec is a block mapping at column 0 whose big values (`functions:`, `workflows:`) are
// block collections with their entries at one indentation. A line that starts such an entry
// (or a top-level key) can begin a piece: every construct open before it has ended there,
// since it is indented no deeper than they may continue. Each piece is parsed by its own
// Scanner/Parser/TreeBuilder over the text cut at the piece's end (so offsets, hence
// positions, are those of the whole text), then joined in order.
//
// It only ever says "no" when unsure, and the caller then parses the text whole: any problem
// in a piece (syntax, a duplicate key, a limit, a custom tag...), a duplicate key across
// pieces, an alias, a block scalar, `---`/`...`/`%` lines, a tab starting a line, a byte
// order mark, or a piece whose tree does not have the shape its first line promised. So
// every diagnostic is the whole parse's, in its order and at its position.
#include <functional>

#include "spec/yaml_tree.h"

namespace restack::spec::yaml {

enum class PiecesOutcome {
  kNotTried,       // the text cannot be cut: PRESCAN was not run
  kPrescanFailed,  // PRESCAN reported a problem (the pieces are dropped)
  kParseWhole,     // PRESCAN passed, but the pieces did not give the tree for sure: parse whole
  kParsed,         // PRESCAN passed and DOC holds the tree
};

/// Parses DOC's text (already indexed) in about PIECES pieces on two threads, PRESCAN (the
/// whole text's prescan, which reports into the caller's sink) running beside them as one
/// more task. DOC is untouched unless the outcome is kParsed.
PiecesOutcome parse_in_pieces(Document& doc, const ParseOptions& options, const std::function<bool()>& prescan);

}  // namespace restack::spec::yaml
