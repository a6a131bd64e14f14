#pragma once
// Walks a parsed template and writes its output. One Renderer per render call: it owns the
// render's contexts and counters, so a render is independent of any other (thread-safe use of
// one Environment only shares the immutable parsed templates).
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "template/ast.h"
#include "template/options.h"
#include "template/output_buffer.h"
#include "template/registry.h"
#include "template/value.h"

namespace restack::tmpl {

/// Where templates come from (the Environment's cache, in-memory templates and search paths).
class TemplateLoader {
 public:
  virtual ~TemplateLoader() = default;
  /// The parsed template NAME; throws a not-found DiagnosticError (no location) if missing.
  virtual std::shared_ptr<const Template> load(const std::string& name) = 0;
};

struct BlockRef {
  const BlockStmt* block;
  const Template* tmpl;
};

/// A template render's top-level variables (Jinja2's Context): data, top-level sets, macros.
/// A name is looked up in VARS, then is `self`, then is a key of DATA: the render's data stays
/// where it is (one dict shared by every render of it) instead of being copied name by name.
struct Context {
  std::unordered_map<std::string, Value> vars;  // top-level sets, macros, imports; an include's locals
  Value data;      // the data dict the render was given (or an include's parent's), or undefined
  Value self_ref;  // `self`: this context's TemplateRefObject
  std::vector<std::string> exported;  // top-level names in definition order (for imports)
  std::map<std::string, std::vector<BlockRef>> blocks;  // child-most first
  const Template* tmpl = nullptr;
  bool has_parent = false;  // `extends` ran
  std::shared_ptr<const Template> parent;
};

using VarList = std::vector<std::pair<std::string, Value>>;

/// A local scope (loop body, macro call, with, block).
struct Frame {
  Context* ctx = nullptr;
  Frame* parent = nullptr;
  const VarList* closure = nullptr;  // a macro's captured locals
  VarList vars;
  bool toplevel = false;  // sets write to the context

  void set(const std::string& name, Value v);
};

class Renderer {
 public:
  Renderer(const Options& options, const Registry& registry, const std::map<std::string, Value>& globals,
           TemplateLoader& loader);
  ~Renderer();

  /// Renders TMPL with DATA (a dict) as its context.
  std::string render(std::shared_ptr<const Template> tmpl, const Value& data);
  /// Whether the globals allow splitting loops over threads (false when a caller added a global
  /// object that may keep state); Options::threads and the template's analysis decide the rest.
  void allow_parallel_loops(bool allowed) { parallel_allowed_ = allowed; }

  // ---- used by filters, tests and objects ----
  const Options& options() const { return options_; }
  const Registry& registry() const { return registry_; }
  size_t max_bytes() const { return options_.max_output_bytes; }
  Value eval(const Expr& e, Frame& f);
  void exec_body(const Body& body, Frame& f);
  /// Calls a callable value (macro, builtin, bound method).
  Value call(const Value& callee, CallArgs& args);
  /// Jinja2's environment.getattr: attribute first, then item.
  Value getattr(const Value& obj, std::string_view name);
  /// Jinja2's environment.getitem: item first, then attribute.
  Value getitem(const Value& obj, const Value& key);
  Value make_undefined(std::string message) const { return Value::undefined(std::move(message), options_.strict_undefined); }
  Value call_filter(const std::string& name, const Value& v, CallArgs& args);
  /// CallArgs for one call, taken from a pool of this render: their vectors keep their
  /// capacity, so a filter or macro call allocates nothing for its arguments once warm.
  class PooledArgs {
   public:
    explicit PooledArgs(Renderer& r);
    ~PooledArgs();
    PooledArgs(const PooledArgs&) = delete;
    PooledArgs& operator=(const PooledArgs&) = delete;
    CallArgs& operator*() { return *args_; }
    CallArgs* operator->() { return args_.get(); }

   private:
    Renderer& r_;
    std::unique_ptr<CallArgs> args_;
  };
  bool call_test(const std::string& name, const Value& v, CallArgs& args);
  /// Counts loop iterations against the limit.
  void count_iterations(uint64_t n);
  /// Runs FN with output going to a fresh buffer, and returns the buffer.
  template <typename Fn>
  std::string capture(Fn&& fn);
  void write(std::string_view s) {
    if (discarding_) return;
    if (out_->size() + s.size() <= options_.max_output_bytes) {
      out_->append(s);
      return;
    }
    write_past_limit(s);
  }
  void write_value(const Value& v);
  /// Enters a macro call, include or recursive loop; throws past the recursion limit.
  struct DepthScope {
    explicit DepthScope(Renderer& r);
    ~DepthScope() { --r_.depth_; }
    Renderer& r_;
  };
  /// Sets the template that errors are reported in while this scope lives.
  struct TemplateScope {
    TemplateScope(Renderer& r, const std::string& name) : r_(r), saved_(r.current_template_) { r.current_template_ = &name; }
    ~TemplateScope() { r_.current_template_ = saved_; }
    Renderer& r_;
    const std::string* saved_;
  };
  const std::string& current_template() const { return *current_template_; }
  Context* new_context();
  /// An include's or import's context with the variables of FROM (vars and data).
  static void inherit_context(Context& ctx, const Context& from);
  Value lookup(const std::string& name, const Frame& f);
  /// The variable NAME as seen from F (locals, closure, context, data, globals), or null.
  const Value* find_variable(const std::string& name, const Frame& f) const {
    return find_variable(name, text_hash(name), f);
  }
  /// The same with HASH = text_hash(NAME) (a NameExpr's, computed when it was parsed).
  const Value* find_variable(const std::string& name, size_t hash, const Frame& f) const;
  /// The stored value E names, borrowed instead of copied: E is a variable or a chain of dict
  /// attributes of one (`m.name`, `info.type`); null for anything else or a missing key (then
  /// eval(E) gives the answer). Looking up has no side effects, so a miss costs no re-evaluation.
  const Value* find_stored(const Expr& e, const Frame& f) const;
  /// D[G.attr] for `x.attr` on a dict, or null: the entry G found last is tried first.
  static const Value* find_attr(const DictData& d, const GetattrExpr& g);

