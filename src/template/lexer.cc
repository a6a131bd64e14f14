#include "template/lexer.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "template/errors.h"
#include "template/utf8.h"

namespace restack::tmpl {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

/// Python's str.rstrip() on ASCII whitespace (and the separators \x1c-\x1f).
size_t rstrip_len(std::string_view s) {
  size_t n = s.size();
  while (n > 0) {
    char c = s[n - 1];
    if (is_ws(c) || (c >= 0x1c && c <= 0x1f)) --n;
    else break;
  }
  return n;
}

/// Newlines normalised to \n, and the single trailing newline dropped unless kept.
std::string normalize(std::string_view src, bool keep_trailing_newline) {
  std::string out;
  out.reserve(src.size());
  for (size_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < src.size() && src[i + 1] == '\n') ++i;
    } else {
      out += c;
    }
  }
  if (!keep_trailing_newline && !out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class Lexer {
 public:
  Lexer(std::string source, const std::string& name, const LexerOptions& options)
      : src_(std::move(source)), name_(name), opt_(options) {}

  std::vector<Token> run() {
    while (pos_ < src_.size()) lex_root();
    Token eof;
    eof.type = TokenType::kEof;
    eof.line = tokens_.empty() ? 1 : tokens_.back().line;  // Jinja2 reports EOF at the last token
    tokens_.push_back(std::move(eof));
    return std::move(tokens_);
  }

 private:
  enum class TagKind { kVariable, kBlock, kComment, kRaw };

  [[noreturn]] void fail(const std::string& message, int line) { raise_error_at(name_, line, message, kSyntaxErrorCode); }

  void advance_to(size_t new_pos) {
    for (size_t i = pos_; i < new_pos; ++i)
      if (src_[i] == '\n') ++line_;
    pos_ = new_pos;
  }

  void emit(TokenType type, std::string value, int line) {
    Token t;
    t.type = type;
    t.value = std::move(value);
    t.line = line;
    tokens_.push_back(std::move(t));
  }

  /// Matches `{%(-|+|)\s*raw\s*(-%}\s*|%})` at P; returns the end, or npos.
  size_t match_raw_begin(size_t p, char& sign, const char* word) const {
    size_t q = p + 2;
    sign = 0;
    if (q < src_.size() && (src_[q] == '-' || src_[q] == '+')) sign = src_[q++];
    while (q < src_.size() && is_ws(src_[q])) ++q;
    size_t wl = std::strlen(word);
    if (src_.compare(q, wl, word) != 0) return std::string::npos;
    q += wl;
    while (q < src_.size() && is_ws(src_[q])) ++q;
    return q;
  }

  /// Applies `-` / lstrip_blocks to TEXT before a tag. VARIABLE tags are not lstripped.
  std::string_view strip_before(std::string_view text, char sign, bool variable) const {
    if (sign == '-') return text.substr(0, rstrip_len(text));
    if (sign != '+' && opt_.lstrip_blocks && !variable) {
      size_t nl = text.rfind('\n');
      size_t l_pos = nl == std::string_view::npos ? 0 : nl + 1;
      if (l_pos > 0 || line_starting_) {
        std::string_view tail = text.substr(l_pos);
        bool all_ws = !tail.empty();
        for (char c : tail)
          if (!(c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r')) all_ws = false;
        if (all_ws) return text.substr(0, l_pos);
      }
    }
    return text;
  }

  void lex_root() {
    // Find the earliest tag start.
    size_t p = pos_;
    TagKind kind = TagKind::kVariable;
    size_t tag_end = 0;  // end of the tag opener (after any sign)
    char sign = 0;
    for (;;) {
      p = src_.find('{', p);
      if (p == std::string::npos || p + 1 >= src_.size()) {
        // The rest is data.
        int line = line_;
        std::string text = src_.substr(pos_);
        advance_to(src_.size());
        if (!text.empty()) emit(TokenType::kData, std::move(text), line);
        return;
      }
      char c = src_[p + 1];
      if (c == '%') {
        char rs;
        size_t e = match_raw_begin(p, rs, "raw");
        if (e != std::string::npos) {
          if (src_.compare(e, 3, "-%}") == 0) {
            e += 3;
            while (e < src_.size() && is_ws(src_[e])) ++e;
            kind = TagKind::kRaw, tag_end = e, sign = rs;
            break;
          }
          if (src_.compare(e, 2, "%}") == 0) {
            kind = TagKind::kRaw, tag_end = e + 2, sign = rs;
            break;
          }
        }
        kind = TagKind::kBlock;
      } else if (c == '{') {
        kind = TagKind::kVariable;
      } else if (c == '#') {
        kind = TagKind::kComment;
      } else {
        ++p;
        continue;
      }
      tag_end = p + 2;
      sign = 0;
      if (tag_end < src_.size() && (src_[tag_end] == '-' || src_[tag_end] == '+')) sign = src_[tag_end++];
      break;
    }
    std::string_view text(src_.data() + pos_, p - pos_);
    std::string_view kept = strip_before(text, sign, kind == TagKind::kVariable);
    int text_line = line_;
    if (!kept.empty()) emit(TokenType::kData, std::string(kept), text_line);
    advance_to(p);
    int tag_line = line_;
    advance_to(tag_end);
    line_starting_ = tag_end > 0 && src_[tag_end - 1] == '\n';
    switch (kind) {
      case TagKind::kComment: lex_comment(tag_line); break;
      case TagKind::kRaw: lex_raw(); break;
      case TagKind::kVariable:
        emit(TokenType::kVariableBegin, "{{", tag_line);
        lex_tag(false);
        break;
      case TagKind::kBlock:
        emit(TokenType::kBlockBegin, "{%", tag_line);
        lex_tag(true);
        break;
    }
  }

  void lex_comment(int start_line) {
    size_t q = pos_;
    for (;;) {
      q = src_.find("#}", q);
      if (q == std::string::npos) fail("Missing end of comment tag", line_);
      break;
    }
    size_t end = q + 2;
    size_t match_start = q;
    if (q > pos_ && (src_[q - 1] == '-' || src_[q - 1] == '+')) match_start = q - 1;
    char sign = match_start < q ? src_[match_start] : 0;
    if (sign == '-') {
      while (end < src_.size() && is_ws(src_[end])) ++end;
    } else if (sign == 0 && opt_.trim_blocks && end < src_.size() && src_[end] == '\n') {
      ++end;
    }
    (void)start_line;
    advance_to(end);
    line_starting_ = src_[end - 1] == '\n';
  }

  void lex_raw() {
    // Find `{%(-|+|)\s*endraw\s*(+%}|-%}\s*|%}\n?)`.
    size_t p = pos_;
    for (;;) {
      p = src_.find("{%", p);
      if (p == std::string::npos) fail("Missing end of raw directive", line_);
      char sign;
      size_t e = match_raw_begin(p, sign, "endraw");
      if (e == std::string::npos) {
        ++p;
        continue;
      }
      size_t end;
      if (src_.compare(e, 3, "+%}") == 0) {
        end = e + 3;
      } else if (src_.compare(e, 3, "-%}") == 0) {
        end = e + 3;
        while (end < src_.size() && is_ws(src_[end])) ++end;
      } else if (src_.compare(e, 2, "%}") == 0) {
        end = e + 2;
        if (opt_.trim_blocks && end < src_.size() && src_[end] == '\n') ++end;
      } else {
        ++p;
        continue;
      }
      std::string_view text(src_.data() + pos_, p - pos_);
      std::string_view kept = strip_before(text, sign, false);
      if (!kept.empty()) emit(TokenType::kData, std::string(kept), line_);
      advance_to(end);
      line_starting_ = src_[end - 1] == '\n';
      return;
    }
  }

  /// Tokens inside {{ }} or {% %} up to the closing delimiter (or the end of the source).
  void lex_tag(bool block) {
    std::vector<char> balance;
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (balance.empty()) {
        if (block) {
          if (src_.compare(pos_, 3, "+%}") == 0 || src_.compare(pos_, 3, "-%}") == 0) {
            int l = line_;
            size_t end = pos_ + 3;
            if (c == '-')
              while (end < src_.size() && is_ws(src_[end])) ++end;
            advance_to(end);
            emit(TokenType::kBlockEnd, "%}", l);
            line_starting_ = src_[end - 1] == '\n';
            return;
          }
          if (src_.compare(pos_, 2, "%}") == 0) {
            int l = line_;
            size_t end = pos_ + 2;
            if (opt_.trim_blocks && end < src_.size() && src_[end] == '\n') ++end;
            advance_to(end);
            emit(TokenType::kBlockEnd, "%}", l);
            line_starting_ = src_[end - 1] == '\n';
            return;
          }
        } else {
          if (src_.compare(pos_, 3, "-}}") == 0) {
            int l = line_;
            size_t end = pos_ + 3;
            while (end < src_.size() && is_ws(src_[end])) ++end;
            advance_to(end);
            emit(TokenType::kVariableEnd, "}}", l);
            line_starting_ = src_[end - 1] == '\n';
            return;
          }
          if (src_.compare(pos_, 2, "}}") == 0) {
            int l = line_;
            advance_to(pos_ + 2);
            emit(TokenType::kVariableEnd, "}}", l);
            line_starting_ = false;
            return;
          }
        }
      }
      if (is_ws(c)) {
        size_t end = pos_;
        while (end < src_.size() && is_ws(src_[end])) ++end;
        advance_to(end);
        continue;
      }
      if (is_digit(c) || (c == '.' && false)) {
        lex_number();
        continue;
      }
      if (is_name_start(c)) {
        size_t end = pos_;
        while (end < src_.size() && is_name_char(src_[end])) ++end;
        emit(TokenType::kName, src_.substr(pos_, end - pos_), line_);
        advance_to(end);
        continue;
      }
      if (c == '\'' || c == '"') {
        lex_string(c);
        continue;
      }
      lex_operator(balance);
    }
  }

  void lex_number() {
    size_t start = pos_, n = src_.size();
    auto digits = [&](size_t q) -> size_t {  // (\d+_)*\d+ ; returns end or npos
      if (q >= n || !is_digit(src_[q])) return std::string::npos;
      while (q < n && is_digit(src_[q])) {
        ++q;
        if (q + 1 < n && src_[q] == '_' && is_digit(src_[q + 1])) ++q;
      }
      return q;
    };
    // float_re: (?<!\.)(\d+_)*\d+ ((\.(\d+_)*\d+)? e[+-]?(\d+_)*\d+ | \.(\d+_)*\d+)
    bool after_dot = start > 0 && src_[start - 1] == '.';
    if (!after_dot) {
      size_t q = digits(start);
      size_t frac_end = std::string::npos;
      if (q < n && src_[q] == '.') frac_end = digits(q + 1);
      size_t exp_from = frac_end != std::string::npos ? frac_end : q;
      size_t exp_end = std::string::npos;
      if (exp_from < n && (src_[exp_from] == 'e' || src_[exp_from] == 'E')) {
        size_t r = exp_from + 1;
        if (r < n && (src_[r] == '+' || src_[r] == '-')) ++r;
        exp_end = digits(r);
      }
      size_t end = exp_end != std::string::npos ? exp_end : frac_end;
      if (end != std::string::npos) {
        std::string text;
        for (size_t i = start; i < end; ++i)
          if (src_[i] != '_') text += src_[i];
        Token t;
        t.type = TokenType::kFloat;
        t.line = line_;
        t.value = src_.substr(start, end - start);
        t.float_value = std::strtod(text.c_str(), nullptr);
        tokens_.push_back(std::move(t));
        advance_to(end);
        return;
      }
    }
    // integer_re
    size_t end = start;
    int base = 10;
    auto radix_digit = [&](char ch, int b) {
      if (b == 2) return ch == '0' || ch == '1';
      if (b == 8) return ch >= '0' && ch <= '7';
      if (b == 16) return is_digit(ch) || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f');
      return is_digit(ch);
    };
    if (src_[start] == '0' && start + 1 < n && strchr("bBoOxX", src_[start + 1]) && src_[start + 1] != 0) {
      char r = char(src_[start + 1] | 0x20);
      base = r == 'b' ? 2 : r == 'o' ? 8 : 16;
      size_t q = start + 2;
      size_t last = std::string::npos;
      while (q < n) {
        if (radix_digit(src_[q], base)) {
          last = ++q;
        } else if (src_[q] == '_' && q + 1 < n && radix_digit(src_[q + 1], base)) {
          ++q;
        } else {
          break;
        }
      }
      if (last == std::string::npos) base = 10;  // just "0"
      else end = last;
    }
    if (base == 10) {
      size_t q = start;
      if (src_[q] == '0') {
        ++q;
        while (q < n && (src_[q] == '0' || (src_[q] == '_' && q + 1 < n && src_[q + 1] == '0'))) ++q;
      } else {
        ++q;
        while (q < n && (is_digit(src_[q]) || (src_[q] == '_' && q + 1 < n && is_digit(src_[q + 1])))) ++q;
      }
      end = q;
    }
    std::string text;
    for (size_t i = (base == 10 ? start : start + 2); i < end; ++i)
      if (src_[i] != '_') text += src_[i];
    Token t;
    t.type = TokenType::kInteger;
    t.line = line_;
    t.value = src_.substr(start, end - start);
    errno = 0;
    unsigned long long u = std::strtoull(text.c_str(), nullptr, base);
    if (errno == ERANGE || u > uint64_t(INT64_MAX)) {
      t.int_overflow = true;
      double d = 0;
      for (char ch : text) d = d * base + (is_digit(ch) ? ch - '0' : (ch | 0x20) - 'a' + 10);
      t.float_value = d;
    } else {
      t.int_value = int64_t(u);
    }
    tokens_.push_back(std::move(t));
    advance_to(end);
  }

  void lex_string(char quote) {
    size_t q = pos_ + 1, n = src_.size();
    while (q < n && src_[q] != quote) {
      if (src_[q] == '\\') ++q;
      ++q;
    }
    if (q >= n) fail(std::string("unexpected char ") + (quote == '\'' ? "\"'\"" : "'\"'") + " at " + std::to_string(pos_), line_);
    int line = line_;
    std::string body = src_.substr(pos_ + 1, q - pos_ - 1);
    Token t;
    t.type = TokenType::kString;
    t.line = line;
    t.value = unescape(body, line);
    tokens_.push_back(std::move(t));
    advance_to(q + 1);
  }

  /// Python's unicode-escape decoding of a string literal's body.
  std::string unescape(const std::string& s, int line) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c != '\\' || i + 1 >= s.size()) {
        out += c;
        continue;
      }
      char e = s[++i];
      auto hex = [&](int count, const char* what) {
        uint32_t v = 0;
        for (int k = 0; k < count; ++k) {
          if (i + 1 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])))
            fail(std::string("(unicode error) 'unicodeescape' codec can't decode bytes: truncated ") + what + " escape", line);
          char h = s[++i];
          v = v * 16 + (is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        if (v > 0x10FFFF) fail("(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character", line);
        utf8::append(out, char32_t(v));
      };
      switch (e) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x': hex(2, "\\xXX"); break;
        case 'u': hex(4, "\\uXXXX"); break;
        case 'U': hex(8, "\\UXXXXXXXX"); break;
        default:
          if (e >= '0' && e <= '7') {
            uint32_t v = uint32_t(e - '0');
            for (int k = 0; k < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k) v = v * 8 + uint32_t(s[++i] - '0');
            utf8::append(out, char32_t(v));
          } else {
            out += '\\';
            out += e;
          }
      }
    }
    return out;
  }

  void lex_operator(std::vector<char>& balance) {
    static const struct {
      const char* text;
      TokenType type;
    } kOps[] = {{"//", TokenType::kFloorDiv}, {"**", TokenType::kPow}, {"==", TokenType::kEq}, {"!=", TokenType::kNe},
                {">=", TokenType::kGtEq},     {"<=", TokenType::kLtEq}, {"+", TokenType::kAdd},  {"-", TokenType::kSub},
                {"/", TokenType::kDiv},       {"*", TokenType::kMul},   {"%", TokenType::kMod},  {"~", TokenType::kTilde},
                {"[", TokenType::kLBracket},  {"]", TokenType::kRBracket}, {"(", TokenType::kLParen}, {")", TokenType::kRParen},
                {"{", TokenType::kLBrace},    {"}", TokenType::kRBrace}, {">", TokenType::kGt},   {"<", TokenType::kLt},
                {"=", TokenType::kAssign},    {".", TokenType::kDot},   {":", TokenType::kColon}, {"|", TokenType::kPipe},
                {",", TokenType::kComma},     {";", TokenType::kSemicolon}};
    for (const auto& op : kOps) {
      size_t len = std::strlen(op.text);
      if (src_.compare(pos_, len, op.text) != 0) continue;
      char c = op.text[0];
      if (len == 1) {
        if (c == '{') balance.push_back('}');
        else if (c == '(') balance.push_back(')');
        else if (c == '[') balance.push_back(']');
        else if (c == '}' || c == ')' || c == ']') {
          if (balance.empty()) fail(std::string("unexpected '") + c + "'", line_);
          char expected = balance.back();
          balance.pop_back();
          if (expected != c) fail(std::string("unexpected '") + c + "', expected '" + expected + "'", line_);
        }
      }
      emit(op.type, op.text, line_);
      advance_to(pos_ + len);
      return;
    }
    std::string shown;
    append_char_repr(shown);
    fail("unexpected char " + shown + " at " + std::to_string(pos_), line_);
  }

  void append_char_repr(std::string& out) const {
    unsigned char c = static_cast<unsigned char>(src_[pos_]);
    std::string one(1, char(c));
    if (c >= 0x80) {
      size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      one = src_.substr(pos_, len);
    }
    out += '\'';
    if (c == '\'') out += "\\'";
    else if (c == '\\') out += "\\\\";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else out += one;
    out += '\'';
    if (c == '\'') out = "\"'\"";
  }

  std::string src_;
  const std::string& name_;
  LexerOptions opt_;
  size_t pos_ = 0;
  int line_ = 1;
  bool line_starting_ = true;
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> tokenize(std::string_view source, const std::string& name, const LexerOptions& options) {
  Lexer lexer(normalize(source, options.keep_trailing_newline), name, options);
  return lexer.run();
}

