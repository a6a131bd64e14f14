// Statements: output, if, for, set, macros, call blocks, blocks and inheritance, include, import.
#include "template/renderer.h"

#include <algorithm>
#include <typeinfo>

#include "template/errors.h"
#include "template/objects.h"
#include "template/operators.h"

namespace restack::tmpl {

namespace {

/// eval(E).truthy(), with the same errors at the same lines, but a name or attribute chain is
/// tested where it is stored (no copy), and `not`, `and` and `or` build no value.
bool test_truthy(Renderer& r, const Expr& e, Frame& f) {
  if (const Value* stored = r.find_stored(e, f)) return stored->truthy();
  if (e.kind == ExprKind::kUnary && static_cast<const UnaryExpr&>(e).op == UnaryOp::kNot) {
    try {  // eval would raise inside the `not` node
      return !test_truthy(r, *static_cast<const UnaryExpr&>(e).operand, f);
    } catch (const DiagnosticError& err) {
      relocate(err, r.current_template(), e.line);
    }
  }
  if (e.kind == ExprKind::kBinary) {
    const auto& b = static_cast<const BinaryExpr&>(e);
    if (b.op == BinaryOp::kAnd || b.op == BinaryOp::kOr) {
      bool left;
      try {  // the left side is tested inside the `and`/`or` node; the right side's value is its result
        left = test_truthy(r, *b.left, f);
      } catch (const DiagnosticError& err) {
        relocate(err, r.current_template(), e.line);
      }
      if (b.op == BinaryOp::kAnd) return left && test_truthy(r, *b.right, f);
      return left || test_truthy(r, *b.right, f);
    }
  }
  return r.eval(e, f).truthy();
}

}  // namespace

void Frame::set(const std::string& name, Value v) {
  if (toplevel) {
    auto [it, inserted] = ctx->vars.insert_or_assign(name, std::move(v));
    (void)it;
    bool known = false;
    for (const auto& e : ctx->exported) known = known || e == name;
    if (!known) ctx->exported.push_back(name);
    return;
  }
  for (auto& [k, val] : vars) {
    if (same_text(k, name)) {
      val = std::move(v);
      return;
    }
  }
  vars.emplace_back(name, std::move(v));
}

Renderer::Renderer(const Options& options, const Registry& registry, const std::map<std::string, Value>& globals,
                   TemplateLoader& loader)
    : options_(options), registry_(registry), globals_(globals), loader_(loader) {
  current_template_ = &no_template_;
}

Renderer::~Renderer() = default;

Renderer::DepthScope::DepthScope(Renderer& r) : r_(r) {
  if (++r_.depth_ > r_.options_.max_recursion_depth) {
    --r_.depth_;
    raise_error("maximum recursion depth exceeded (" + std::to_string(r_.options_.max_recursion_depth) +
                    " nested macro calls, includes or recursive loops)",
                kLimitErrorCode);
  }
}

Renderer::PooledVars::PooledVars(Renderer& r, Frame& frame) : r_(r), frame_(frame) {
  if (!r.vars_pool_.empty()) {
    frame.vars = std::move(r.vars_pool_.back());
    r.vars_pool_.pop_back();
  }
}

Renderer::PooledVars::~PooledVars() {
  frame_.vars.clear();
  try {
    r_.vars_pool_.push_back(std::move(frame_.vars));
  } catch (...) {  // out of memory: this one is freed instead of kept
  }
}

void Renderer::inherit_context(Context& ctx, const Context& from) {
  ctx.vars = from.vars;
  ctx.data = from.data;
}

Context* Renderer::new_context() {
  contexts_.push_back(std::make_unique<Context>());
  return contexts_.back().get();
}

void Renderer::count_iterations(uint64_t n) {
  iterations_ += n;
  if (iterations_ > options_.max_loop_iterations)
    raise_error("too many loop iterations (the limit is " + std::to_string(options_.max_loop_iterations) + ")",
                kLimitErrorCode);
}

void Renderer::write_past_limit(std::string_view) {
  raise_error("output too large (the limit is " + std::to_string(options_.max_output_bytes) + " bytes)", kLimitErrorCode);
}

void Renderer::write_value(const Value& v) {
  if (discarding_) return;
  if (v.is_string()) {
    write(v.as_string());
    return;
  }
  if (v.is_undefined()) {
    if (v.undefined_info() && v.undefined_info()->strict) raise_undefined(v);
    return;
  }
  std::string text;
  append_str(text, v);
  write(text);
}

std::string Renderer::render(std::shared_ptr<const Template> tmpl, const Value& data) {
  OutputBuffer out;
  // One allocation of about the size the last render of this template had, with an eighth more
  // for a longer one, instead of growing the output by doubling (a copy at each step).
  const size_t hint = tmpl->output_size_hint.load(std::memory_order_relaxed);
  out.reserve(std::min(hint + hint / 8, options_.max_output_bytes));
  out_ = &out;
  keep_alive_.push_back(tmpl);
  parallel_ok_ = parallel_allowed_ && tmpl->parallel_safe && options_.threads != 1;
  Context* ctx = new_context();
  if (data.is_dict()) ctx->data = data;  // shared, not copied: looked up by find_variable
  render_template_body(*tmpl, *ctx);
  tmpl->output_size_hint.store(out.size(), std::memory_order_relaxed);
  return out.take();
}

void Renderer::render_template_body(const Template& t, Context& ctx) {
  TemplateScope scope(*this, t.name);
  ctx.tmpl = &t;
  for (const auto& [name, block] : t.blocks) ctx.blocks[name].push_back(BlockRef{block, &t});
  ctx.self_ref = Value(std::make_shared<TemplateRefObject>(&ctx));
  // `self` is this template's own, even where an including template has a variable `self`.
  if (!ctx.vars.empty()) ctx.vars.erase("self");
  Frame root;
  root.ctx = &ctx;
  root.toplevel = true;
  bool saved_discarding = discarding_;
  exec_body(t.body, root);
  discarding_ = saved_discarding;
  // Inheritance: the parent renders with the same context, child blocks first in line.
  while (ctx.has_parent) {
    std::shared_ptr<const Template> parent = ctx.parent;
    ctx.has_parent = false;
    ctx.parent.reset();
    keep_alive_.push_back(parent);
    TemplateScope parent_scope(*this, parent->name);
    ctx.tmpl = parent.get();
    for (const auto& [name, block] : parent->blocks) ctx.blocks[name].push_back(BlockRef{block, parent.get()});
    Frame proot;
    proot.ctx = &ctx;
    proot.toplevel = true;
    exec_body(parent->body, proot);
    discarding_ = saved_discarding;
  }
}

void Renderer::exec_body(const Body& body, Frame& f) {
  for (const auto& s : body) {
    // Text between tags, the most common statement, is written here without a call to exec;
    // past the output limit exec writes it and reports the error at the statement's line.
    if (s->kind == StmtKind::kData) {
      if (discarding_) continue;
      const std::string& text = static_cast<const DataStmt&>(*s).text;
      if (out_->size() + text.size() <= options_.max_output_bytes) {
        out_->append(text);
        continue;
      }
    } else if (s->kind == StmtKind::kPrint) {  // the next most common: no trip through exec's switch
      try {
        exec_print(static_cast<const PrintStmt&>(*s), f);
      } catch (const DiagnosticError& e) {
        relocate(e, *current_template_, s->line);
      }
      continue;
    }
    exec(*s, f);
  }
}

void Renderer::exec(const Stmt& s, Frame& f) {
  try {
    switch (s.kind) {
      case StmtKind::kData:
        write(static_cast<const DataStmt&>(s).text);
        return;
      case StmtKind::kPrint: exec_print(static_cast<const PrintStmt&>(s), f); return;
      case StmtKind::kIf: {
        const auto& i = static_cast<const IfStmt&>(s);
        for (const auto& [test, body] : i.branches) {
          if (test_truthy(*this, *test, f)) {
            exec_body(body, f);
            return;
          }
        }
        exec_body(i.otherwise, f);
        return;
      }
      case StmtKind::kFor: exec_for(static_cast<const ForStmt&>(s), f); return;
      case StmtKind::kSet: exec_set(static_cast<const SetStmt&>(s), f); return;
      case StmtKind::kSetBlock: {
        const auto& sb = static_cast<const SetBlockStmt&>(s);
        Frame inner;
        inner.ctx = f.ctx;
        inner.parent = &f;
        Value v(capture([&] { exec_body(sb.body, inner); }));
        v = apply_filters(sb.filters, std::move(v), f);
        assign(sb.target, v, f);
        return;
      }
      case StmtKind::kWith: {
        const auto& w = static_cast<const WithStmt&>(s);
        Frame inner;
        inner.ctx = f.ctx;
        inner.parent = &f;
        std::vector<Value> values;
        for (const auto& [target, expr] : w.assignments) values.push_back(eval(*expr, f));
        for (size_t i = 0; i < values.size(); ++i) assign(w.assignments[i].first, values[i], inner);
        exec_body(w.body, inner);
        return;
      }
      case StmtKind::kMacro: {
        const auto& m = static_cast<const MacroStmt&>(s);
        f.set(m.macro->name, Value(std::make_shared<MacroObject>(m.macro, f.ctx, snapshot_locals(f))));
        return;
      }
      case StmtKind::kCallBlock: exec_call_block(static_cast<const CallBlockStmt&>(s), f); return;
      case StmtKind::kFilterBlock: {
        const auto& fb = static_cast<const FilterBlockStmt&>(s);
        Value v(capture([&] { exec_body(fb.body, f); }));
        write_value(apply_filters(fb.filters, std::move(v), f));
        return;
      }
      case StmtKind::kBlock: exec_block(static_cast<const BlockStmt&>(s), f); return;
      case StmtKind::kExtends: exec_extends(static_cast<const ExtendsStmt&>(s), f); return;
      case StmtKind::kInclude: exec_include(static_cast<const IncludeStmt&>(s), f); return;
      case StmtKind::kImport: exec_import(static_cast<const ImportStmt&>(s), f); return;
      case StmtKind::kFromImport: exec_from_import(static_cast<const FromImportStmt&>(s), f); return;
      case StmtKind::kScope: {
        Frame inner;
        inner.ctx = f.ctx;
        inner.parent = &f;
        exec_body(static_cast<const ScopeStmt&>(s).body, inner);
        return;
      }
    }
  } catch (const DiagnosticError& e) {
    relocate(e, *current_template_, s.line);
  }
}

Value Renderer::apply_filters(const std::vector<std::unique_ptr<FilterExpr>>& filters, Value v, Frame& f) {
  for (const auto& fe : filters) v = eval_filter(*fe, v, f);
  return v;
}

VarList Renderer::snapshot_locals(const Frame& f) const {
  VarList out;
  for (const Frame* fr = &f; fr; fr = fr->parent) {
    auto add = [&](const VarList& vars) {
      for (const auto& [k, v] : vars) {
        bool shadowed = false;
        for (const auto& [k2, v2] : out) shadowed = shadowed || k2 == k;
        if (!shadowed) out.emplace_back(k, v);
      }
    };
    add(fr->vars);
    if (fr->closure) add(*fr->closure);
  }
  return out;
}

void Renderer::assign(const Target& t, const Value& v, Frame& f) {
  switch (t.kind) {
    case Target::Kind::kName: f.set(t.name, v); return;
    case Target::Kind::kNamespaceAttr: {
      Value ns = lookup(t.name, f);
      if (!ns.is_object() || !ns.as_object()->setattr(t.attr, v)) raise_error("cannot assign attribute on non-namespace object");
      return;
    }
    case Target::Kind::kTuple: {
      if (v.is_undefined()) raise_undefined(v);
      std::vector<Value> copied;
      if (!v.is_sequence()) copied = iterate(v);  // lists and tuples unpack in place
      const std::vector<Value>& items = v.is_sequence() ? v.as_list().items : copied;
      if (items.size() < t.items.size())
        raise_error("not enough values to unpack (expected " + std::to_string(t.items.size()) + ", got " +
                    std::to_string(items.size()) + ")");
      if (items.size() > t.items.size())
        raise_error("too many values to unpack (expected " + std::to_string(t.items.size()) + ")");
      for (size_t i = 0; i < items.size(); ++i) assign(t.items[i], items[i], f);
      return;
    }
  }
}

void Renderer::exec_set(const SetStmt& s, Frame& f) { assign(s.target, eval(*s.value, f), f); }

void Renderer::exec_for(const ForStmt& s, Frame& f) {
  Value iterable = eval(*s.iter, f);
  if (iterable.is_undefined() && iterable.undefined_info() && iterable.undefined_info()->strict) raise_undefined(iterable);
  std::vector<Value> items = iterate(iterable);
  run_loop(s, std::move(items), f, 0);
}

void Renderer::run_loop(const ForStmt& s, std::vector<Value> items, Frame& outer, int depth0) {
  Frame frame;
  frame.ctx = outer.ctx;
  frame.parent = &outer;
  PooledVars pooled(*this, frame);
  if (s.filter) {
    std::vector<Value> kept;
    for (auto& item : items) {
      count_iterations(1);
      frame.vars.clear();
      assign(s.target, item, frame);
      if (test_truthy(*this, *s.filter, frame)) kept.push_back(std::move(item));
    }
    items = std::move(kept);
  }
  if (items.empty()) {
    frame.vars.clear();
    exec_body(s.otherwise, frame);
    return;
  }
  auto loop = std::make_shared<LoopObject>();
  loop->items = std::move(items);
  loop->depth0 = depth0;
  if (s.recursive) {
    loop->recursive_stmt = &s;
    loop->outer = &outer;
  }
  struct Deactivate {
    LoopObject* l;
    ~Deactivate() {
      l->active = false;
      l->outer = nullptr;
    }
  } deactivate{loop.get()};
  Value loop_value(std::static_pointer_cast<Object>(loop));
  const size_t n = loop->items.size();
  if (size_t chunks = loop_chunks(s, n); chunks > 1) {
    run_split_loop(s, loop_value, frame, outer, chunks);
    return;
  }
  run_iterations(s, loop_value, frame, 0, n);
}

void Renderer::run_iterations(const ForStmt& s, const Value& loop_value, Frame& frame, size_t begin, size_t end) {
  auto* loop = static_cast<LoopObject*>(loop_value.as_object());
  frame.vars.clear();
  frame.vars.emplace_back("loop", loop_value);
  // `for x in ...`: from the second iteration on, the target's entry (right after `loop`) only
  // gets the new item; assign would look the name up and copy it again.
  const bool one_name = s.target.kind == Target::Kind::kName && s.target.name != "loop";
  for (size_t i = begin; i < end; ++i) {
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) return;  // a split loop's part no longer needed
    count_iterations(1);
    loop->index0 = i;
    // Each iteration starts with only `loop` (kept, not rebuilt; the body may have replaced it)
    // and the target.
    if (frame.vars[0].second.identity() != loop_value.identity()) frame.vars[0].second = loop_value;
    if (one_name && frame.vars.size() >= 2 && same_text(frame.vars[1].first, s.target.name)) {
      frame.vars.erase(frame.vars.begin() + 2, frame.vars.end());
      frame.vars[1].second = loop->items[i];
    } else {
      frame.vars.erase(frame.vars.begin() + 1, frame.vars.end());
      assign(s.target, loop->items[i], frame);
    }
    exec_body(s.body, frame);
  }
}

