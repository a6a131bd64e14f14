// String filters: case, trim, replace, truncate, wordwrap (Python's textwrap), indent, center,
// escape, striptags, urlencode, wordcount, format.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

#include "template/filters/helpers.h"
#include "template/format.h"
#include "template/string_ops.h"

namespace restack::tmpl {

namespace {

using filters::int_arg;
using filters::soft_str;

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

/// html.unescape for the entities markupsafe produces and the common named ones.
std::string html_unescape(std::string_view s) {
  static const std::pair<const char*, const char*> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}, {"copy", "\xC2\xA9"}};
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi != std::string_view::npos && semi - i <= 10) {
      std::string_view ent = s.substr(i + 1, semi - i - 1);
      if (!ent.empty() && ent[0] == '#') {
        bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
        std::string digits(ent.substr(hex ? 2 : 1));
        char* end = nullptr;
        unsigned long cp = digits.empty() ? 0 : std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
        if (!digits.empty() && end && *end == '\0' && cp > 0 && cp <= 0x10FFFF) {
          utf8::append(out, char32_t(cp));
          i = semi;
          continue;
        }
      } else {
        bool done = false;
        for (const auto& [name, repl] : kNamed) {
          if (ent == name) {
            out += repl;
            i = semi;
            done = true;
            break;
          }
        }
        if (done) continue;
      }
    }
    out += '&';
  }
  return out;
}

// ---- textwrap ----

bool tw_space(char32_t c) { return c == '\t' || c == '\n' || c == 0x0b || c == 0x0c || c == '\r' || c == ' '; }
/// Regex \w with the ASCII answer inline (wrapping calls it for nearly every character).
inline bool word_char(char32_t c) {
  if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '_';
  return utf8::is_word(c);
}
bool word_punct(char32_t c) { return word_char(c) || c == '!' || c == '"' || c == '\'' || c == '&' || c == '.' || c == ',' || c == '?'; }
bool letter(char32_t c) { return word_char(c) && !utf8::is_digit(c); }

/// textwrap.TextWrapper._split with break_on_hyphens (wordsep_re) or without (wordsep_simple_re).
/// VIEW is std::string_view for ASCII text (no decoding) or std::u32string_view; chunks are
/// views into the text.
template <typename View>
std::vector<View> split_chunks(View t, bool break_on_hyphens) {
  std::vector<View> chunks;
  size_t i = 0, n = t.size();
  chunks.reserve(std::min<size_t>(n / 2 + 1, 4096));  // about a word and a space per 6 chars
  auto at = [&](size_t k) -> char32_t { return k < n ? char32_t(t[k]) : 0; };
  while (i < n) {
    if (tw_space(t[i])) {
      size_t j = i;
      while (j < n && tw_space(t[j])) ++j;
      chunks.push_back(t.substr(i, j - i));
      i = j;
      continue;
    }
    {
      // A word without '-' ends at the next space in both regexes (only a hyphen gives
      // another ending): most words take this path, without the per-character lookarounds.
      size_t j = i;
      bool hyphen = false;
      while (j < n && !tw_space(t[j])) hyphen |= t[j++] == '-';
      if (!break_on_hyphens || !hyphen) {
        chunks.push_back(t.substr(i, j - i));
        i = j;
        continue;
      }
    }
    // em-dash between words: (?<=wp) -{2,} (?=\w)
    if (i > 0 && t[i] == '-' && at(i + 1) == '-' && word_punct(t[i - 1])) {
      size_t j = i;
      while (j < n && t[j] == '-') ++j;
      if (j < n && word_char(t[j])) {
        chunks.push_back(t.substr(i, j - i));
        i = j;
        continue;
      }
    }
    // word, possibly hyphenated: [^ws]+? followed by one of the three endings
    size_t end = 0;
    for (size_t k = i + 1; k <= n; ++k) {
      // the chars t[i..k) are all non-space
      if (tw_space(t[k - 1])) break;
      size_t p = k;  // candidate end position
      // hyphenated word: '-' at p, with lookbehinds and lookahead
      if (p < n && t[p] == '-') {
        bool lb1 = p >= 2 && letter(t[p - 2]) && letter(t[p - 1]);
        bool lb2 = p >= 3 && letter(t[p - 3]) && t[p - 2] == '-' && letter(t[p - 1]);
        if (lb1 || lb2) {
          size_t q = p + 1;
          bool la = q < n && letter(t[q]);
          if (la) {
            size_t r = q + 1;
            if (r < n && t[r] == '-') ++r;
            la = r < n && letter(t[r]);
            if (!la) {  // -? is optional: try without the hyphen
              la = q + 1 < n && letter(t[q + 1]);
            }
          }
          if (la) {
            end = p + 1;
            break;
          }
        }
      }
      // end of word
      if (p >= n || tw_space(t[p])) {
        end = p;
        break;
      }
      // em-dash: (?<=wp)(?=-{2,}\w)
      if (t[p] == '-' && at(p + 1) == '-' && word_punct(t[p - 1])) {
        size_t q = p;
        while (q < n && t[q] == '-') ++q;
        if (q < n && word_char(t[q])) {
          end = p;
          break;
        }
      }
    }
    if (end == 0) end = i + 1;
    chunks.push_back(t.substr(i, end - i));
    i = end;
  }
  return chunks;
}

