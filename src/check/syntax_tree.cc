#include "check/syntax_tree.h"

#include <array>
#include <cstring>
#include <string>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python(void);

namespace restack::check {
namespace {

struct KindName {
  Kind kind;
  const char* name;
};

constexpr KindName kKindNames[] = {
    {Kind::kModule, "module"},
    {Kind::kError, "ERROR"},
    {Kind::kComment, "comment"},
    {Kind::kIdentifier, "identifier"},
    {Kind::kAttribute, "attribute"},
    {Kind::kCall, "call"},
    {Kind::kArgumentList, "argument_list"},
    {Kind::kKeywordArgument, "keyword_argument"},
    {Kind::kAwait, "await"},
    {Kind::kString, "string"},
    {Kind::kConcatenatedString, "concatenated_string"},
    {Kind::kInterpolation, "interpolation"},
    {Kind::kStringContent, "string_content"},
    {Kind::kFunctionDefinition, "function_definition"},
    {Kind::kClassDefinition, "class_definition"},
    {Kind::kDecoratedDefinition, "decorated_definition"},
    {Kind::kDecorator, "decorator"},
    {Kind::kLambda, "lambda"},
    {Kind::kParameters, "parameters"},
    {Kind::kLambdaParameters, "lambda_parameters"},
    {Kind::kDefaultParameter, "default_parameter"},
    {Kind::kTypedParameter, "typed_parameter"},
    {Kind::kTypedDefaultParameter, "typed_default_parameter"},
    {Kind::kListSplatPattern, "list_splat_pattern"},
    {Kind::kDictionarySplatPattern, "dictionary_splat_pattern"},
    {Kind::kImportStatement, "import_statement"},
    {Kind::kImportFromStatement, "import_from_statement"},
    {Kind::kFutureImportStatement, "future_import_statement"},
    {Kind::kAliasedImport, "aliased_import"},
    {Kind::kDottedName, "dotted_name"},
    {Kind::kWildcardImport, "wildcard_import"},
    {Kind::kRelativeImport, "relative_import"},
    {Kind::kImportPrefix, "import_prefix"},
    {Kind::kAssignment, "assignment"},
    {Kind::kAugmentedAssignment, "augmented_assignment"},
    {Kind::kExpressionStatement, "expression_statement"},
    {Kind::kForStatement, "for_statement"},
    {Kind::kForInClause, "for_in_clause"},
    {Kind::kWithStatement, "with_statement"},
    {Kind::kWithClause, "with_clause"},
    {Kind::kWithItem, "with_item"},
    {Kind::kAsPattern, "as_pattern"},
    {Kind::kAsPatternTarget, "as_pattern_target"},
    {Kind::kGlobalStatement, "global_statement"},
    {Kind::kNonlocalStatement, "nonlocal_statement"},
    {Kind::kSubscript, "subscript"},
    {Kind::kSet, "set"},
    {Kind::kSetComprehension, "set_comprehension"},
    {Kind::kList, "list"},
    {Kind::kDictionary, "dictionary"},
    {Kind::kPair, "pair"},
    {Kind::kBinaryOperator, "binary_operator"},
    {Kind::kTrue, "true"},
    {Kind::kFalse, "false"},
    {Kind::kNone, "none"},
    {Kind::kInteger, "integer"},
    {Kind::kType, "type"},
    {Kind::kBlock, "block"},
    {Kind::kReturnStatement, "return_statement"},
    {Kind::kPatternList, "pattern_list"},
    {Kind::kTuple, "tuple"},
    {Kind::kTuplePattern, "tuple_pattern"},
    {Kind::kListPattern, "list_pattern"},
    {Kind::kParenthesizedExpression, "parenthesized_expression"},
    {Kind::kNamedExpression, "named_expression"},
    {Kind::kExceptClause, "except_clause"},
};

/// Symbol id -> Kind, built once from the grammar's symbol table (several symbols can share a
/// name through aliases, so every symbol is mapped by its name).
struct KindTable {
  std::vector<Kind> by_symbol;
  KindTable() {
    const TSLanguage* lang = tree_sitter_python();
    uint32_t n = ts_language_symbol_count(lang);
    by_symbol.assign(n, Kind::kOther);
    for (uint32_t s = 0; s < n; ++s) {
      const char* name = ts_language_symbol_name(lang, TSSymbol(s));
      if (!name) continue;
      bool named = ts_language_symbol_type(lang, TSSymbol(s)) == TSSymbolTypeRegular;
      for (const auto& kn : kKindNames)
        if (named && std::strcmp(kn.name, name) == 0) by_symbol[s] = kn.kind;
      if (!named && std::strcmp(name, "async") == 0) by_symbol[s] = Kind::kKeyword;
    }
  }
};

const KindTable& kind_table() {
  static const KindTable table;  // immutable after construction (thread-safe static init)
  return table;
}

TSFieldId field(const char* name) {
  return ts_language_field_id_for_name(tree_sitter_python(), name, uint32_t(std::strlen(name)));
}

}  // namespace

const TSLanguage* python_language() { return tree_sitter_python(); }

Kind kind_of(TSNode node) {
  if (ts_node_is_null(node)) return Kind::kOther;
  TSSymbol s = ts_node_symbol(node);
  if (s == TSSymbol(-1)) return Kind::kError;  // ts_builtin_sym_error
  const auto& t = kind_table().by_symbol;
  return s < t.size() ? t[s] : Kind::kOther;
}

const Fields& fields() {
  static const Fields f{field("alias"),    field("arguments"),   field("attribute"), field("body"),
                        field("definition"), field("function"), field("key"),       field("left"),
                        field("module_name"), field("name"),    field("object"),    field("operator"),
                        field("parameters"), field("right"),    field("superclasses"), field("type"),
                        field("value"),    field("return_type")};
  return f;
}

PythonParser::PythonParser() : parser_(ts_parser_new()) {
  ts_parser_set_language(parser_, tree_sitter_python());
  // Error recovery is quadratic on pathological input (20,000 unclosed brackets take seconds):
  // bound it so that no input hangs the checker. Real files parse in milliseconds.
  ts_parser_set_timeout_micros(parser_, kParseTimeoutMicros);
}
PythonParser::~PythonParser() { ts_parser_delete(parser_); }

FlatTree::FlatTree(TSNode root) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  struct CursorGuard {
    TSTreeCursor* c;
    ~CursorGuard() { ts_tree_cursor_delete(c); }
  } guard{&cursor};
  std::vector<uint32_t> open;  // nodes whose subtrees are being listed
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    open.push_back(uint32_t(nodes_.size()));
    nodes_.push_back({node, 0, kind_of(node)});
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    // A leaf: close it, then every ancestor whose last child this was.
    for (;;) {
      nodes_[open.back()].end = uint32_t(nodes_.size());
      open.pop_back();
      if (ts_tree_cursor_goto_next_sibling(&cursor)) break;
      if (!ts_tree_cursor_goto_parent(&cursor)) return;
    }
  }
}

SyntaxTree::SyntaxTree(PythonParser& parser, std::string_view source)
    : tree_(ts_parser_parse_string(parser.get(), nullptr, source.data(), uint32_t(source.size()))) {}
SyntaxTree::~SyntaxTree() {
  if (tree_) ts_tree_delete(tree_);
}

}  // namespace restack::check

namespace restack::check {
TSNode first_child_of_kind(TSNode node, Kind k) {
  TSNode found{};
  bool done = false;
  for_each_named_child(node, [&](TSNode c) {
    if (!done && kind_of(c) == k) {
      found = c;
      done = true;
    }
  });
  return found;
}
}  // namespace restack::check
