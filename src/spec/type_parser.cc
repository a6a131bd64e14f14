#include "spec/type_parser.h"

#include <cctype>

namespace restack::spec {
namespace {

enum class Tok { kName, kString, kInt, kLBracket, kRBracket, kComma, kPipe, kEllipsis, kMinus, kEnd, kBad };

struct Token {
  Tok kind;
  size_t offset;
  std::string text;
};

const char* const kBuiltins[] = {"str", "int", "float", "bool", "bytes", "datetime",
                                 "date", "time", "timedelta", "Decimal", "UUID"};

bool is_builtin(std::string_view n) {
  for (const char* b : kBuiltins)
    if (n == b) return true;
  return false;
}

class Parser {
 public:
  Parser(std::string_view text, const std::function<bool(std::string_view)>& is_model, const Loc& where)
      : text_(text), is_model_(is_model), where_(where) {
    next();
  }

  TypeParseResult run() {
    TypeParseResult r;
    auto t = parse_union(0);
    if (t && tok_.kind != Tok::kEnd) fail(tok_.offset, "unexpected `" + tok_.text + "` after the type");
    if (t && t->kind == TypeExpr::Kind::kNone) fail(0, "`None` alone is not a field type; use Optional[T]");
    if (error_) {
      r.error = error_;
      return r;
    }
    r.type = std::move(t);
    return r;
  }

 private:
  void fail(size_t offset, std::string message, bool unknown_name = false) {
    if (!error_) error_ = TypeParseError{offset, std::move(message), unknown_name};
  }

