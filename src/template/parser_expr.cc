// Expressions, with Jinja2's precedence: condexpr < or < and < not < compare < +,- < ~ <
// *,/,//,% < ** < unary, then postfix (.attr, [item], call) and filters/tests.
#include "template/errors.h"
#include "template/parser_impl.h"

namespace restack::tmpl::detail {

bool Parser::is_tuple_end(const std::vector<std::string>& extra_end) const {
  TokenType t = current().type;
  if (t == TokenType::kVariableEnd || t == TokenType::kBlockEnd || t == TokenType::kRParen) return true;
  for (const auto& e : extra_end)
    if (test(e)) return true;
  return false;
}

void Parser::note_name(const std::string& name) {
  if (macro_stack_.empty()) return;
  MacroDef* m = macro_stack_.back();
  if (name == "caller") m->uses_caller = true;
  else if (name == "varargs") m->uses_varargs = true;
  else if (name == "kwargs") m->uses_kwargs = true;
}

ExprPtr Parser::parse_expression(bool with_condexpr) {
  DepthGuard guard(*this);
  return with_condexpr ? parse_condexpr() : parse_or();
}

ExprPtr Parser::parse_condexpr() {
  int line = current().line;
  ExprPtr expr1 = parse_or();
  while (skip_if_name("if")) {
    ++soft_;
    auto c = std::make_unique<CondExpr>(line);
    c->test = parse_or();
    if (skip_if_name("else")) c->otherwise = parse_condexpr();
    --soft_;
    c->then = std::move(expr1);
    expr1 = std::move(c);
    line = current().line;
  }
  return expr1;
}

ExprPtr Parser::parse_or() {
  int line = current().line;
  ExprPtr left = parse_and();
  while (skip_if_name("or")) {
    ExprPtr right = parse_and();
    left = std::make_unique<BinaryExpr>(BinaryOp::kOr, std::move(left), std::move(right), line);
    line = current().line;
  }
  return left;
}

ExprPtr Parser::parse_and() {
  int line = current().line;
  ExprPtr left = parse_not();
  while (skip_if_name("and")) {
    ExprPtr right = parse_not();
    left = std::make_unique<BinaryExpr>(BinaryOp::kAnd, std::move(left), std::move(right), line);
    line = current().line;
  }
  return left;
}

ExprPtr Parser::parse_not() {
  if (at_name("not")) {
    DepthGuard guard(*this);
    int line = next().line;
    return std::make_unique<UnaryExpr>(UnaryOp::kNot, parse_not(), line);
  }
  return parse_compare();
}

ExprPtr Parser::parse_compare() {
  int line = current().line;
  ExprPtr expr = parse_math1();
  std::unique_ptr<CompareExpr> cmp;
  for (;;) {
    CompareOp op;
    TokenType t = current().type;
    if (t == TokenType::kEq) op = CompareOp::kEq;
    else if (t == TokenType::kNe) op = CompareOp::kNe;
    else if (t == TokenType::kLt) op = CompareOp::kLt;
    else if (t == TokenType::kLtEq) op = CompareOp::kLe;
    else if (t == TokenType::kGt) op = CompareOp::kGt;
    else if (t == TokenType::kGtEq) op = CompareOp::kGe;
    else if (at_name("in")) op = CompareOp::kIn;
    else if (at_name("not") && look().type == TokenType::kName && look().value == "in") {
      next();
      op = CompareOp::kNotIn;
    } else break;
    next();
    if (!cmp) cmp = std::make_unique<CompareExpr>(line);
    cmp->rest.emplace_back(op, parse_math1());
    cmp->line = current().line;
  }
  if (!cmp) return expr;
  cmp->first = std::move(expr);
  return cmp;
}

ExprPtr Parser::parse_math1() {
  int line = current().line;
  ExprPtr left = parse_concat();
  while (at(TokenType::kAdd) || at(TokenType::kSub)) {
    BinaryOp op = at(TokenType::kAdd) ? BinaryOp::kAdd : BinaryOp::kSub;
    next();
    ExprPtr right = parse_concat();
    left = std::make_unique<BinaryExpr>(op, std::move(left), std::move(right), line);
    line = current().line;
  }
  return left;
}

ExprPtr Parser::parse_concat() {
  int line = current().line;
  ExprPtr first = parse_math2();
  if (!at(TokenType::kTilde)) return first;
  auto c = std::make_unique<ConcatExpr>(line);
  c->items.push_back(std::move(first));
  while (skip_if(TokenType::kTilde)) c->items.push_back(parse_math2());
  return c;
}

ExprPtr Parser::parse_math2() {
  int line = current().line;
  ExprPtr left = parse_pow();
  for (;;) {
    BinaryOp op;
    if (at(TokenType::kMul)) op = BinaryOp::kMul;
    else if (at(TokenType::kDiv)) op = BinaryOp::kDiv;
    else if (at(TokenType::kFloorDiv)) op = BinaryOp::kFloorDiv;
    else if (at(TokenType::kMod)) op = BinaryOp::kMod;
    else break;
    next();
    ExprPtr right = parse_pow();
    left = std::make_unique<BinaryExpr>(op, std::move(left), std::move(right), line);
    line = current().line;
  }
  return left;
}

ExprPtr Parser::parse_pow() {
  int line = current().line;
  ExprPtr left = parse_unary();
  while (skip_if(TokenType::kPow)) {
    ExprPtr right = parse_unary();
    left = std::make_unique<BinaryExpr>(BinaryOp::kPow, std::move(left), std::move(right), line);
    line = current().line;
  }
  return left;
}

ExprPtr Parser::parse_unary(bool with_filter) {
  DepthGuard guard(*this);
  int line = current().line;
  ExprPtr node;
  if (at(TokenType::kSub)) {
    next();
    node = std::make_unique<UnaryExpr>(UnaryOp::kNeg, parse_unary(false), line);
  } else if (at(TokenType::kAdd)) {
    next();
    node = std::make_unique<UnaryExpr>(UnaryOp::kPos, parse_unary(false), line);
  } else {
    node = parse_primary();
  }
  node = parse_postfix(std::move(node));
  if (with_filter) node = parse_filter_expr(std::move(node));
  return node;
}

ExprPtr Parser::parse_primary() {
  const Token& token = current();
  switch (token.type) {
    case TokenType::kName: {
      next();
      const std::string& v = token.value;
      if (v == "true" || v == "True") return std::make_unique<ConstExpr>(Value(true), token.line);
      if (v == "false" || v == "False") return std::make_unique<ConstExpr>(Value(false), token.line);
      if (v == "none" || v == "None") return std::make_unique<ConstExpr>(Value::none(), token.line);
      note_name(v);
      return std::make_unique<NameExpr>(v, token.line);
    }
    case TokenType::kString: {
      int line = token.line;
      std::string s = next().value;
      while (at(TokenType::kString)) s += next().value;
      return std::make_unique<ConstExpr>(Value(std::move(s)), line);
    }
    case TokenType::kInteger:
      next();
      if (token.int_overflow) return std::make_unique<ConstExpr>(Value(token.float_value), token.line);
      return std::make_unique<ConstExpr>(Value(token.int_value), token.line);
    case TokenType::kFloat:
      next();
      return std::make_unique<ConstExpr>(Value(token.float_value), token.line);
    case TokenType::kLParen: {
      next();
      ExprPtr node = parse_tuple(false, true, {}, true);
      expect(TokenType::kRParen);
      return node;
    }
    case TokenType::kLBracket: return parse_list();
    case TokenType::kLBrace: return parse_dict();
    default: fail("unexpected " + single_quoted(describe_token(token)), token.line);
  }
}

ExprPtr Parser::parse_tuple(bool simplified, bool with_condexpr, const std::vector<std::string>& extra_end,
                            bool explicit_parens) {
  DepthGuard guard(*this);
  int line = current().line;
  std::vector<ExprPtr> args;
  bool is_tuple = false;
  for (;;) {
    if (!args.empty()) expect(TokenType::kComma);
    if (is_tuple_end(extra_end)) break;
    if (simplified) args.push_back(parse_primary());
    else args.push_back(parse_expression(with_condexpr));
    if (at(TokenType::kComma)) is_tuple = true;
    else break;
    line = current().line;
  }
  if (!is_tuple) {
    if (!args.empty()) return std::move(args[0]);
    if (!explicit_parens) fail("Expected an expression, got " + single_quoted(describe_token(current())));
  }
  auto t = std::make_unique<SeqExpr>(ExprKind::kTuple, line);
  t->items = std::move(args);
  return t;
}

ExprPtr Parser::parse_list() {
  int line = expect(TokenType::kLBracket).line;
  auto l = std::make_unique<SeqExpr>(ExprKind::kList, line);
  while (!at(TokenType::kRBracket)) {
    if (!l->items.empty()) expect(TokenType::kComma);
    if (at(TokenType::kRBracket)) break;
    l->items.push_back(parse_expression());
  }
  expect(TokenType::kRBracket);
  return l;
}

ExprPtr Parser::parse_dict() {
  int line = expect(TokenType::kLBrace).line;
  auto d = std::make_unique<DictExpr>(line);
  while (!at(TokenType::kRBrace)) {
    if (!d->items.empty()) expect(TokenType::kComma);
    if (at(TokenType::kRBrace)) break;
    ExprPtr key = parse_expression();
    expect(TokenType::kColon);
    ExprPtr value = parse_expression();
    d->items.emplace_back(std::move(key), std::move(value));
  }
  expect(TokenType::kRBrace);
  return d;
}

ExprPtr Parser::parse_postfix(ExprPtr node) {
  for (;;) {
    if (at(TokenType::kDot) || at(TokenType::kLBracket)) node = parse_subscript(std::move(node));
    else if (at(TokenType::kLParen)) node = parse_call(std::move(node));
    else break;
  }
  return node;
}

ExprPtr Parser::parse_filter_expr(ExprPtr node) {
  for (;;) {
    if (at(TokenType::kPipe)) node = parse_filter(std::move(node), false);
    else if (at_name("is")) node = parse_test(std::move(node));
    else if (at(TokenType::kLParen)) node = parse_call(std::move(node));
    else break;
  }
  return node;
}

ExprPtr Parser::parse_subscript(ExprPtr node) {
  const Token& token = next();
  if (token.type == TokenType::kDot) {
    const Token& attr = current();
    next();
    if (attr.type == TokenType::kName) return std::make_unique<GetattrExpr>(std::move(node), attr.value, token.line);
    if (attr.type != TokenType::kInteger) fail("expected name or number", attr.line);
    auto idx = std::make_unique<ConstExpr>(Value(attr.int_value), attr.line);
    return std::make_unique<GetitemExpr>(std::move(node), std::move(idx), token.line);
  }
  // lbracket
  std::vector<ExprPtr> args;
  while (!at(TokenType::kRBracket)) {
    if (!args.empty()) expect(TokenType::kComma);
    args.push_back(parse_subscribed());
  }
  expect(TokenType::kRBracket);
  ExprPtr arg;
  if (args.size() == 1) {
    arg = std::move(args[0]);
  } else {
    auto t = std::make_unique<SeqExpr>(ExprKind::kTuple, token.line);
    t->items = std::move(args);
    arg = std::move(t);
  }
  return std::make_unique<GetitemExpr>(std::move(node), std::move(arg), token.line);
}

ExprPtr Parser::parse_subscribed() {
  int line = current().line;
  auto slice = std::make_unique<SliceExpr>(line);
  if (at(TokenType::kColon)) {
    next();
  } else {
    ExprPtr node = parse_expression();
    if (!at(TokenType::kColon)) return node;
    next();
    slice->start = std::move(node);
  }
  if (!at(TokenType::kColon) && !at(TokenType::kRBracket) && !at(TokenType::kComma)) slice->stop = parse_expression();
  if (at(TokenType::kColon)) {
    next();
    if (!at(TokenType::kRBracket) && !at(TokenType::kComma)) slice->step = parse_expression();
  }
  return slice;
}

CallArgsExpr Parser::parse_call_args() {
  const Token& token = expect(TokenType::kLParen);
  int line = token.line;
  CallArgsExpr out;
  bool require_comma = false;
  auto ensure = [&](bool ok) {
    if (!ok) fail("invalid syntax for function call expression", line);
  };
  while (!at(TokenType::kRParen)) {
    if (require_comma) {
      expect(TokenType::kComma);
      if (at(TokenType::kRParen)) break;
    }
    if (at(TokenType::kMul)) {
      ensure(!out.star_args && !out.star_kwargs);
      next();
      out.star_args = parse_expression();
    } else if (at(TokenType::kPow)) {
      ensure(!out.star_kwargs);
      next();
      out.star_kwargs = parse_expression();
    } else if (at(TokenType::kName) && look().type == TokenType::kAssign) {
      ensure(!out.star_kwargs);
      std::string key = next().value;
      next();
      out.kwargs.emplace_back(std::move(key), parse_expression());
    } else {
      ensure(!out.star_args && !out.star_kwargs && out.kwargs.empty());
      out.args.push_back(parse_expression());
    }
    require_comma = true;
  }
  expect(TokenType::kRParen);
  return out;
}

ExprPtr Parser::parse_call(ExprPtr node) {
  auto c = std::make_unique<CallExpr>(current().line);
  c->args = parse_call_args();
  c->callee = std::move(node);
  return c;
}

namespace {

/// The values of ARGS when each is a constant (and there is no * or **), else null.
std::unique_ptr<CallArgs> constant_call_args(const CallArgsExpr& a) {
  if (a.star_args || a.star_kwargs || (a.args.empty() && a.kwargs.empty())) return nullptr;
  auto out = std::make_unique<CallArgs>();
  for (const auto& x : a.args) {
    if (x->kind != ExprKind::kConst) return nullptr;
    out->args.push_back(static_cast<const ConstExpr&>(*x).value);
  }
  for (const auto& [k, x] : a.kwargs) {
    if (x->kind != ExprKind::kConst) return nullptr;
    out->kwargs.emplace_back(k, static_cast<const ConstExpr&>(*x).value);
  }
  return out;
}

}  // namespace

std::unique_ptr<FilterExpr> Parser::parse_filter(ExprPtr operand, bool start_inline) {
  std::unique_ptr<FilterExpr> node;
  ExprPtr current_operand = std::move(operand);
  while (at(TokenType::kPipe) || start_inline) {
    if (!start_inline) next();
    const Token& token = expect(TokenType::kName);
    auto f = std::make_unique<FilterExpr>(token.line);
    f->name = token.value;
    while (at(TokenType::kDot)) {
      next();
      f->name += "." + expect(TokenType::kName).value;
    }
    if (at(TokenType::kLParen)) {
      f->args = parse_call_args();
      f->constant_args = constant_call_args(f->args);
    }
    f->filter = registry_.filter(f->name);
    if (!f->filter && soft_ == 0) fail("No filter named " + single_quoted(f->name) + ".", token.line);
    f->operand = std::move(current_operand);
    current_operand = std::move(f);
    start_inline = false;
  }
  node.reset(static_cast<FilterExpr*>(current_operand.release()));
  return node;
}

ExprPtr Parser::parse_test(ExprPtr node) {
  const Token& token = next();  // 'is'
  bool negated = skip_if_name("not");
  auto t = std::make_unique<TestExpr>(token.line);
  t->name = expect(TokenType::kName).value;
  while (at(TokenType::kDot)) {
    next();
    t->name += "." + expect(TokenType::kName).value;
  }
  TokenType ct = current().type;
  if (ct == TokenType::kLParen) {
    t->args = parse_call_args();
  } else if ((ct == TokenType::kName || ct == TokenType::kString || ct == TokenType::kInteger || ct == TokenType::kFloat ||
              ct == TokenType::kLParen || ct == TokenType::kLBracket || ct == TokenType::kLBrace) &&
             !at_name("else") && !at_name("or") && !at_name("and")) {
    if (at_name("is")) fail("You cannot chain multiple tests with is");
    ExprPtr arg = parse_postfix(parse_primary());
    t->args.args.push_back(std::move(arg));
  }
  t->test = registry_.test(t->name);
  if (!t->test && soft_ == 0) fail("No test named " + single_quoted(t->name) + ".", token.line);
  t->operand = std::move(node);
  if (negated) return std::make_unique<UnaryExpr>(UnaryOp::kNot, std::move(t), token.line);
  return t;
}

}  // namespace restack::tmpl::detail