  // Used by the for statement's recursive `loop(...)`.
  void run_loop(const ForStmt& s, std::vector<Value> items, Frame& outer, int depth0);
  // Used by macro objects.
  Value call_macro(const MacroDef& def, Context* ctx, const VarList& closure, CallArgs& args);
  /// Like call_macro, but the macro's output goes straight to the current output (`{{ m() }}`
  /// prints what the call returns, so there is no need for a string of its own).
  void call_macro_into_output(const MacroDef& def, Context* ctx, const VarList& closure, CallArgs& args);
  void render_block(const std::string& name, size_t index, Frame& caller_frame);

 private:
  friend struct DepthScope;
  [[noreturn]] void write_past_limit(std::string_view s);
  void exec(const Stmt& s, Frame& f);
  void exec_for(const ForStmt& s, Frame& f);
  /// Iterations [BEGIN, END) of the loop LOOP_VALUE (a LoopObject) in FRAME.
  void run_iterations(const ForStmt& s, const Value& loop_value, Frame& frame, size_t begin, size_t end);
  /// How many threads the loop S over N items renders on (1: serial). parallel_loop.cc.
  size_t loop_chunks(const ForStmt& s, size_t n) const;
  /// Renders the loop's iterations in CHUNKS contiguous parts, the first on this thread, the
  /// others each on a thread of its own into its own buffer, appended in order; the first part
  /// that fails is rendered again serially, with the rest of the loop (parallel_loop.cc).
  void run_split_loop(const ForStmt& s, const Value& loop_value, Frame& frame, Frame& outer, size_t chunks);
  void exec_set(const SetStmt& s, Frame& f);
  void exec_call_block(const CallBlockStmt& s, Frame& f);
  void exec_extends(const ExtendsStmt& s, Frame& f);
  void exec_include(const IncludeStmt& s, Frame& f);
  void exec_import(const ImportStmt& s, Frame& f);
  void exec_from_import(const FromImportStmt& s, Frame& f);
  void exec_block(const BlockStmt& s, Frame& f);
  void exec_print(const PrintStmt& p, Frame& f);
  /// Binds a macro's parameters in FRAME (the start of every macro call).
  void bind_macro_args(const MacroDef& def, CallArgs& args, Frame& frame);
  void assign(const Target& t, const Value& v, Frame& f);
  void render_template_body(const Template& t, Context& ctx);
  std::shared_ptr<const Template> load_named(const Value& name, bool ignore_missing);
  Value import_module(const Value& name, bool with_context, Frame& f);
  VarList snapshot_locals(const Frame& f) const;
  Value apply_filters(const std::vector<std::unique_ptr<FilterExpr>>& filters, Value v, Frame& f);

  // expressions (eval.cc)
  Value eval_inner(const Expr& e, Frame& f);
  Value eval_call(const CallExpr& c, Frame& f);
  Value eval_filter(const FilterExpr& fe, const Value& input, Frame& f);
  void eval_args(const CallArgsExpr& a, Frame& f, CallArgs& out);
  Value eval_getitem(const GetitemExpr& g, Frame& f);

  const Options& options_;
  const Registry& registry_;
  const std::map<std::string, Value>& globals_;
  TemplateLoader& loader_;
  std::vector<std::unique_ptr<Context>> contexts_;
  std::vector<std::unique_ptr<CallArgs>> args_pool_;  // see PooledArgs
  std::vector<VarList> vars_pool_;                     // see PooledVars
  /// Lends FRAME.vars a pooled VarList (with capacity) for a macro call or loop, and takes it back.
  struct PooledVars {
    PooledVars(Renderer& r, Frame& frame);
    ~PooledVars();
    Renderer& r_;
    Frame& frame_;
  };
  std::vector<std::shared_ptr<const Template>> keep_alive_;
  std::map<const Template*, Value> module_cache_;
  OutputBuffer* out_ = nullptr;
  bool discarding_ = false;
  int depth_ = 0;
  uint64_t iterations_ = 0;
  const std::string* current_template_ = nullptr;
  std::string no_template_;
  bool parallel_allowed_ = true;  // see allow_parallel_loops
  bool parallel_ok_ = false;      // this render may split loops now (off inside a split loop)
  /// Set for a renderer that renders one part of a split loop: true once the loop's parts
  /// after the first failure are no longer needed, so this part stops early.
  const std::atomic<bool>* cancel_ = nullptr;
};

template <typename Fn>
std::string Renderer::capture(Fn&& fn) {
  OutputBuffer buffer;
  OutputBuffer* saved_out = out_;
  bool saved_discarding = discarding_;
  out_ = &buffer;
  discarding_ = false;
  struct Restore {
    Renderer* r;
    OutputBuffer* out;
    bool discarding;
    ~Restore() {
      r->out_ = out;
      r->discarding_ = discarding;
    }
  } restore{this, saved_out, saved_discarding};
  fn();
  return buffer.take();
}

}  // namespace restack::tmpl