  void next() {
    size_t i = pos_;
    while (i < text_.size() && std::isspace(static_cast<unsigned char>(text_[i]))) ++i;
    tok_ = Token{Tok::kEnd, i, ""};
    if (i >= text_.size()) {
      pos_ = i;
      tok_.text = "end";
      return;
    }
    char c = text_[i];
    auto single = [&](Tok k) {
      tok_ = Token{k, i, std::string(1, c)};
      pos_ = i + 1;
    };
    if (c == '[') return single(Tok::kLBracket);
    if (c == ']') return single(Tok::kRBracket);
    if (c == ',') return single(Tok::kComma);
    if (c == '|') return single(Tok::kPipe);
    if (c == '-') return single(Tok::kMinus);
    if (text_.substr(i, 3) == "...") {
      tok_ = Token{Tok::kEllipsis, i, "..."};
      pos_ = i + 3;
      return;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t e = i;
      while (e < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[e])) || text_[e] == '_' || text_[e] == '.')) ++e;
      tok_ = Token{Tok::kName, i, std::string(text_.substr(i, e - i))};
      pos_ = e;
      return;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t e = i;
      while (e < text_.size() && std::isdigit(static_cast<unsigned char>(text_[e]))) ++e;
      tok_ = Token{Tok::kInt, i, std::string(text_.substr(i, e - i))};
      pos_ = e;
      return;
    }
    if (c == '"' || c == '\'') {
      std::string value;
      size_t e = i + 1;
      while (e < text_.size() && text_[e] != c) {
        if (text_[e] == '\\' && e + 1 < text_.size()) ++e;
        value += text_[e++];
      }
      if (e >= text_.size()) {
        fail(i, "unterminated string literal");
        tok_ = Token{Tok::kBad, i, std::string(1, c)};
        pos_ = text_.size();
        return;
      }
      tok_ = Token{Tok::kString, i, value};
      pos_ = e + 1;
      return;
    }
    tok_ = Token{Tok::kBad, i, std::string(1, c)};
    pos_ = i + 1;
  }

  TypeExpr make(TypeExpr::Kind kind, size_t start) {
    TypeExpr t;
    t.kind = kind;
    t.loc = where_;
    (void)start;
    return t;
  }

  void set_spelling(TypeExpr& t, size_t start) {
    size_t end = tok_.kind == Tok::kEnd ? text_.size() : tok_.offset;
    std::string_view s = text_.substr(start, end - start);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    t.spelling = std::string(s);
  }

  std::optional<TypeExpr> parse_union(int depth) {
    size_t start = tok_.offset;
    auto first = parse_atom(depth);
    if (!first) return std::nullopt;
    if (tok_.kind != Tok::kPipe) return first;
    TypeExpr u = make(TypeExpr::Kind::kUnion, start);
    u.args.push_back(std::move(*first));
    while (tok_.kind == Tok::kPipe) {
      next();
      auto t = parse_atom(depth);
      if (!t) return std::nullopt;
      u.args.push_back(std::move(*t));
    }
    set_spelling(u, start);
    return u;
  }

  bool expect(Tok kind, const char* what) {
    if (tok_.kind == kind) {
      next();
      return true;
    }
    fail(tok_.offset, std::string("expected ") + what + ", found `" + tok_.text + "`");
    return false;
  }

  std::optional<TypeExpr> parse_atom(int depth) {
    if (depth > 32) {
      fail(tok_.offset, "the type nests too deeply");
      return std::nullopt;
    }
    size_t start = tok_.offset;
    if (tok_.kind != Tok::kName) {
      fail(tok_.offset, tok_.kind == Tok::kEnd ? "a type is missing" : "expected a type name, found `" + tok_.text + "`");
      return std::nullopt;
    }
    std::string name = tok_.text;
    next();
    bool subscripted = tok_.kind == Tok::kLBracket;
    std::vector<TypeExpr> args;
    std::vector<nlohmann::json> literals;
    bool variadic = false;
    if (subscripted) {
      next();
      if (name == "Literal") {
        if (!parse_literals(literals)) return std::nullopt;
      } else {
        while (true) {
          if (tok_.kind == Tok::kEllipsis) {
            if (name != "Tuple" && name != "tuple") {
              fail(tok_.offset, "`...` is only allowed as `Tuple[T, ...]`");
              return std::nullopt;
            }
            if (args.size() != 1) {
              fail(tok_.offset, "`...` must follow exactly one element type, as in `Tuple[int, ...]`");
              return std::nullopt;
            }
            variadic = true;
            next();
          } else {
            if (variadic) {
              fail(tok_.offset, "nothing may follow `...` in a Tuple");
              return std::nullopt;
            }
            auto t = parse_union(depth + 1);
            if (!t) return std::nullopt;
            args.push_back(std::move(*t));
          }
          if (tok_.kind != Tok::kComma) break;
          next();
          if (tok_.kind == Tok::kRBracket) break;  // trailing comma
        }
      }
      if (!expect(Tok::kRBracket, "`]`")) return std::nullopt;
    }
    auto arity = [&](size_t lo, size_t hi, const char* shape) -> bool {
      if (args.size() >= lo && args.size() <= hi) return true;
      fail(start, "`" + name + "` takes " + shape + ", found " + std::to_string(args.size()));
      return false;
    };
    auto no_args = [&]() -> bool {
      if (!subscripted) return true;
      fail(start, "`" + name + "` takes no type arguments");
      return false;
    };
    if (name != "Optional" && name != "Union")
      for (const auto& a : args)
        if (a.kind == TypeExpr::Kind::kNone) {
          fail(start, "`None` is only allowed inside Optional, Union or `X | None`");
          return std::nullopt;
        }
    TypeExpr t = make(TypeExpr::Kind::kAny, start);
    t.name = name;
    if (is_builtin(name)) {
      if (!no_args()) return std::nullopt;
      t.kind = TypeExpr::Kind::kBuiltin;
    } else if (name == "Any") {
      if (!no_args()) return std::nullopt;
      t.kind = TypeExpr::Kind::kAny;
    } else if (name == "None") {
      if (!no_args()) return std::nullopt;
      t.kind = TypeExpr::Kind::kNone;
    } else if (name == "Optional") {
      if (!subscripted) {
        fail(start, "`Optional` needs a type, as in `Optional[str]`");
        return std::nullopt;
      }
      if (!arity(1, 1, "one type")) return std::nullopt;
      t.kind = TypeExpr::Kind::kOptional;
    } else if (name == "List" || name == "list" || name == "Set" || name == "set") {
      t.kind = (name == "List" || name == "list") ? TypeExpr::Kind::kList : TypeExpr::Kind::kSet;
      if (subscripted && !arity(1, 1, "one type")) return std::nullopt;
      if (!subscripted) args.push_back(make(TypeExpr::Kind::kAny, start));
    } else if (name == "Dict" || name == "dict") {
      t.kind = TypeExpr::Kind::kDict;
      if (subscripted && !arity(2, 2, "two types (key and value)")) return std::nullopt;
      if (!subscripted) {
        TypeExpr key = make(TypeExpr::Kind::kBuiltin, start);
        key.name = key.spelling = "str";
        args.push_back(key);
        args.push_back(make(TypeExpr::Kind::kAny, start));
      } else {
        const TypeExpr& key = args[0];
        bool ok_key = key.kind == TypeExpr::Kind::kLiteral ||
                      (key.kind == TypeExpr::Kind::kBuiltin &&
                       (key.name == "str" || key.name == "int" || key.name == "float" || key.name == "bool" ||
                        key.name == "UUID"));
        if (!ok_key) {
          fail(start, "a Dict key must be str, int, float, bool, UUID or a Literal, not `" + key.spelling + "`");
          return std::nullopt;
        }
      }
    } else if (name == "Tuple" || name == "tuple") {
      if (!subscripted || args.empty()) {
        fail(start, "`" + name + "` needs element types, as in `Tuple[int, str]` or `Tuple[int, ...]`");
        return std::nullopt;
      }
      t.kind = TypeExpr::Kind::kTuple;
      t.variadic = variadic;
    } else if (name == "Union") {
      if (!subscripted || !arity(2, 1000, "at least two types")) {
        if (!subscripted) fail(start, "`Union` needs at least two types, as in `Union[int, str]`");
        return std::nullopt;
      }
      t.kind = TypeExpr::Kind::kUnion;
    } else if (name == "Literal") {
      if (!subscripted) {
        fail(start, "`Literal` needs values, as in `Literal[\"a\", \"b\"]`");
        return std::nullopt;
      }
      t.kind = TypeExpr::Kind::kLiteral;
      t.literals = std::move(literals);
    } else if (is_model_ && is_model_(name)) {
      if (!no_args()) return std::nullopt;
      t.kind = TypeExpr::Kind::kModel;
    } else {
      fail(start, name, true);
      return std::nullopt;
    }
    t.args = std::move(args);
    set_spelling(t, start);
    return t;
  }

  bool parse_literals(std::vector<nlohmann::json>& out) {
    while (true) {
      bool negative = false;
      if (tok_.kind == Tok::kMinus) {
        negative = true;
        next();
        if (tok_.kind != Tok::kInt) {
          fail(tok_.offset, "expected a number after `-`");
          return false;
        }
      }
      switch (tok_.kind) {
        case Tok::kString: out.emplace_back(tok_.text); break;
        case Tok::kInt: {
          try {
            long long v = std::stoll(tok_.text);
            out.emplace_back(negative ? -v : v);
          } catch (...) {
            fail(tok_.offset, "the number `" + tok_.text + "` is too large");
            return false;
          }
          break;
        }
        case Tok::kName:
          if (tok_.text == "True") out.emplace_back(true);
          else if (tok_.text == "False") out.emplace_back(false);
          else if (tok_.text == "None") out.emplace_back(nullptr);
          else {
            fail(tok_.offset, "a Literal holds strings, integers, True, False or None, not `" + tok_.text + "`");
            return false;
          }
          break;
        default:
          fail(tok_.offset, tok_.kind == Tok::kRBracket ? "`Literal` needs at least one value"
                                                        : "a Literal holds strings, integers, True, False or None, not `" + tok_.text + "`");
          return false;
      }
      next();
      if (tok_.kind != Tok::kComma) return true;
      next();
      if (tok_.kind == Tok::kRBracket) return true;
    }
  }

  std::string_view text_;
  const std::function<bool(std::string_view)>& is_model_;
  Loc where_;
  size_t pos_ = 0;
  Token tok_{Tok::kEnd, 0, ""};
  std::optional<TypeParseError> error_;
};

}  // namespace

TypeParseResult parse_type(std::string_view text, const std::function<bool(std::string_view)>& is_model,
                           const Loc& where) {
  return Parser(text, is_model, where).run();
}

const std::vector<std::string>& known_type_names() {
  static const std::vector<std::string> names = {
      "str", "int", "float", "bool", "bytes", "datetime", "date", "time", "timedelta", "Decimal", "UUID",
      "Any", "None", "Optional", "List", "list", "Set", "set", "Dict", "dict", "Tuple", "tuple", "Union", "Literal"};
  return names;
}

}  // namespace restack::spec