template <typename View>
bool blank(View s) {
  for (auto c : s)
    if (!utf8::is_space(char32_t(c))) return false;
  return true;
}

template <typename View>
std::vector<View> textwrap(View text, size_t width, bool break_long_words, bool break_on_hyphens) {
  std::vector<View> chunks = split_chunks(text, break_on_hyphens);
  std::reverse(chunks.begin(), chunks.end());
  std::vector<View> lines, cur;
  while (!chunks.empty()) {
    cur.clear();  // one buffer for every line
    size_t cur_len = 0;
    if (blank(chunks.back()) && !lines.empty()) chunks.pop_back();
    while (!chunks.empty()) {
      size_t l = chunks.back().size();
      if (cur_len + l <= width) {
        cur_len += l;
        cur.push_back(std::move(chunks.back()));
        chunks.pop_back();
      } else {
        break;
      }
    }
    if (!chunks.empty() && chunks.back().size() > width) {
      size_t space_left = width < 1 ? 1 : width - cur_len;
      if (break_long_words) {
        size_t end = space_left;
        View& chunk = chunks.back();
        if (break_on_hyphens && chunk.size() > space_left) {
          size_t hyphen = chunk.rfind(typename View::value_type('-'), space_left == 0 ? 0 : space_left - 1);
          if (hyphen != View::npos && hyphen < space_left && hyphen > 0) {
            bool non_dash = false;
            for (size_t k = 0; k < hyphen; ++k) non_dash = non_dash || chunk[k] != '-';
            if (non_dash) end = hyphen + 1;
          }
        }
        cur.push_back(chunk.substr(0, end));
        chunk = chunk.substr(end);
      } else if (cur.empty()) {
        cur.push_back(std::move(chunks.back()));
        chunks.pop_back();
      }
      cur_len = 0;
      for (const auto& c : cur) cur_len += c.size();
    }
    if (!cur.empty() && blank(cur.back())) {
      cur_len -= cur.back().size();
      cur.pop_back();
    }
    if (!cur.empty()) {
      // The chunks of a line are consecutive pieces of the text: the line is one view.
      const auto* first = cur.front().data();
      lines.emplace_back(first, size_t(cur.back().data() + cur.back().size() - first));
    }
  }
  return lines;
}

