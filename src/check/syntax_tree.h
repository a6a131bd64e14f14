#pragma once
// A thin RAII layer over the tree-sitter runtime and the tree-sitter-python grammar: a parser,
// a parsed tree, node kinds as an enum (so rules switch on integers, not strings) and small node
// helpers. Nothing here knows about rules.
#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>
#include <vector>

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

/// Every node of a parsed tree in depth-first order (named and anonymous), each with its kind and
/// the index just past its subtree. The tree is walked with a cursor once; the semantic model and
/// the rules then walk this array (a second cursor walk, and a kind lookup per node per walk,
/// cost ~10% of `check`).
struct FlatNode {
  TSNode node;
  uint32_t end;  // index past the last node of this node's subtree
  Kind kind;
};

class FlatTree {
 public:
  explicit FlatTree(TSNode root);
  const std::vector<FlatNode>& nodes() const { return nodes_; }

 private:
  std::vector<FlatNode> nodes_;
};

/// Depth-first walk of TREE without recursion (a fuzzer's 10,000 nested brackets must not
/// overflow the stack). ENTER(flat node) returns whether to descend; LEAVE(flat node) runs
/// after the node's children (also for a node not descended into).
template <class Enter, class Leave>
void walk_tree(const FlatTree& tree, Enter&& enter, Leave&& leave) {
  const std::vector<FlatNode>& nodes = tree.nodes();
  std::vector<uint32_t> open;  // entered nodes whose subtrees are not done, outermost first
  for (uint32_t i = 0; i < nodes.size();) {
    while (!open.empty() && nodes[open.back()].end <= i) {
      leave(nodes[open.back()]);
      open.pop_back();
    }
    if (enter(nodes[i])) {
      open.push_back(i++);
    } else {
      leave(nodes[i]);
      i = nodes[i].end;
    }
  }
  for (; !open.empty(); open.pop_back()) leave(nodes[open.back()]);
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