void Renderer::exec_call_block(const CallBlockStmt& s, Frame& f) {
  auto caller = std::make_shared<MacroObject>(s.caller, f.ctx, snapshot_locals(f));
  Value callee = eval(*s.call->callee, f);
  CallArgs args;
  eval_args(s.call->args, f, args);
  args.kwargs.emplace_back("caller", Value(std::static_pointer_cast<Object>(caller)));
  write_value(call(callee, args));
}

void Renderer::exec_print(const PrintStmt& p, Frame& f) {
  if (discarding_) return;  // Jinja2 skips output after `extends`
  const Expr& e = *p.expr;
  if (e.kind == ExprKind::kCall && static_cast<const CallExpr&>(e).callee->kind == ExprKind::kName) {
    // `{{ macro(...) }}`: the macro writes its output in place.
    const auto& c = static_cast<const CallExpr&>(e);
    try {
      const auto& callee_name = static_cast<const NameExpr&>(*c.callee);
      const Value* stored = find_variable(callee_name.name, callee_name.hash, f);
      Value callee = stored ? *stored : eval(*c.callee, f);
      PooledArgs args(*this);
      eval_args(c.args, f, *args);
      if (callee.is_object() && typeid(*callee.as_object()) == typeid(MacroObject)) {  // cheaper than dynamic_cast
        static_cast<MacroObject*>(callee.as_object())->call_into_output(*this, *args);
        return;
      }
      write_value(call(callee, *args));
    } catch (const DiagnosticError& err) {
      relocate(err, *current_template_, e.line);
    }
    return;
  }
  if (const Value* stored = find_stored(e, f)) return write_value(*stored);  // `{{ m.name }}`: no copy
  write_value(eval(e, f));
}