std::string describe_token_type(TokenType t) {
  switch (t) {
    case TokenType::kData: return "template data / text";
    case TokenType::kVariableBegin: return "begin of print statement";
    case TokenType::kVariableEnd: return "end of print statement";
    case TokenType::kBlockBegin: return "begin of statement block";
    case TokenType::kBlockEnd: return "end of statement block";
    case TokenType::kName: return "name";
    case TokenType::kString: return "string";
    case TokenType::kInteger: return "integer";
    case TokenType::kFloat: return "float";
    case TokenType::kEof: return "end of template";
    case TokenType::kAdd: return "+";
    case TokenType::kSub: return "-";
    case TokenType::kDiv: return "/";
    case TokenType::kFloorDiv: return "//";
    case TokenType::kMul: return "*";
    case TokenType::kMod: return "%";
    case TokenType::kPow: return "**";
    case TokenType::kTilde: return "~";
    case TokenType::kLBracket: return "[";
    case TokenType::kRBracket: return "]";
    case TokenType::kLParen: return "(";
    case TokenType::kRParen: return ")";
    case TokenType::kLBrace: return "{";
    case TokenType::kRBrace: return "}";
    case TokenType::kEq: return "==";
    case TokenType::kNe: return "!=";
    case TokenType::kGt: return ">";
    case TokenType::kGtEq: return ">=";
    case TokenType::kLt: return "<";
    case TokenType::kLtEq: return "<=";
    case TokenType::kAssign: return "=";
    case TokenType::kDot: return ".";
    case TokenType::kColon: return ":";
    case TokenType::kPipe: return "|";
    case TokenType::kComma: return ",";
    case TokenType::kSemicolon: return ";";
  }
  return "?";
}

std::string describe_token(const Token& t) {
  if (t.type == TokenType::kName) return t.value;
  return describe_token_type(t.type);
}

}  // namespace restack::tmpl
