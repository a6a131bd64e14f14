#include "check/checker.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "check/checker_internal.h"
#include "check/context.h"
#include "check/noqa.h"
#include "check/registry.h"
#include "check/semantic_model.h"
#include "check/syntax_tree.h"

namespace restack::check {
namespace {

bool matches(std::string_view code, const std::vector<std::string>& patterns) {
  for (const auto& p : patterns)
    if (p == "ALL" || code.rfind(p, 0) == 0) return true;
  return false;
}

/// Rules listening to each event, for the enabled rules only.
using Dispatch = std::array<std::vector<const Rule*>, size_t(Kind::kCount)>;

Dispatch make_dispatch(const CheckOptions& options) {
  Dispatch d;
  for (const Rule* r : all_rules())
    if (rule_enabled(options, r->meta.code))
      for (Kind k : r->events) d[size_t(k)].push_back(r);
  return d;
}

/// Whether identifier/attribute N, whose parent is P, is an outermost name read as a value.
bool is_reference(TSNode n, TSNode p) {
  switch (kind_of(p)) {
    case Kind::kAttribute:  // an inner part of a longer chain, or the attribute name itself
    case Kind::kImportStatement:
    case Kind::kImportFromStatement:
    case Kind::kFutureImportStatement:
    case Kind::kAliasedImport:
    case Kind::kDottedName:
    case Kind::kGlobalStatement:
    case Kind::kNonlocalStatement:
    case Kind::kParameters:
    case Kind::kLambdaParameters:
    case Kind::kTypedParameter:
    case Kind::kListSplatPattern:
    case Kind::kDictionarySplatPattern:
    case Kind::kAsPatternTarget:
      return false;
    case Kind::kKeywordArgument:
    case Kind::kDefaultParameter:
    case Kind::kTypedDefaultParameter:
    case Kind::kFunctionDefinition:
    case Kind::kClassDefinition:
    case Kind::kNamedExpression:
      return !ts_node_eq(child(p, fields().name), n);
    default:
      return true;
  }
}

}  // namespace

bool rule_enabled(const CheckOptions& options, std::string_view code) {
  if (!options.select.empty() && !matches(code, options.select)) return false;
  return !matches(code, options.ignore);
}

void run_rules(Context& ctx, const FlatTree& tree, const CheckOptions& options) {
  const Dispatch dispatch = make_dispatch(options);
  const auto& syntax_rules = dispatch[size_t(Kind::kError)];
  const auto& reference_rules = dispatch[size_t(Kind::kReference)];
  const SemanticModel& model = ctx.model();
  std::vector<int> scope_stack;  // scope before each definition node was entered
  std::vector<TSNode> scope_nodes;
  auto& ancestors = ctx.ancestors();

  auto fire = [&](const std::vector<const Rule*>& rules, TSNode n) {
    for (const Rule* r : rules) {
      ctx.set_rule(&r->meta);
      r->check(ctx, n);
    }
  };

  walk_tree(
      tree,
      [&](const FlatNode& f) {
        const TSNode n = f.node;
        const Kind k = f.kind;
        if (k == Kind::kError || ts_node_is_missing(n)) {
          fire(syntax_rules, n);
          if (k == Kind::kError) {
            ancestors.push_back(n);
            return false;  // the inside of an ERROR node is not meaningful code
          }
        }
        if (k == Kind::kFunctionDefinition || k == Kind::kLambda || k == Kind::kClassDefinition) {
          // Decorators, defaults and the name belong to the enclosing scope; rules get the
          // definition node itself in that scope, then its body is walked in the new scope.
          fire(dispatch[size_t(k)], n);
          int s = model.scope_of(n);
          if (s >= 0) {
            scope_stack.push_back(ctx.scope_index());
            scope_nodes.push_back(n);
            ctx.set_scope(s);
          }
        } else {
          if (k == Kind::kType) ++ctx.annotation_depth();
          const auto& rules = dispatch[size_t(k)];
          if (!rules.empty()) fire(rules, n);
          if ((k == Kind::kIdentifier || k == Kind::kAttribute) && !reference_rules.empty() && !ctx.in_annotation() &&
              is_reference(n, ctx.ancestor(1)))
            fire(reference_rules, n);
        }
        ancestors.push_back(n);
        return true;
      },
      [&](const FlatNode& f) {
        ancestors.pop_back();
        if (f.kind == Kind::kType) --ctx.annotation_depth();
        if (!scope_nodes.empty() && ts_node_eq(scope_nodes.back(), f.node)) {
          ctx.set_scope(scope_stack.back());
          scope_stack.pop_back();
          scope_nodes.pop_back();
        }
      });
  ctx.set_rule(nullptr);
}

void filter_noqa(std::vector<Diagnostic>& diagnostics, const SourceMap& map) {
  diagnostics.erase(std::remove_if(diagnostics.begin(), diagnostics.end(),
                                   [&](const Diagnostic& d) {
                                     return noqa_silences(map.line_text(d.location.line), d.code);
                                   }),
                    diagnostics.end());
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column, a.code) <
           std::tie(b.location.file, b.location.line, b.location.column, b.code);
  });
}

FileResult check_module(PythonParser& parser, const std::string& path, std::string_view source,
                        const CheckOptions& options) {
  FileResult result;
  SyntaxTree tree(parser, source);
  if (!tree.ok()) {
    // Only the parse timeout gets here: report it rather than pass the file silently.
    if (rule_enabled(options, "RSG001"))
      result.diagnostics.push_back(Diagnostic{{path, 1, 1}, {path, 1, 1}, Severity::kError, "RSG001",
                                              "syntax error: the file could not be parsed within " +
                                                  std::to_string(kParseTimeoutMicros / 1000000) + " s",
                                              {DiagnosticNote{{}, "check for deeply nested or unbalanced brackets"}}});
    return result;
  }
  const FlatTree flat(tree.root());
  SemanticModel model(flat, source);
  Context ctx(path, source, model, result.diagnostics);
  run_rules(ctx, flat, options);
  result.summary = summarize_module(model, tree.root(), path, ctx.source_map());
  if (options.respect_noqa) filter_noqa(result.diagnostics, ctx.source_map());
  sort_diagnostics(result.diagnostics);
  return result;
}

std::vector<Diagnostic> check_source(const std::string& path, std::string_view source, const CheckOptions& options) {
  PythonParser parser;
  return check_module(parser, path, source, options).diagnostics;
}

}  // namespace restack::check
