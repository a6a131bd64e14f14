// Statements: {% if %}, {% for %}, {% macro %}... and the error messages Jinja2 gives for them.
#include "template/parser.h"

#include "template/errors.h"
#include "template/parallel_safety.h"
#include "template/parser_impl.h"

namespace restack::tmpl {
namespace detail {

namespace {
constexpr int kMaxNesting = 200;
}  // namespace

DepthGuard::DepthGuard(Parser& p) : p_(p) {
  if (++p_.depth_ > kMaxNesting) p_.fail("template nested too deeply (more than 200 levels)");
}

bool Parser::test(const std::string& name) const { return current().type == TokenType::kName && current().value == name; }

void Parser::fail(const std::string& message, int line) {
  raise_error_at(name_, line < 0 ? current().line : line, message, kSyntaxErrorCode);
}

const Token& Parser::expect(TokenType t) {
  if (!at(t)) {
    std::string what = describe_token_type(t);
    if (at(TokenType::kEof)) fail("unexpected end of template, expected " + single_quoted(what) + ".");
    fail("expected token " + single_quoted(what) + ", got " + single_quoted(describe_token(current())));
  }
  return next();
}

const Token& Parser::expect_name(const char* v) {
  if (!at_name(v)) {
    if (at(TokenType::kEof)) fail(std::string("unexpected end of template, expected '") + v + "'.");
    fail(std::string("expected token '") + v + "', got " + single_quoted(describe_token(current())));
  }
  return next();
}

void Parser::fail_ut_eof(const std::string* name, const std::vector<std::vector<std::string>>& stack, int line) {
  std::vector<std::string> expected;
  for (const auto& group : stack)
    for (const auto& e : group) expected.push_back(e);
  std::string looking;
  if (!stack.empty()) {
    for (size_t i = 0; i < stack.back().size(); ++i) {
      if (i) looking += " or ";
      looking += single_quoted(stack.back()[i]);
    }
  }
  std::string message = name ? "Encountered unknown tag " + single_quoted(*name) + "." : "Unexpected end of template.";
  if (!looking.empty()) {
    bool known = false;
    if (name)
      for (const auto& e : expected) known = known || e == *name;
    if (known)
      message += " You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for " + looking + ".";
    else
      message += " Jinja was looking for the following tags: " + looking + ".";
  }
  if (!tag_stack_.empty()) message += " The innermost block that needs to be closed is " + single_quoted(tag_stack_.back()) + ".";
  fail(message, line);
}

void Parser::fail_unknown_tag(const std::string& name, int line) { fail_ut_eof(&name, end_token_stack_, line); }

void Parser::fail_eof(const std::vector<std::string>* end_tokens, int line) {
  auto stack = end_token_stack_;
  if (end_tokens) stack.push_back(*end_tokens);
  fail_ut_eof(nullptr, stack, line);
}

std::shared_ptr<Template> Parser::parse() {
  tmpl_ = std::make_shared<Template>();
  tmpl_->name = name_;
  tmpl_->body = subparse(nullptr);
  return tmpl_;
}

Body Parser::subparse(const std::vector<std::string>* end_tokens) {
  Body body;
  if (end_tokens) end_token_stack_.push_back(*end_tokens);
  struct Pop {
    Parser* p;
    bool active;
    ~Pop() {
      if (active) p->end_token_stack_.pop_back();
    }
  } pop{this, end_tokens != nullptr};
  while (!at(TokenType::kEof)) {
    const Token& t = current();
    if (t.type == TokenType::kData) {
      body.push_back(std::make_unique<DataStmt>(t.value, t.line));
      next();
    } else if (t.type == TokenType::kVariableBegin) {
      next();
      int line = current().line;
      ExprPtr e = parse_tuple();
      body.push_back(std::make_unique<PrintStmt>(std::move(e), line));
      expect(TokenType::kVariableEnd);
    } else if (t.type == TokenType::kBlockBegin) {
      next();
      if (end_tokens) {
        for (const auto& e : *end_tokens)
          if (test(e)) return body;
      }
      parse_statement(body);
      expect(TokenType::kBlockEnd);
    } else {
      fail("internal parsing error");
    }
  }
  return body;
}

Body Parser::parse_statements(const std::vector<std::string>& end_tokens, bool drop_needle) {
  skip_if(TokenType::kColon);
  expect(TokenType::kBlockEnd);
  Body result = subparse(&end_tokens);
  if (at(TokenType::kEof)) fail_eof(&end_tokens, current().line);
  if (drop_needle) next();
  return result;
}

void Parser::parse_statement(Body& out) {
  DepthGuard guard(*this);
  const Token& token = current();
  if (token.type != TokenType::kName) fail("tag name expected", token.line);
  const std::string tag = token.value;
  tag_stack_.push_back(tag);
  struct PopTag {
    Parser* p;
    bool active = true;
    ~PopTag() {
      if (active) p->tag_stack_.pop_back();
    }
  } pop{this};
  if (tag == "for") out.push_back(parse_for());
  else if (tag == "if") out.push_back(parse_if());
  else if (tag == "block") out.push_back(parse_block());
  else if (tag == "extends") out.push_back(parse_extends());
  else if (tag == "print") parse_print(out);
  else if (tag == "macro") out.push_back(parse_macro());
  else if (tag == "include") out.push_back(parse_include());
  else if (tag == "from") out.push_back(parse_from());
  else if (tag == "import") out.push_back(parse_import());
  else if (tag == "set") out.push_back(parse_set());
  else if (tag == "with") out.push_back(parse_with());
  else if (tag == "autoescape") out.push_back(parse_autoescape());
  else if (tag == "call") out.push_back(parse_call_block());
  else if (tag == "filter") out.push_back(parse_filter_block());
  else {
    tag_stack_.pop_back();
    pop.active = false;
    fail_unknown_tag(tag, token.line);
  }
}

Target Parser::to_target(const Expr& e) {
  Target t;
  t.line = e.line;
  if (e.kind == ExprKind::kName) {
    const auto& n = static_cast<const NameExpr&>(e);
    if (n.name == "true" || n.name == "false" || n.name == "none" || n.name == "True" || n.name == "False" || n.name == "None")
      fail("can't assign to 'const'", e.line);
    t.kind = Target::Kind::kName;
    t.name = n.name;
    return t;
  }
  if (e.kind == ExprKind::kTuple) {
    t.kind = Target::Kind::kTuple;
    for (const auto& item : static_cast<const SeqExpr&>(e).items) t.items.push_back(to_target(*item));
    return t;
  }
  static const char* kNames[] = {"const", "name", "list", "tuple", "dict", "getattr", "getitem", "slice", "neg",
                                 "add", "concat", "compare", "condexpr", "call", "filter", "test"};
  std::string kind = kNames[int(e.kind)];
  if (e.kind == ExprKind::kUnary) kind = static_cast<const UnaryExpr&>(e).op == UnaryOp::kNot ? "not" : static_cast<const UnaryExpr&>(e).op == UnaryOp::kNeg ? "neg" : "pos";
  if (e.kind == ExprKind::kBinary) {
    static const char* kOps[] = {"add", "sub", "mul", "div", "floordiv", "mod", "pow", "and", "or"};
    kind = kOps[int(static_cast<const BinaryExpr&>(e).op)];
  }
  fail("can't assign to " + single_quoted(kind), e.line);
}

Target Parser::parse_assign_target(bool with_tuple, bool name_only, const std::vector<std::string>& extra_end,
                                   bool with_namespace) {
  if (with_namespace && look().type == TokenType::kDot) {
    const Token& tok = expect(TokenType::kName);
    Target t;
    t.kind = Target::Kind::kNamespaceAttr;
    t.name = tok.value;
    t.line = tok.line;
    next();  // dot
    t.attr = expect(TokenType::kName).value;
    return t;
  }
  if (name_only) {
    const Token& tok = expect(TokenType::kName);
    Target t;
    t.name = tok.value;
    t.line = tok.line;
    return t;
  }
  ExprPtr e = with_tuple ? parse_tuple(true, true, extra_end) : parse_primary();
  return to_target(*e);
}

// `{% set x | a | b %}` and `{% filter a | b %}` parse as nested FilterExprs (b(a(...)));
// unfold them into the list the renderer applies in order.
static std::vector<std::unique_ptr<FilterExpr>> unfold_filter_chain(std::unique_ptr<FilterExpr> f) {
  std::vector<std::unique_ptr<FilterExpr>> chain;
  while (f) {
    ExprPtr inner = std::move(f->operand);
    chain.insert(chain.begin(), std::move(f));
    f.reset(static_cast<FilterExpr*>(inner.release()));
  }
  return chain;
}

StmtPtr Parser::parse_set() {
  int line = next().line;
  auto target = parse_assign_target(true, false, {}, true);
  if (skip_if(TokenType::kAssign)) {
    auto s = std::make_unique<SetStmt>(line);
    s->target = std::move(target);
    s->value = parse_tuple();
    return s;
  }
  auto s = std::make_unique<SetBlockStmt>(line);
  s->target = std::move(target);
  if (at(TokenType::kPipe)) {
    s->filters = unfold_filter_chain(parse_filter(nullptr, false));
  }
  int saved_soft = soft_;
  soft_ = 0;
  s->body = parse_statements({"endset"}, true);
  soft_ = saved_soft;
  return s;
}

StmtPtr Parser::parse_for() {
  int line = expect_name("for").line;
  auto s = std::make_unique<ForStmt>(line);
  s->target = parse_assign_target(true, false, {"in"});
  expect_name("in");
  s->iter = parse_tuple(false, false, {"recursive"});
  int saved_soft = soft_;
  soft_ = 0;
  if (skip_if_name("if")) s->filter = parse_expression();
  s->recursive = skip_if_name("recursive");
  s->body = parse_statements({"endfor", "else"}, false);
  if (next().value == "endfor") {
    soft_ = saved_soft;
    return s;
  }
  s->otherwise = parse_statements({"endfor"}, true);
  soft_ = saved_soft;
  return s;
}

StmtPtr Parser::parse_if() {
  int line = expect_name("if").line;
  auto s = std::make_unique<IfStmt>(line);
  ++soft_;
  for (;;) {
    ExprPtr test = parse_tuple(false, false);
    Body body = parse_statements({"elif", "else", "endif"}, false);
    s->branches.emplace_back(std::move(test), std::move(body));
    const Token& tok = next();
    if (tok.value == "elif") continue;
    if (tok.value == "else") s->otherwise = parse_statements({"endif"}, true);
    break;
  }
  --soft_;
  return s;
}

StmtPtr Parser::parse_with() {
  auto s = std::make_unique<WithStmt>(next().line);
  while (!at(TokenType::kBlockEnd)) {
    if (!s->assignments.empty()) expect(TokenType::kComma);
    Target t = parse_assign_target();
    expect(TokenType::kAssign);
    s->assignments.emplace_back(std::move(t), parse_expression());
  }
  int saved_soft = soft_;
  soft_ = 0;
  s->body = parse_statements({"endwith"}, true);
  soft_ = saved_soft;
  return s;
}

StmtPtr Parser::parse_autoescape() {
  auto s = std::make_unique<ScopeStmt>(next().line);
  parse_expression();
  s->body = parse_statements({"endautoescape"}, true);
  return s;
}

StmtPtr Parser::parse_block() {
  auto s = std::make_unique<BlockStmt>(next().line);
  s->name = expect(TokenType::kName).value;
  s->scoped = skip_if_name("scoped");
  s->required = skip_if_name("required");
  if (at(TokenType::kSub))
    fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.");
  int saved_soft = soft_;
  soft_ = 0;
  auto saved_macros = std::move(macro_stack_);
  macro_stack_.clear();
  s->body = parse_statements({"endblock"}, true);
  macro_stack_ = std::move(saved_macros);
  soft_ = saved_soft;
  if (s->required) {
    for (const auto& child : s->body) {
      bool blank = child->kind == StmtKind::kData;
      if (blank)
        for (char c : static_cast<const DataStmt&>(*child).text)
          if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) blank = false;
      if (!blank) fail("Required blocks can only contain comments or whitespace");
    }
  }
  skip_if_name(s->name.c_str());
  if (tmpl_->blocks.count(s->name)) fail("block " + single_quoted(s->name) + " defined twice", s->line);
  tmpl_->blocks[s->name] = s.get();
  return s;
}

StmtPtr Parser::parse_extends() {
  auto s = std::make_unique<ExtendsStmt>(next().line);
  s->template_name = parse_expression();
  return s;
}

StmtPtr Parser::parse_include() {
  auto s = std::make_unique<IncludeStmt>(next().line);
  s->template_name = parse_expression();
  if (test("ignore") && look().type == TokenType::kName && look().value == "missing") {
    next();
    next();
    s->ignore_missing = true;
  }
  if ((test("with") || test("without")) && look().type == TokenType::kName && look().value == "context") {
    s->with_context = next().value == "with";
    next();
  }
  return s;
}

StmtPtr Parser::parse_import() {
  auto s = std::make_unique<ImportStmt>(next().line);
  s->template_name = parse_expression();
  expect_name("as");
  s->target = parse_assign_target(true, true).name;
  if ((test("with") || test("without")) && look().type == TokenType::kName && look().value == "context") {
    s->with_context = next().value == "with";
    next();
  }
  return s;
}

StmtPtr Parser::parse_from() {
  auto s = std::make_unique<FromImportStmt>(next().line);
  s->template_name = parse_expression();
  expect_name("import");
  auto parse_context = [&]() {
    if ((test("with") || test("without")) && look().type == TokenType::kName && look().value == "context") {
      s->with_context = next().value == "with";
      next();
      return true;
    }
    return false;
  };
  for (;;) {
    if (!s->names.empty()) expect(TokenType::kComma);
    if (at(TokenType::kName)) {
      if (parse_context()) break;
      Target target = parse_assign_target(true, true);
      if (!target.name.empty() && target.name[0] == '_')
        fail("names starting with an underline can not be imported", target.line);
      if (skip_if_name("as")) {
        Target alias = parse_assign_target(true, true);
        s->names.emplace_back(target.name, alias.name);
      } else {
        s->names.emplace_back(target.name, target.name);
      }
      if (parse_context() || !at(TokenType::kComma)) break;
    } else {
      expect(TokenType::kName);
    }
  }
  return s;
}

void Parser::parse_signature(MacroDef& def) {
  expect(TokenType::kLParen);
  bool seen_default = false;
  while (!at(TokenType::kRParen)) {
    if (!def.params.empty()) expect(TokenType::kComma);
    Target arg = parse_assign_target(true, true);
    MacroParam p;
    p.name = arg.name;
    if (skip_if(TokenType::kAssign)) {
      p.default_value = parse_expression();
      seen_default = true;
    } else if (seen_default) {
      fail("non-default argument follows default argument");
    }
    def.params.push_back(std::move(p));
  }
  expect(TokenType::kRParen);
}

StmtPtr Parser::parse_macro() {
  auto s = std::make_unique<MacroStmt>(next().line);
  auto def = std::make_shared<MacroDef>();
  def->template_name = name_;
  def->line = s->line;
  def->name = parse_assign_target(true, true).name;
  parse_signature(*def);
  int saved_soft = soft_;
  soft_ = 0;
  macro_stack_.push_back(def.get());
  def->body = parse_statements({"endmacro"}, true);
  macro_stack_.pop_back();
  soft_ = saved_soft;
  s->macro = std::move(def);
  return s;
}

StmtPtr Parser::parse_call_block() {
  auto s = std::make_unique<CallBlockStmt>(next().line);
  auto def = std::make_shared<MacroDef>();
  def->name = "caller";
  def->template_name = name_;
  def->line = s->line;
  if (at(TokenType::kLParen)) parse_signature(*def);
  ExprPtr call = parse_expression();
  if (call->kind != ExprKind::kCall) fail("expected call", s->line);
  s->call.reset(static_cast<CallExpr*>(call.release()));
  int saved_soft = soft_;
  soft_ = 0;
  macro_stack_.push_back(def.get());
  def->body = parse_statements({"endcall"}, true);
  macro_stack_.pop_back();
  soft_ = saved_soft;
  s->caller = std::move(def);
  return s;
}

StmtPtr Parser::parse_filter_block() {
  auto s = std::make_unique<FilterBlockStmt>(next().line);
  s->filters = unfold_filter_chain(parse_filter(nullptr, true));
  int saved_soft = soft_;
  soft_ = 0;
  s->body = parse_statements({"endfilter"}, true);
  soft_ = saved_soft;
  return s;
}

void Parser::parse_print(Body& out) {
  int line = next().line;
  bool first = true;
  while (!at(TokenType::kBlockEnd)) {
    if (!first) expect(TokenType::kComma);
    first = false;
    out.push_back(std::make_unique<PrintStmt>(parse_expression(), line));
  }
}

}  // namespace detail

std::shared_ptr<Template> parse_template(std::string_view source, const std::string& name, const LexerOptions& options,
                                         const Registry& registry) {
  detail::Parser parser(tokenize(source, name, options), name, registry);
  std::shared_ptr<Template> t = parser.parse();
  mark_parallel_loops(*t, registry);
  return t;
}

}  // namespace restack::tmpl
