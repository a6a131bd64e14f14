#pragma once
// A thin RAII layer over the tree-sitter runtime and the tree-sitter-python grammar: a parser,
// a parsed tree, node kinds as an enum (so rules switch on integers, not strings) and small node
// helpers. Nothing here knows about rules.
#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>

namespace restack::check {

/// The node kinds the checker looks at. Anything else is kOther.
enum class Kind : uint8_t {
  kOther,
  kModule,
  kError,
  kComment,
  kIdentifier,
  kAttribute,
  kCall,
  kArgumentList,
  kKeywordArgument,
  kAwait,
  kString,
  kConcatenatedString,
  kInterpolation,
  kStringContent,
  kFunctionDefinition,
  kClassDefinition,
  kDecoratedDefinition,
  kDecorator,
  kLambda,
  kParameters,
  kLambdaParameters,
  kDefaultParameter,
  kTypedParameter,
  kTypedDefaultParameter,
  kListSplatPattern,
  kDictionarySplatPattern,
  kImportStatement,
  kImportFromStatement,
  kFutureImportStatement,
  kAliasedImport,
  kDottedName,
  kWildcardImport,
  kRelativeImport,
  kImportPrefix,
  kAssignment,
  kAugmentedAssignment,
  kExpressionStatement,
  kForStatement,
  kForInClause,
  kWithStatement,
  kWithClause,
  kWithItem,
  kAsPattern,
  kAsPatternTarget,
  kGlobalStatement,
  kNonlocalStatement,
  kSubscript,
  kSet,
  kSetComprehension,
  kList,
  kDictionary,
  kPair,
  kBinaryOperator,
  kTrue,
  kFalse,
  kNone,
  kInteger,
  kType,
  kBlock,
  kReturnStatement,
  kPatternList,
  kTuple,
  kTuplePattern,
  kListPattern,
  kParenthesizedExpression,
  kKeyword,  // the anonymous keyword "async"
  kNamedExpression,
  kExceptClause,
  kReference,  // synthetic event: an outermost name or attribute chain read as a value
  kCount
};

Kind kind_of(TSNode node);
const TSLanguage* python_language();

/// Field ids of the grammar, looked up once.
struct Fields {
  TSFieldId alias, arguments, attribute, body, definition, function, key, left, module_name, name, object,
      operator_, parameters, right, superclasses, type, value, return_type;
};
const Fields& fields();

// The tree-sitter 0.20 runtime dereferences null nodes: every helper here accepts them.
inline TSNode child(TSNode n, TSFieldId f) { return ts_node_is_null(n) ? n : ts_node_child_by_field_id(n, f); }
inline TSNode named_child(TSNode n, uint32_t i) { return ts_node_is_null(n) ? n : ts_node_named_child(n, i); }
inline bool is_null(TSNode n) { return ts_node_is_null(n); }
inline std::string_view text(std::string_view source, TSNode n) {
  if (ts_node_is_null(n)) return {};
  uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (b > source.size() || e > source.size() || e < b) return {};
  return source.substr(b, e - b);
}
inline bool same(TSNode a, TSNode b) { return ts_node_eq(a, b); }

constexpr uint64_t kParseTimeoutMicros = 5'000'000;

/// Owns a parser configured for Python. Not thread-safe: one per thread.
class PythonParser {
 public:
  PythonParser();
  ~PythonParser();
  PythonParser(const PythonParser&) = delete;
  PythonParser& operator=(const PythonParser&) = delete;
  TSParser* get() const { return parser_; }

 private:
  TSParser* parser_;
};

/// Owns a parsed tree.
class SyntaxTree {
 public:
  SyntaxTree(PythonParser& parser, std::string_view source);
  ~SyntaxTree();
  SyntaxTree(const SyntaxTree&) = delete;
  SyntaxTree& operator=(const SyntaxTree&) = delete;
  bool ok() const { return tree_ != nullptr; }
  TSNode root() const { return ts_tree_root_node(tree_); }

 private:
  TSTree* tree_;
};

}  // namespace restack::check

namespace restack::check {

/// Depth-first walk without recursion (a fuzzer's 10,000 nested brackets must not overflow the
/// stack). ENTER(node) returns whether to descend; LEAVE(node) runs after the node's children.
template <class Enter, class Leave>
void walk_tree(TSNode root, Enter&& enter, Leave&& leave) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  struct CursorGuard {
    TSTreeCursor* c;
    ~CursorGuard() { ts_tree_cursor_delete(c); }
  } guard{&cursor};
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (enter(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    // No children (or not descending): leave this node, then climb until a sibling exists.
    for (;;) {
      leave(ts_tree_cursor_current_node(&cursor));
      if (ts_tree_cursor_goto_next_sibling(&cursor)) break;
      if (!ts_tree_cursor_goto_parent(&cursor)) return;
    }
  }
}

/// Calls FN(child) for each named child of NODE, in order.
template <class Fn>
void for_each_named_child(TSNode node, Fn&& fn) {
  if (ts_node_is_null(node)) return;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(c)) fn(c);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
}

/// The first named child of NODE with kind K, or a null node.
TSNode first_child_of_kind(TSNode node, Kind k);

}  // namespace restack::check
