#pragma once
// The template AST: plain data built by the parser, walked by the renderer. Nodes carry the
// line Jinja2 would report for them.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "template/value.h"

namespace restack::tmpl {

struct FilterDef;
struct TestDef;

enum class ExprKind : uint8_t {
  kConst, kName, kList, kTuple, kDict, kGetattr, kGetitem, kSlice, kUnary, kBinary, kConcat,
  kCompare, kCondExpr, kCall, kFilter, kTest
};

struct Expr {
  explicit Expr(ExprKind k, int l) : kind(k), line(l) {}
  virtual ~Expr() = default;
  ExprKind kind;
  int line;
};
using ExprPtr = std::unique_ptr<Expr>;

struct ConstExpr : Expr {
  ConstExpr(Value v, int l) : Expr(ExprKind::kConst, l), value(std::move(v)) {}
  Value value;
};

/// std::hash of a name or attribute (DictData's hash of a str), computed once by the parser.
inline size_t text_hash(std::string_view text) { return std::hash<std::string_view>()(text); }

struct NameExpr : Expr {
  NameExpr(std::string n, int l) : Expr(ExprKind::kName, l), name(std::move(n)), hash(text_hash(name)) {}
  std::string name;
  size_t hash;  // looks the name up in the data without hashing it on every use
};

/// List and tuple literals.
struct SeqExpr : Expr {
  SeqExpr(ExprKind k, int l) : Expr(k, l) {}
  std::vector<ExprPtr> items;
};

struct DictExpr : Expr {
  explicit DictExpr(int l) : Expr(ExprKind::kDict, l) {}
  std::vector<std::pair<ExprPtr, ExprPtr>> items;
};

/// Whether NAME is a method of dict (items, keys, get...): `d.items` is the method, not the key.
bool is_dict_method(std::string_view name);  // methods.cc

struct GetattrExpr : Expr {
  GetattrExpr(ExprPtr o, std::string a, int l)
      : Expr(ExprKind::kGetattr, l),
        object(std::move(o)),
        attr(std::move(a)),
        attr_hash(text_hash(attr)),
        dict_method(is_dict_method(attr)) {}
  ExprPtr object;
  std::string attr;
  size_t attr_hash;  // text_hash(attr), for dict lookups
  bool dict_method;  // decided once here instead of on every `dict.attr` lookup
  /// Where in its dict's entries this attribute was found last (Renderer::find_attr tries it
  /// first): a template's data dicts of one kind, e.g. one per function, have their keys in the
  /// same order. Only a guess, shared by the threads rendering this template: hence atomic.
  mutable std::atomic<uint32_t> slot_hint{0};
};

struct GetitemExpr : Expr {
  GetitemExpr(ExprPtr o, ExprPtr i, int l) : Expr(ExprKind::kGetitem, l), object(std::move(o)), index(std::move(i)) {}
  ExprPtr object;
  ExprPtr index;
};

/// A slice inside a subscript: any part may be missing.
struct SliceExpr : Expr {
  explicit SliceExpr(int l) : Expr(ExprKind::kSlice, l) {}
  ExprPtr start, stop, step;
};

enum class UnaryOp : uint8_t { kNeg, kPos, kNot };
struct UnaryExpr : Expr {
  UnaryExpr(UnaryOp o, ExprPtr x, int l) : Expr(ExprKind::kUnary, l), op(o), operand(std::move(x)) {}
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp : uint8_t { kAdd, kSub, kMul, kDiv, kFloorDiv, kMod, kPow, kAnd, kOr };
struct BinaryExpr : Expr {
  BinaryExpr(BinaryOp o, ExprPtr a, ExprPtr b, int l)
      : Expr(ExprKind::kBinary, l), op(o), left(std::move(a)), right(std::move(b)) {}
  BinaryOp op;
  ExprPtr left, right;
};

/// `a ~ b ~ c`
struct ConcatExpr : Expr {
  explicit ConcatExpr(int l) : Expr(ExprKind::kConcat, l) {}
  std::vector<ExprPtr> items;
};

enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn };
struct CompareExpr : Expr {
  explicit CompareExpr(int l) : Expr(ExprKind::kCompare, l) {}
  ExprPtr first;
  std::vector<std::pair<CompareOp, ExprPtr>> rest;
};

/// `then if test else otherwise`; OTHERWISE may be missing (then the result is undefined).
struct CondExpr : Expr {
  explicit CondExpr(int l) : Expr(ExprKind::kCondExpr, l) {}
  ExprPtr test, then, otherwise;
};

struct CallArgsExpr {
  std::vector<ExprPtr> args;
  std::vector<std::pair<std::string, ExprPtr>> kwargs;
  ExprPtr star_args, star_kwargs;
};

struct CallExpr : Expr {
  explicit CallExpr(int l) : Expr(ExprKind::kCall, l) {}
  ExprPtr callee;
  CallArgsExpr args;
};

/// `operand | name(args)`. OPERAND is missing in filter blocks (`{% filter upper %}`), where
/// the block's output is the input.
struct FilterExpr : Expr {
  explicit FilterExpr(int l) : Expr(ExprKind::kFilter, l) {}
  ExprPtr operand;
  std::string name;
  const FilterDef* filter = nullptr;  // resolved at parse time; null if unknown (raised when run)
  CallArgsExpr args;
  /// ARGS' values when each is a constant (`indent(4)`), taken once by the parser. Filters only
  /// read their CallArgs, so every render, on any thread, passes this one.
  std::unique_ptr<CallArgs> constant_args;
};

struct TestExpr : Expr {
  explicit TestExpr(int l) : Expr(ExprKind::kTest, l) {}
  ExprPtr operand;
  std::string name;
  const TestDef* test = nullptr;
  CallArgsExpr args;
};

// ---- statements ----

/// An assignment target: a name, a (nested) tuple of targets, or `ns.attr`.
struct Target {
  enum class Kind : uint8_t { kName, kTuple, kNamespaceAttr } kind = Kind::kName;
  std::string name;
  std::string attr;
  std::vector<Target> items;
  int line = 0;
};

enum class StmtKind : uint8_t {
  kData, kPrint, kIf, kFor, kSet, kSetBlock, kWith, kMacro, kCallBlock, kFilterBlock, kBlock,
  kExtends, kInclude, kImport, kFromImport, kScope
};

struct Stmt {
  Stmt(StmtKind k, int l) : kind(k), line(l) {}
  virtual ~Stmt() = default;
  StmtKind kind;
  int line;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

struct DataStmt : Stmt {
  DataStmt(std::string t, int l) : Stmt(StmtKind::kData, l), text(std::move(t)) {}
  std::string text;
};

struct PrintStmt : Stmt {
  PrintStmt(ExprPtr e, int l) : Stmt(StmtKind::kPrint, l), expr(std::move(e)) {}
  ExprPtr expr;
};

struct IfStmt : Stmt {
  explicit IfStmt(int l) : Stmt(StmtKind::kIf, l) {}
  std::vector<std::pair<ExprPtr, Body>> branches;  // if and each elif
  Body otherwise;
};

struct ForStmt : Stmt {
  explicit ForStmt(int l) : Stmt(StmtKind::kFor, l) {}
  Target target;
  ExprPtr iter;
  ExprPtr filter;  // `for x in xs if cond`
  bool recursive = false;
  /// Decided once after parsing (parallel_safety.h): its iterations may render on several threads.
  bool parallel_safe = false;
  Body body, otherwise;
};

struct SetStmt : Stmt {
  explicit SetStmt(int l) : Stmt(StmtKind::kSet, l) {}
  Target target;
  ExprPtr value;
};

struct SetBlockStmt : Stmt {
  explicit SetBlockStmt(int l) : Stmt(StmtKind::kSetBlock, l) {}
  Target target;
  std::vector<std::unique_ptr<FilterExpr>> filters;  // applied in order, operand-less
  Body body;
};

struct WithStmt : Stmt {
  explicit WithStmt(int l) : Stmt(StmtKind::kWith, l) {}
  std::vector<std::pair<Target, ExprPtr>> assignments;
  Body body;
};

struct MacroParam {
  std::string name;
  ExprPtr default_value;  // may be null
};

/// A macro, or the anonymous `caller` of a call block.
struct MacroDef {
  std::string name;
  std::vector<MacroParam> params;
  Body body;
  bool uses_caller = false, uses_varargs = false, uses_kwargs = false;
  std::string template_name;  // for error locations
  int line = 0;
};

struct MacroStmt : Stmt {
  explicit MacroStmt(int l) : Stmt(StmtKind::kMacro, l) {}
  std::shared_ptr<MacroDef> macro;
};

struct CallBlockStmt : Stmt {
  explicit CallBlockStmt(int l) : Stmt(StmtKind::kCallBlock, l) {}
  std::shared_ptr<MacroDef> caller;
  std::unique_ptr<CallExpr> call;
};

struct FilterBlockStmt : Stmt {
  explicit FilterBlockStmt(int l) : Stmt(StmtKind::kFilterBlock, l) {}
  std::vector<std::unique_ptr<FilterExpr>> filters;
  Body body;
};

struct BlockStmt : Stmt {
  explicit BlockStmt(int l) : Stmt(StmtKind::kBlock, l) {}
  std::string name;
  bool scoped = false, required = false;
  Body body;
};

struct ExtendsStmt : Stmt {
  explicit ExtendsStmt(int l) : Stmt(StmtKind::kExtends, l) {}
  ExprPtr template_name;
};

struct IncludeStmt : Stmt {
  explicit IncludeStmt(int l) : Stmt(StmtKind::kInclude, l) {}
  ExprPtr template_name;
  bool ignore_missing = false;
  bool with_context = true;
};

struct ImportStmt : Stmt {
  explicit ImportStmt(int l) : Stmt(StmtKind::kImport, l) {}
  ExprPtr template_name;
  std::string target;
  bool with_context = false;
};

struct FromImportStmt : Stmt {
  explicit FromImportStmt(int l) : Stmt(StmtKind::kFromImport, l) {}
  ExprPtr template_name;
  std::vector<std::pair<std::string, std::string>> names;  // (exported name, local alias)
  bool with_context = false;
};

/// `{% autoescape %}`: only a scope here (no HTML escaping).
struct ScopeStmt : Stmt {
  explicit ScopeStmt(int l) : Stmt(StmtKind::kScope, l) {}
  Body body;
};

/// A parsed template: immutable once built, shared by every render.
struct Template {
  std::string name;
  Body body;
  std::map<std::string, const BlockStmt*> blocks;  // every block, nested ones too
  /// Nothing in this template can change state shared between loop iterations, and it loads
  /// no other template (parallel_safety.h): its safe loops may split when it is the render's root.
  bool parallel_safe = false;
  /// The size of the last output rendered from this template (Renderer::render reserves about
  /// that much: renders of one template, e.g. one per function, are alike in size).
  mutable std::atomic<size_t> output_size_hint{0};
};

}  // namespace restack::tmpl