/// textwrap's result for the common paragraph, without splitting it into chunks: printable
/// ASCII words with no '-' separated by spaces, no word or run of spaces longer than WIDTH.
/// Then the chunks are the runs of spaces and of non-spaces, no chunk is ever broken, and a
/// line is the longest run of whole chunks from its start that fits in WIDTH (less a leading
/// run of spaces after the first line, and a trailing one). Returns false, producing nothing,
/// for any other paragraph (textwrap() handles it).
bool wrap_simple_paragraph(std::string_view t, size_t width, std::vector<std::string_view>& lines) {
  // Bytes a simple paragraph may hold: not tabs or control bytes (which str.strip() also
  // strips), not DEL or non-ASCII, not '-'.
  static constexpr auto kSimple = [] {
    std::array<bool, 256> ok{};
    for (int c = 0x20; c < 0x7F; ++c) ok[size_t(c)] = c != '-';
    return ok;
  }();
  const size_t n = t.size();
  size_t run_start = 0;  // where the current run of spaces or non-spaces began
  bool in_spaces = n > 0 && t[0] == ' ';
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (!kSimple[c]) return false;
    if ((c == ' ') != in_spaces) {
      if (i - run_start > width) return false;
      run_start = i;
      in_spaces = !in_spaces;
    }
  }
  if (n - run_start > width) return false;
  auto boundary = [&](size_t k) { return k == n || (t[k - 1] == ' ') != (t[k] == ' '); };
  size_t p = 0;
  while (p < n) {
    if (t[p] == ' ' && !lines.empty()) {  // a line after the first starts without its spaces
      while (p < n && t[p] == ' ') ++p;
      if (p == n) break;
    }
    size_t e = n;
    if (n - p > width) {
      e = p + width;
      while (!boundary(e)) --e;  // stops after the first chunk at the latest: it fits in WIDTH
    }
    size_t line_end = e;
    while (line_end > p && t[line_end - 1] == ' ') --line_end;  // the trailing run of spaces
    if (line_end > p) lines.push_back(t.substr(p, line_end - p));
    p = e;
  }
  return true;
}