Value Renderer::call_macro(const MacroDef& def, Context* ctx, const VarList& closure, CallArgs& args) {
  return Value(capture([&] { call_macro_into_output(def, ctx, closure, args); }));
}

void Renderer::call_macro_into_output(const MacroDef& def, Context* ctx, const VarList& closure, CallArgs& args) {
  DepthScope depth(*this);
  Frame frame;
  frame.ctx = ctx;
  frame.closure = &closure;
  PooledVars pooled(*this, frame);
  TemplateScope scope(*this, def.template_name);
  bind_macro_args(def, args, frame);
  exec_body(def.body, frame);
}

void Renderer::bind_macro_args(const MacroDef& def, CallArgs& args, Frame& frame) {
  size_t n = def.params.size();
  bool bound_small[16] = {};  // no allocation for the usual few parameters
  std::unique_ptr<bool[]> bound_large(n > 16 ? new bool[n]() : nullptr);
  bool* bound = n > 16 ? bound_large.get() : bound_small;
  frame.vars.reserve(n + 3);
  for (size_t i = 0; i < n && i < args.args.size(); ++i) {
    frame.vars.emplace_back(def.params[i].name, args.args[i]);
    bound[i] = true;
  }
  Value caller;
  bool have_caller = false;
  Value kwargs;
  if (def.uses_kwargs) kwargs = Value::dict();
  for (auto& [k, v] : args.kwargs) {
    bool matched = false;
    for (size_t i = 0; i < n; ++i) {
      if (def.params[i].name == k) {
        if (bound[i]) raise_error("macro '" + def.name + "' got multiple values for argument '" + k + "'");
        frame.vars.emplace_back(k, v);
        bound[i] = true;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (k == "caller" && def.uses_caller) {
      caller = v;
      have_caller = true;
      continue;
    }
    if (!def.uses_kwargs) raise_error("macro '" + def.name + "' takes no keyword argument '" + k + "'");
    kwargs.as_dict().set(Value(k), v);
  }
  if (args.args.size() > n && !def.uses_varargs)
    raise_error("macro '" + def.name + "' takes not more than " + std::to_string(n) + " argument(s)");
  for (size_t i = 0; i < n; ++i) {
    if (bound[i]) continue;
    if (def.params[i].default_value) {
      frame.vars.emplace_back(def.params[i].name, eval(*def.params[i].default_value, frame));
    } else {
      frame.vars.emplace_back(def.params[i].name, make_undefined("parameter '" + def.params[i].name + "' was not provided"));
    }
  }
  if (def.uses_caller && !have_caller) caller = make_undefined("No caller defined");
  if (def.uses_caller) frame.vars.emplace_back("caller", caller);
  if (def.uses_varargs) {
    std::vector<Value> extra;
    for (size_t i = n; i < args.args.size(); ++i) extra.push_back(args.args[i]);
    frame.vars.emplace_back("varargs", Value::tuple(std::move(extra)));
  }
  if (def.uses_kwargs) frame.vars.emplace_back("kwargs", kwargs);
}

void Renderer::exec_block(const BlockStmt& s, Frame& f) {
  if (discarding_) return;  // a child's block in place of the parent's is rendered by the parent
  render_block(s.name, 0, f);
}

void Renderer::render_block(const std::string& name, size_t index, Frame& caller_frame) {
  Context* ctx = caller_frame.ctx;
  auto it = ctx->blocks.find(name);
  if (it == ctx->blocks.end() || index >= it->second.size()) return;
  const BlockRef& ref = it->second[index];
  if (ref.block->required)
    raise_error("Required block '" + name + "' not found.");
  DepthScope depth(*this);
  TemplateScope scope(*this, ref.tmpl->name);
  Frame frame;
  frame.ctx = ctx;
  if (ref.block->scoped) frame.parent = &caller_frame;
  if (index + 1 < it->second.size())
    frame.vars.emplace_back("super", Value(std::make_shared<BlockCallObject>(ctx, name, index + 1)));
  else
    frame.vars.emplace_back("super", make_undefined("there is no parent block called '" + name + "'."));
  exec_body(ref.block->body, frame);
}

std::shared_ptr<const Template> Renderer::load_named(const Value& name, bool ignore_missing) {
  if (name.is_sequence()) {
    std::string tried;
    for (const auto& n : name.as_list().items) {
      try {
        return load_named(n, false);
      } catch (const DiagnosticError& e) {
        if (e.diagnostic().code != kNotFoundErrorCode) throw;
      }
      if (!tried.empty()) tried += ", ";
      tried += to_str(n);
    }
    if (ignore_missing) return nullptr;
    raise_error("none of the templates given were found: " + tried, kNotFoundErrorCode);
  }
  if (name.is_undefined()) raise_undefined(name);
  if (!name.is_string()) raise_error("template name must be a string, got " + type_name(name), kNotFoundErrorCode);
  try {
    auto t = loader_.load(name.as_string());
    keep_alive_.push_back(t);
    return t;
  } catch (const DiagnosticError& e) {
    if (ignore_missing && e.diagnostic().code == kNotFoundErrorCode) return nullptr;
    throw;
  }
}

void Renderer::exec_extends(const ExtendsStmt& s, Frame& f) {
  if (f.ctx->has_parent) raise_error("extended multiple times");
  auto parent = load_named(eval(*s.template_name, f), false);
  f.ctx->has_parent = true;
  f.ctx->parent = parent;
  discarding_ = true;
}

void Renderer::exec_include(const IncludeStmt& s, Frame& f) {
  if (discarding_) return;
  auto t = load_named(eval(*s.template_name, f), s.ignore_missing);
  if (!t) return;
  DepthScope depth(*this);
  Context* ctx = new_context();
  if (s.with_context) {
    inherit_context(*ctx, *f.ctx);
    VarList locals = snapshot_locals(f);
    for (auto& [k, v] : locals)
      if (k != "loop") ctx->vars.insert_or_assign(k, v);  // Jinja2 does not pass `loop` on
  }
  render_template_body(*t, *ctx);
}

Value Renderer::import_module(const Value& name, bool with_context, Frame& f) {
  auto t = load_named(name, false);
  if (!with_context) {
    auto it = module_cache_.find(t.get());
    if (it != module_cache_.end()) return it->second;
  }
  DepthScope depth(*this);
  Context* ctx = new_context();
  if (with_context) {
    inherit_context(*ctx, *f.ctx);
    VarList locals = snapshot_locals(f);
    for (auto& [k, v] : locals) ctx->vars.insert_or_assign(k, v);
  }
  std::string body = capture([&] { render_template_body(*t, *ctx); });
  Value module(std::make_shared<ModuleObject>(ctx, std::move(body), t->name));
  if (!with_context) module_cache_[t.get()] = module;
  return module;
}

void Renderer::exec_import(const ImportStmt& s, Frame& f) {
  f.set(s.target, import_module(eval(*s.template_name, f), s.with_context, f));
}

void Renderer::exec_from_import(const FromImportStmt& s, Frame& f) {
  Value name = eval(*s.template_name, f);
  Value module = import_module(name, s.with_context, f);
  auto* m = static_cast<ModuleObject*>(module.as_object());
  for (const auto& [exported, alias] : s.names) {
    Value v;
    if (m->getattr(exported, v)) {
      f.set(alias, v);
    } else {
      f.set(alias, make_undefined("the template " + repr(name) + " (imported on line " + std::to_string(s.line) +
                                  ") does not export the requested name " + repr(Value(exported))));
    }
  }
}

}  // namespace restack::tmpl
