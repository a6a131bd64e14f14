#include "check/semantic_model.h"

#include "check/syntax_tree.h"

namespace restack::check {
namespace {

constexpr int kMaxAttributeChain = 64;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// The callee name of a with-item that opens Restack's (or Temporal's) pass-through import
/// block. Textual on purpose: the block usually precedes any binding it could be checked against.
bool is_import_functions_item(TSNode item, std::string_view source) {
  TSNode value = child(item, fields().value);
  if (kind_of(value) == Kind::kAsPattern) value = named_child(value, 0);
  if (kind_of(value) != Kind::kCall) return false;
  std::string_view callee = text(source, child(value, fields().function));
  return ends_with(callee, "import_functions") || ends_with(callee, "imports_passed_through");
}

bool is_common_builtin(std::string_view n) {
  for (std::string_view b : {"eval", "exec", "open", "print", "input", "set", "frozenset", "compile", "__import__"})
    if (n == b) return true;
  return false;
}

}  // namespace

SemanticModel::SemanticModel(const FlatTree& tree, std::string_view source) : source_(source) { build(tree); }

std::string_view SemanticModel::text(TSNode n) const { return check::text(source_, n); }

int SemanticModel::scope_of(TSNode definition) const {
  auto it = scope_by_start_.find(ts_node_start_byte(definition));
  return it == scope_by_start_.end() ? -1 : it->second;
}

bool SemanticModel::is_workflow_api(std::string_view p) {
  return p == "restack_ai.workflow.workflow" || p == "restack_ai.agent.agent" || p == "restack_ai.workflow" ||
         p == "restack_ai.agent" || p == "temporalio.workflow";
}

void SemanticModel::bind(int scope, std::string name, Binding b) {
  Scope* s = &scopes_[size_t(scope)];
  if (s->globals.count(name)) s = &scopes_[0];
  auto [it, inserted] = s->bindings.try_emplace(std::move(name), b);
  if (inserted) return;
  Binding& old = it->second;
  // A later assignment shadows an import (conservative: `json = None` after a failed import
  // must not make every json.* call look like the module's), but a re-import stays an import.
  bool keep_flag = old.in_import_functions;
  old = std::move(b);
  old.in_import_functions = old.in_import_functions || (keep_flag && old.type == BindingType::kImport);
}

void SemanticModel::bind_targets(TSNode target, int scope, TSNode value) {
  switch (kind_of(target)) {
    case Kind::kIdentifier: {
      Binding b;
      b.type = BindingType::kVariable;
      b.value = value;
      bind(scope, std::string(text(target)), b);
      break;
    }
    case Kind::kAttribute: {
      // self.x = value inside a method: remember it on the class (set iteration, SQL strings).
      TSNode obj = child(target, fields().object);
      const Scope& s = scopes_[size_t(scope)];
      if (!ts_node_is_null(value) && kind_of(obj) == Kind::kIdentifier && text(obj) == "self" &&
          s.type == ScopeType::kFunction && s.parent >= 0 && scopes_[size_t(s.parent)].type == ScopeType::kClass)
        scopes_[size_t(s.parent)].self_attribute_values[std::string(text(child(target, fields().attribute)))] = value;
      break;
    }
    case Kind::kPatternList:
    case Kind::kTuplePattern:
    case Kind::kListPattern:
    case Kind::kTuple:
    case Kind::kList:
    case Kind::kListSplatPattern:
    case Kind::kParenthesizedExpression:
      for_each_named_child(target, [&](TSNode c) { bind_targets(c, scope, TSNode{}); });
      break;
    default:
      break;
  }
}

void SemanticModel::bind_parameters(TSNode params, int scope) {
  if (ts_node_is_null(params)) return;
  for_each_named_child(params, [&](TSNode p) {
    TSNode name{};
    switch (kind_of(p)) {
      case Kind::kIdentifier: name = p; break;
      case Kind::kDefaultParameter:
      case Kind::kTypedDefaultParameter: name = child(p, fields().name); break;
      case Kind::kTypedParameter:
      case Kind::kListSplatPattern:
      case Kind::kDictionarySplatPattern: {
        TSNode first = named_child(p, 0);
        if (kind_of(first) == Kind::kIdentifier) name = first;
        else if (kind_of(first) == Kind::kListSplatPattern || kind_of(first) == Kind::kDictionarySplatPattern)
          name = named_child(first, 0);
        break;
      }
      default: break;
    }
    if (kind_of(name) == Kind::kIdentifier) bind(scope, std::string(text(name)), Binding{});
  });
}

void SemanticModel::bind_import(TSNode stmt, int scope, bool in_import_functions) {
  Binding b;
  b.type = BindingType::kImport;
  b.in_import_functions = in_import_functions;
  b.definition = stmt;
  if (kind_of(stmt) == Kind::kImportStatement) {
    for_each_named_child(stmt, [&](TSNode n) {
      if (kind_of(n) == Kind::kAliasedImport) {
        b.qualified_name = std::string(text(child(n, fields().name)));
        bind(scope, std::string(text(child(n, fields().alias))), b);
      } else if (kind_of(n) == Kind::kDottedName) {
        // `import a.b.c` binds only `a`.
        std::string_view full = text(n);
        std::string_view first = full.substr(0, full.find('.'));
        b.qualified_name = std::string(first);
        bind(scope, std::string(first), b);
      }
    });
    return;
  }
  TSNode module = child(stmt, fields().module_name);
  std::string module_name;
  for (char c : text(module))
    if (c != ' ' && c != '\t' && c != '\\' && c != '\n' && c != '\r') module_name += c;
  bool relative_root = !module_name.empty() && module_name.back() == '.';
  auto qualify = [&](std::string_view name) {
    return relative_root ? module_name + std::string(name) : module_name + "." + std::string(name);
  };
  for_each_named_child(stmt, [&](TSNode n) {
    if (ts_node_eq(n, module)) return;
    if (kind_of(n) == Kind::kAliasedImport) {
      b.qualified_name = qualify(text(child(n, fields().name)));
      bind(scope, std::string(text(child(n, fields().alias))), b);
    } else if (kind_of(n) == Kind::kDottedName) {
      b.qualified_name = qualify(text(n));
      bind(scope, std::string(text(n)), b);
    } else if (kind_of(n) == Kind::kWildcardImport) {
      scopes_[size_t(scope)].star_imports.push_back(module_name);
    }
  });
}

void SemanticModel::build(const FlatTree& tree) {
  scopes_.push_back(Scope{});
  scopes_[0].node = tree.nodes().front().node;
  // Walk state: the scope each open definition pushed, and how many import_functions blocks
  // enclose the current node.
  struct Frame {
    TSNode node;
    int scope;
  };
  std::vector<Frame> scope_stack;
  std::vector<TSNode> import_blocks;
  int current = 0;
  TSNode pending_decorated{};

  auto open_scope = [&](TSNode def, ScopeType type) {
    Scope s;
    s.type = type;
    s.parent = current;
    s.node = def;
    s.name = std::string(text(child(def, fields().name)));
    if (type == ScopeType::kFunction) {
      TSNode first = ts_node_child(def, 0);
      s.is_async = kind_of(first) == Kind::kKeyword;
    }
    int index = int(scopes_.size());
    scopes_.push_back(std::move(s));
    scope_by_start_[ts_node_start_byte(def)] = index;
    scope_stack.push_back({def, current});
    return index;
  };

  walk_tree(
      tree,
      [&](const FlatNode& f) {
        const TSNode n = f.node;
        switch (f.kind) {
          case Kind::kDecoratedDefinition:
            pending_decorated = n;
            break;
          case Kind::kFunctionDefinition: {
            Binding b;
            b.type = BindingType::kFunction;
            b.definition = n;
            bind(current, std::string(text(child(n, fields().name))), b);
            int s = open_scope(n, ScopeType::kFunction);
            if (!ts_node_is_null(pending_decorated) &&
                ts_node_eq(child(pending_decorated, fields().definition), n))
              decorated_.push_back({pending_decorated, s});
            current = s;
            bind_parameters(child(n, fields().parameters), current);
            break;
          }
          case Kind::kLambda: {
            int s = open_scope(n, ScopeType::kLambda);
            current = s;
            bind_parameters(child(n, fields().parameters), current);
            break;
          }
          case Kind::kClassDefinition: {
            Binding b;
            b.type = BindingType::kClass;
            b.definition = n;
            bind(current, std::string(text(child(n, fields().name))), b);
            int s = open_scope(n, ScopeType::kClass);
            if (!ts_node_is_null(pending_decorated) &&
                ts_node_eq(child(pending_decorated, fields().definition), n))
              decorated_.push_back({pending_decorated, s});
            current = s;
            break;
          }
          case Kind::kWithStatement: {
            TSNode clause = first_child_of_kind(n, Kind::kWithClause);
            bool is_block = false;
            if (!ts_node_is_null(clause))
              for_each_named_child(clause, [&](TSNode item) {
                if (kind_of(item) == Kind::kWithItem && is_import_functions_item(item, source_)) is_block = true;
              });
            if (is_block) import_blocks.push_back(n);
            break;
          }
          case Kind::kImportStatement:
          case Kind::kImportFromStatement:
            bind_import(n, current, !import_blocks.empty());
            return false;
          case Kind::kAssignment: {
            TSNode right = child(n, fields().right);
            // a = b = value: the right side of the outer assignment is itself an assignment.
            TSNode value = right;
            while (kind_of(value) == Kind::kAssignment) value = child(value, fields().right);
            bind_targets(child(n, fields().left), current, value);
            break;
          }
          case Kind::kAugmentedAssignment: {
            TSNode left = child(n, fields().left);
            if (kind_of(left) == Kind::kIdentifier) {
              std::string name(text(left));
              Scope& s = scopes_[size_t(current)];
              if (!s.bindings.count(name) && !s.globals.count(name)) bind(current, name, Binding{});
            }
            break;
          }
          case Kind::kForStatement:
          case Kind::kForInClause:
            bind_targets(child(n, fields().left), current, TSNode{});
            break;
          case Kind::kAsPattern: {
            TSNode alias = child(n, fields().alias);
            TSNode target = kind_of(alias) == Kind::kAsPatternTarget ? named_child(alias, 0) : alias;
            bind_targets(target, current, named_child(n, 0));
            break;
          }
          case Kind::kGlobalStatement:
            for_each_named_child(n, [&](TSNode id) {
              if (kind_of(id) == Kind::kIdentifier) scopes_[size_t(current)].globals.insert(std::string(text(id)));
            });
            break;
          case Kind::kCall:
            calls_.push_back({n, child(n, fields().function), current});
            break;
          case Kind::kNamedExpression: {
            TSNode name = child(n, fields().name);
            if (kind_of(name) == Kind::kIdentifier) bind(current, std::string(text(name)), Binding{});
            break;
          }
          default:
            break;
        }
        return true;
      },
      [&](const FlatNode& f) {
        const TSNode n = f.node;
        if (!scope_stack.empty() && ts_node_eq(scope_stack.back().node, n)) {
          current = scope_stack.back().scope;
          scope_stack.pop_back();
        }
        if (!import_blocks.empty() && ts_node_eq(import_blocks.back(), n)) import_blocks.pop_back();
      });

  mark_workflow_code();
}

const Binding* SemanticModel::lookup(std::string_view name, int scope, int* found_in) const {
  std::string key(name);
  int s = scope;
  bool first = true;
  while (s >= 0) {
    const Scope& sc = scopes_[size_t(s)];
    // `global x` sends the lookup to the module scope; at module level it changes nothing (and
    // jumping to scope 0 from scope 0 would never end: found by the check fuzzer).
    if (s != 0 && sc.globals.count(key)) {
      s = 0;
      first = false;
      continue;
    }
    // Class bodies are not enclosing scopes for their methods.
    if (first || sc.type != ScopeType::kClass) {
      auto it = sc.bindings.find(key);
      if (it != sc.bindings.end()) {
        if (found_in) *found_in = s;
        return &it->second;
      }
    }
    first = false;
    s = sc.parent;
  }
  return nullptr;
}

Resolved SemanticModel::resolve(TSNode expr, int scope) const {
  Resolved r;
  std::vector<std::string_view> attrs;
  TSNode base = expr;
  for (int i = 0; kind_of(base) == Kind::kAttribute; ++i) {
    if (i >= kMaxAttributeChain) return r;
    attrs.push_back(text(child(base, fields().attribute)));
    base = child(base, fields().object);
  }
  if (kind_of(base) != Kind::kIdentifier) return r;
  std::string_view name = text(base);
  int found_in = -1;
  const Binding* b = lookup(name, scope, &found_in);
  std::string qn;
  if (!b) {
    if (!scopes_[0].star_imports.empty()) {
      // `from restack_ai.workflow import *` is common in examples; anything else is unknowable.
      for (const auto& m : scopes_[0].star_imports)
        if (m.rfind("restack_ai", 0) == 0 || m.rfind("temporalio", 0) == 0) qn = m + "." + std::string(name);
      // A star import could shadow a builtin, but no real module exports eval or open.
      if (qn.empty() && is_common_builtin(name)) qn = "builtins." + std::string(name);
      if (qn.empty()) return r;
    } else {
      qn = "builtins." + std::string(name);
    }
  } else if (b->type == BindingType::kImport) {
    qn = b->qualified_name;
  } else {
    r.kind = (found_in == 0 && b->type == BindingType::kVariable) ? Resolved::kModuleVariable : Resolved::kLocal;
    return r;
  }
  for (auto it = attrs.rbegin(); it != attrs.rend(); ++it) {
    qn += '.';
    qn += *it;
  }
  r.kind = Resolved::kQualified;
  r.qualified_name = std::move(qn);
  return r;
}

std::string SemanticModel::qualified_name(TSNode expr, int scope) const {
  Resolved r = resolve(expr, scope);
  return r.kind == Resolved::kQualified ? std::move(r.qualified_name) : std::string();
}

std::vector<std::string> SemanticModel::decorators(int scope) const {
  std::vector<std::string> out;
  for (const auto& d : decorated_) {
    if (d.scope != scope) continue;
    int outer = scopes_[size_t(scope)].parent;
    for_each_named_child(d.decorated, [&](TSNode dec) {
      if (kind_of(dec) != Kind::kDecorator) return;
      TSNode e = named_child(dec, 0);
      if (kind_of(e) == Kind::kCall) e = child(e, fields().function);
      std::string qn = qualified_name(e, outer);
      if (!qn.empty()) out.push_back(std::move(qn));
    });
  }
  return out;
}

bool SemanticModel::has_api_decorator(int scope, std::string_view member) const {
  for (const auto& qn : decorators(scope)) {
    size_t dot = qn.rfind('.');
    if (dot != std::string::npos && std::string_view(qn).substr(dot + 1) == member &&
        is_workflow_api(std::string_view(qn).substr(0, dot)))
      return true;
  }
  return false;
}

void SemanticModel::mark_workflow_code() {
  for (size_t i = 0; i < scopes_.size(); ++i) {
    Scope& s = scopes_[i];
    if (s.type == ScopeType::kClass && has_api_decorator(int(i), "defn")) s.is_workflow_class = true;
    if (s.type == ScopeType::kFunction && s.parent >= 0 && scopes_[size_t(s.parent)].type == ScopeType::kClass &&
        has_api_decorator(int(i), "run"))
      scopes_[size_t(s.parent)].has_run_method = true;
  }
  std::vector<bool> reachable(scopes_.size(), false);
  for (int round = 0; round < 64; ++round) {
    bool changed = false;
    for (size_t i = 1; i < scopes_.size(); ++i) {
      Scope& s = scopes_[i];
      if (s.type == ScopeType::kClass || s.workflow_code) continue;
      const Scope& p = scopes_[size_t(s.parent)];
      bool wf = reachable[i] || (p.type == ScopeType::kClass && p.is_workflow_class) ||
                ((p.type == ScopeType::kFunction || p.type == ScopeType::kLambda) && p.workflow_code);
      if (wf) {
        s.workflow_code = true;
        changed = true;
      }
    }
    // Same-module functions called from workflow code run as workflow code too.
    for (const auto& c : calls_) {
      if (!scopes_[size_t(c.scope)].workflow_code || kind_of(c.callee) != Kind::kIdentifier) continue;
      int found_in = -1;
      const Binding* b = lookup(text(c.callee), c.scope, &found_in);
      if (!b || found_in != 0 || b->type != BindingType::kFunction) continue;
      int target = scope_of(b->definition);
      if (target > 0 && !reachable[size_t(target)]) {
        reachable[size_t(target)] = true;
        changed = true;
      }
    }
    if (!changed) break;
  }
}

}  // namespace restack::check