Value do_wordwrap(Renderer& r, const Value& self, CallArgs& a) {
  auto x = bind_args("wordwrap", a, {"width", "break_long_words", "wrapstring", "break_on_hyphens"});
  int64_t width = x[0].is_undefined() ? 79 : int_arg(x[0], "width");
  if (width <= 0) raise_error("invalid width " + std::to_string(width) + " (must be > 0)");
  bool break_long = x[1].is_undefined() ? true : x[1].truthy();
  std::string wrapstring = x[2].is_undefined() || x[2].is_none() ? "\n" : soft_str(x[2]);
  bool hyphens = x[3].is_undefined() ? true : x[3].truthy();
  std::string owned = self.is_string() ? std::string() : soft_str(self);
  const std::string& s = self.is_string() ? self.as_string() : owned;  // borrowed, not copied
  std::string out;
  bool first_para = true;
  if (utf8::is_ascii(s)) {  // bytes are code points: wrap views of the text
    out.reserve(std::min(s.size() + s.size() / size_t(width) * wrapstring.size(), r.max_bytes()));
    std::vector<std::string_view> simple_lines, general_lines;
    // A simple paragraph has no line break (its bytes are printable): then the whole text is
    // that one paragraph, without splitting it into lines first.
    if (wrap_simple_paragraph(s, size_t(width), simple_lines)) {
      for (size_t i = 0; i < simple_lines.size(); ++i) {
        if (i) out += wrapstring;
        out += simple_lines[i];
      }
      if (out.size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
      return Value(std::move(out));
    }
    for (std::string_view para : strops::splitlines_ascii(s)) {
      if (!first_para) out += wrapstring;
      first_para = false;
      bool first_line = true;
      simple_lines.clear();
      const std::vector<std::string_view>& wrapped =
          wrap_simple_paragraph(para, size_t(width), simple_lines) ? simple_lines
                                                                    : (general_lines = textwrap(para, size_t(width), break_long, hyphens));
      for (std::string_view line : wrapped) {
        if (!first_line) out += wrapstring;
        first_line = false;
        out += line;
      }
      if (out.size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
    }
    return Value(std::move(out));
  }
  for (const auto& para : strops::splitlines(s)) {
    if (!first_para) out += wrapstring;
    first_para = false;
    bool first_line = true;
    {
      std::u32string text = utf8::decode(para);
      for (std::u32string_view line : textwrap(std::u32string_view(text), size_t(width), break_long, hyphens)) {
        if (!first_line) out += wrapstring;
        first_line = false;
        out += utf8::encode(line);
      }
    }
    if (out.size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
  }
  return Value(std::move(out));
}

Value do_indent(Renderer& r, const Value& self, CallArgs& a) {
  auto x = bind_args("indent", a, {"width", "first", "blank"});
  std::string indention;
  if (x[0].is_string()) {
    indention = x[0].as_string();
  } else {
    int64_t w = x[0].is_undefined() ? 4 : int_arg(x[0], "width");
    if (w > int64_t(r.max_bytes())) raise_error("indent width too large", kLimitErrorCode);
    indention.assign(size_t(std::max<int64_t>(w, 0)), ' ');
  }
  bool first = x[1].truthy(), blank_lines = x[2].truthy();
  // One line (most code lines the bundled templates indent): Jinja2 adds "\n", splits and joins
  // it back to the same text, so the value itself is the answer, shared instead of copied.
  if (self.is_string() && !strops::may_break_line(self.as_string())) {
    if (!first) return self;
    if (indention.size() + self.as_string().size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
    return Value(indention + self.as_string());
  }
  std::string owned;  // the text of a value that is not a string
  if (!self.is_string()) owned = soft_str(self);
  const std::string_view text = self.is_string() ? std::string_view(self.as_string()) : std::string_view(owned);
  std::string rv;
  size_t line_index = 0;
  auto add_line = [&](std::string_view line) {
    if (blank_lines) {
      if (line_index) {
        rv += '\n';
        rv += indention;
      }
      rv += line;
    } else if (line_index == 0) {
      rv = line;
    } else {
      rv += '\n';
      if (!line.empty()) rv += indention;
      rv += line;
      if (rv.size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
    }
    ++line_index;
  };
  if (utf8::is_ascii(text)) {
    // Lines as views of the text, found in one pass (no list of lines, no copy of the text).
    size_t breaks = 0;  // memchr skips the text between line ends many bytes at a time
    for (const char *p = text.data(), *end = p + text.size(); (p = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p))));
         ++p)
      ++breaks;
    rv.reserve(std::min(text.size() + 1 + (breaks + 1) * indention.size(), r.max_bytes()));
    strops::for_each_line_newline_added_ascii(text, add_line);
  } else {
    std::string s(text);
    s += '\n';
    std::vector<std::string> lines = strops::splitlines(s);
    rv.reserve(std::min(s.size() + lines.size() * indention.size(), r.max_bytes()));
    for (const auto& line : lines) add_line(line);
  }
  if (first) rv = indention + rv;
  return Value(std::move(rv));
}

/// Jinja2's do_truncate on code points: STR is std::string for ASCII text (a byte is a code
/// point), std::u32string otherwise.
template <typename Str>
Str truncate_text(const Str& s, int64_t length, bool killwords, const Str& end, int64_t leeway) {
  if (int64_t(s.size()) <= length + leeway) return s;
  Str head = s.substr(0, size_t(length - int64_t(end.size())));
  if (killwords) return head + end;
  size_t sp = head.rfind(typename Str::value_type(' '));
  if (sp != Str::npos) head.resize(sp);
  return head + end;
}

Value do_truncate(Renderer&, const Value& self, CallArgs& a) {
  auto x = bind_args("truncate", a, {"length", "killwords", "end", "leeway"});
  std::string owned = self.is_string() ? std::string() : soft_str(self);
  const std::string& s = self.is_string() ? self.as_string() : owned;
  int64_t length = x[0].is_undefined() ? 255 : int_arg(x[0], "length");
  bool killwords = x[1].truthy();
  std::string end_owned = x[2].is_undefined() ? std::string() : soft_str(x[2]);
  const std::string_view end = x[2].is_undefined() ? std::string_view("...") : std::string_view(end_owned);
  int64_t leeway = x[3].is_undefined() || x[3].is_none() ? 5 : int_arg(x[3], "leeway");
  size_t end_length = utf8::length(end);
  if (length < int64_t(end_length)) raise_error("expected length >= " + std::to_string(end_length) + ", got " + std::to_string(length));
  if (leeway < 0) raise_error("expected leeway >= 0, got " + std::to_string(leeway));
  // Short enough in bytes is short enough in code points: the text comes back unchanged.
  if (int64_t(s.size()) <= length + leeway) return self.is_string() ? self : Value(std::move(owned));
  if (utf8::is_ascii(s) && utf8::is_ascii(end)) {
    std::string_view head = std::string_view(s).substr(0, size_t(length - int64_t(end.size())));
    if (!killwords) {
      size_t sp = head.rfind(' ');
      if (sp != std::string_view::npos) head = head.substr(0, sp);
    }
    std::string out;
    out.reserve(head.size() + end.size());
    out.append(head).append(end);
    return Value(std::move(out));
  }
  return Value(utf8::encode(truncate_text(utf8::decode(s), length, killwords, utf8::decode(end), leeway)));
}

std::string url_quote(std::string_view s, bool for_qs) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                c == '-' || c == '~' || (!for_qs && c == '/');
    if (safe) {
      out += char(c);
    } else if (for_qs && c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Value do_urlencode(Renderer&, const Value& self, CallArgs& a) {
  bind_args("urlencode", a, {});
  if (self.is_string()) return Value(url_quote(self.as_string(), false));
  std::vector<std::pair<Value, Value>> pairs;
  if (self.is_dict()) {
    pairs = self.as_dict().entries;
  } else if (self.is_sequence()) {
    for (const auto& item : self.as_list().items) {
      auto kv = iterate(item);
      if (kv.size() != 2) raise_error("too many values to unpack (expected 2)");
      pairs.emplace_back(kv[0], kv[1]);
    }
  } else {
    return Value(url_quote(soft_str(self), false));
  }
  std::string out;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i) out += '&';
    out += url_quote(to_str(pairs[i].first), true) + "=" + url_quote(to_str(pairs[i].second), true);
  }
  return Value(out);
}

Value do_striptags(Renderer&, const Value& self, CallArgs& a) {
  bind_args("striptags", a, {});
  std::string s = soft_str(self);
  std::string no_comments;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 4, "<!--") == 0) {
      size_t e = s.find("-->", i + 4);
      if (e != std::string::npos) {
        i = e + 3;
        continue;
      }
    }
    no_comments += s[i++];
  }
  std::string no_tags;
  for (size_t i = 0; i < no_comments.size();) {
    if (no_comments[i] == '<') {
      size_t e = no_comments.find('>', i + 1);
      if (e != std::string::npos) {
        i = e + 1;
        continue;
      }
    }
    no_tags += no_comments[i++];
  }
  std::string joined;
  for (const auto& w : strops::split(no_tags, nullptr, -1)) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  return Value(html_unescape(joined));
}

