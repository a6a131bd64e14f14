#pragma once
// The parser's internals, shared by parser.cc (statements) and parser_expr.cc (expressions).
#include <string>
#include <vector>

#include "template/ast.h"
#include "template/lexer.h"
#include "template/registry.h"

namespace restack::tmpl::detail {

/// NAME in single quotes, as Jinja2's messages write names and tokens. (Not `quoted`: with
/// <iomanip> visible, argument-dependent lookup would also find std::quoted.)
inline std::string single_quoted(const std::string& s) { return "'" + s + "'"; }

class Parser {
 public:
  Parser(std::vector<Token> tokens, const std::string& name, const Registry& registry)
      : tokens_(std::move(tokens)), name_(name), registry_(registry) {}

  std::shared_ptr<Template> parse();

  // ---- expressions (parser_expr.cc) ----
  ExprPtr parse_expression(bool with_condexpr = true);
  ExprPtr parse_tuple(bool simplified = false, bool with_condexpr = true,
                      const std::vector<std::string>& extra_end = {}, bool explicit_parens = false);
  ExprPtr parse_primary();
  ExprPtr parse_postfix(ExprPtr node);
  ExprPtr parse_filter_expr(ExprPtr node);
  std::unique_ptr<FilterExpr> parse_filter(ExprPtr operand, bool start_inline);
  CallArgsExpr parse_call_args();

 private:
  friend struct DepthGuard;
  // ---- token stream ----
  const Token& current() const { return tokens_[pos_]; }
  const Token& look() const { return tokens_[pos_ + 1 < tokens_.size() ? pos_ + 1 : pos_]; }
  const Token& next() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool at(TokenType t) const { return current().type == t; }
  bool at_name(const char* v) const { return current().type == TokenType::kName && current().value == v; }
  /// TokenStream.test for "name:x" or a type description.
  bool test(const std::string& expr) const;
  bool skip_if(TokenType t) {
    if (!at(t)) return false;
    next();
    return true;
  }
  bool skip_if_name(const char* v) {
    if (!at_name(v)) return false;
    next();
    return true;
  }
  const Token& expect(TokenType t);
  const Token& expect_name(const char* v);
  [[noreturn]] void fail(const std::string& message, int line = -1);
  [[noreturn]] void fail_eof(const std::vector<std::string>* end_tokens, int line);
  [[noreturn]] void fail_unknown_tag(const std::string& name, int line);
  [[noreturn]] void fail_ut_eof(const std::string* name, const std::vector<std::vector<std::string>>& stack, int line);
  bool is_tuple_end(const std::vector<std::string>& extra_end) const;

  // ---- statements (parser.cc) ----
  Body subparse(const std::vector<std::string>* end_tokens);
  Body parse_statements(const std::vector<std::string>& end_tokens, bool drop_needle);
  void parse_statement(Body& out);
  StmtPtr parse_set();
  StmtPtr parse_for();
  StmtPtr parse_if();
  StmtPtr parse_with();
  StmtPtr parse_block();
  StmtPtr parse_extends();
  StmtPtr parse_include();
  StmtPtr parse_import();
  StmtPtr parse_from();
  StmtPtr parse_macro();
  StmtPtr parse_call_block();
  StmtPtr parse_filter_block();
  StmtPtr parse_autoescape();
  void parse_print(Body& out);
  void parse_signature(MacroDef& def);
  Target parse_assign_target(bool with_tuple = true, bool name_only = false,
                              const std::vector<std::string>& extra_end = {}, bool with_namespace = false);
  Target to_target(const Expr& e);

  // ---- expressions (parser_expr.cc) ----
  ExprPtr parse_condexpr();
  ExprPtr parse_or();
  ExprPtr parse_and();
  ExprPtr parse_not();
  ExprPtr parse_compare();
  ExprPtr parse_math1();
  ExprPtr parse_concat();
  ExprPtr parse_math2();
  ExprPtr parse_pow();
  ExprPtr parse_unary(bool with_filter = true);
  ExprPtr parse_list();
  ExprPtr parse_dict();
  ExprPtr parse_subscript(ExprPtr node);
  ExprPtr parse_subscribed();
  ExprPtr parse_call(ExprPtr node);
  ExprPtr parse_test(ExprPtr node);
  void note_name(const std::string& name);

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  const std::string& name_;
  const Registry& registry_;
  std::vector<std::vector<std::string>> end_token_stack_;
  std::vector<std::string> tag_stack_;
  std::vector<MacroDef*> macro_stack_;  // macros being parsed, for caller/varargs/kwargs use
  int soft_ = 0;                        // inside an if: unknown filters fail only when run
  int depth_ = 0;
  std::shared_ptr<Template> tmpl_;
};

/// Bounds the parser's recursion so that a deeply nested template is an error, not a crash.
struct DepthGuard {
  explicit DepthGuard(Parser& p);
  ~DepthGuard() { --p_.depth_; }
  Parser& p_;
};

}  // namespace restack::tmpl::detail