Value do_wordcount(Renderer&, const Value& self, CallArgs& a) {
  bind_args("wordcount", a, {});
  int64_t n = 0;
  bool in_word = false;
  for (char32_t c : utf8::decode(soft_str(self))) {
    bool w = utf8::is_word(c);
    if (w && !in_word) ++n;
    in_word = w;
  }
  return Value(n);
}

}  // namespace

void register_string_filters(Registry& reg) {
  reg.add_filter("upper", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("upper", a, {});
    if (v.is_string() && !strops::has_ascii_in(v.as_string(), 'a', 'z') && utf8::is_ascii(v.as_string())) return v;
    return Value(utf8::upper(soft_str(v)));
  });
  reg.add_filter("lower", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("lower", a, {});
    if (v.is_string() && !strops::has_ascii_in(v.as_string(), 'A', 'Z') && utf8::is_ascii(v.as_string())) return v;
    return Value(utf8::lower(soft_str(v)));
  });
  reg.add_filter("capitalize", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("capitalize", a, {});
    return Value(strops::capitalize(soft_str(v)));
  });
  reg.add_filter("title", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("title", a, {});
    // Jinja2 splits on runs of [-\s({[<] and capitalises each piece.
    std::string owned = v.is_string() ? std::string() : soft_str(v);
    const std::string& text = v.is_string() ? v.as_string() : owned;
    if (utf8::is_ascii(text)) {  // bytes are code points: no decoding
      std::string out(text);
      bool start = true;
      for (char& c : out) {
        bool sep = c == '-' || c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == '(' ||
                   c == '{' || c == '[' || c == '<';
        if (sep) {
          start = true;
          continue;
        }
        if (start && c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        else if (!start && c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        start = false;
      }
      return Value(std::move(out));
    }
    std::u32string s = utf8::decode(text);
    std::string out;
    auto sep = [](char32_t c) { return c == '-' || utf8::is_space(c) || c == '(' || c == '{' || c == '[' || c == '<'; };
    bool start = true;
    for (char32_t c : s) {
      if (sep(c)) {
        utf8::append(out, c);
        start = true;
      } else {
        utf8::append(out, start ? utf8::to_upper(c) : utf8::to_lower(c));
        start = false;
      }
    }
    return Value(out);
  });
  reg.add_filter("trim", [](Renderer&, const Value& v, CallArgs& a) {
    auto x = bind_args("trim", a, {"chars"});
    std::string chars;
    const std::string* cp = nullptr;
    if (!x[0].is_undefined() && !x[0].is_none()) chars = soft_str(x[0]), cp = &chars;
    return Value(strops::strip(soft_str(v), true, true, cp));
  });
  reg.add_filter("replace", [](Renderer& r, const Value& v, CallArgs& a) {
    auto x = bind_args("replace", a, {"old", "new", "count"}, 2);
    int64_t count = x[2].is_undefined() || x[2].is_none() ? -1 : int_arg(x[2], "count");
    std::string out = strops::replace(soft_str(v), soft_str(x[0]), soft_str(x[1]), count);
    if (out.size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
    return Value(std::move(out));
  });
  reg.add_filter("center", [](Renderer& r, const Value& v, CallArgs& a) {
    auto x = bind_args("center", a, {"width"});
    int64_t width = x[0].is_undefined() ? 80 : int_arg(x[0], "width");
    if (width > int64_t(r.max_bytes())) raise_error("width too large", kLimitErrorCode);
    return Value(strops::center(soft_str(v), size_t(std::max<int64_t>(width, 0))));
  });
  auto escape = [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("escape", a, {});
    return Value(html_escape(soft_str(v)));
  };
  reg.add_filter("escape", escape);
  reg.add_filter("e", escape);
  reg.add_filter("forceescape", escape);
  reg.add_filter("safe", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("safe", a, {});
    return Value(soft_str(v));
  });
  reg.add_filter("string", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("string", a, {});
    return Value(soft_str(v));
  });
  reg.add_filter("format", [](Renderer& r, const Value& v, CallArgs& a) {
    if (!a.args.empty() && !a.kwargs.empty())
      raise_error("can't handle positional and keyword arguments at the same time");
    if (!a.kwargs.empty()) {
      Value d = Value::dict();
      for (auto& [k, val] : a.kwargs) d.as_dict().set(Value(k), val);
      return Value(percent_format(soft_str(v), d, r.max_bytes()));
    }
    if (v.is_string()) return Value(percent_format_tuple(v.as_string(), a.args, r.max_bytes()));
    return Value(percent_format_tuple(soft_str(v), a.args, r.max_bytes()));
  });
  reg.add_filter("truncate", do_truncate);
  reg.add_filter("wordwrap", do_wordwrap);
  reg.add_filter("indent", do_indent);
  reg.add_filter("urlencode", do_urlencode);
  reg.add_filter("striptags", do_striptags);
  reg.add_filter("wordcount", do_wordcount);
}

}  // namespace restack::tmpl
