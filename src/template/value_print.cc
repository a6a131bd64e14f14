// str() and repr() of template values, byte for byte as CPython prints them.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "template/utf8.h"
#include "template/value.h"

namespace restack::tmpl {

namespace {

/// Python's str.isprintable() for one code point, approximated by the non-printable ranges
/// that occur in practice (controls, separators, format characters, private use).
bool is_printable(char32_t c) {
  if (c < 0x20 || c == 0x7F) return false;
  if (c < 0x7F) return true;
  if (c <= 0xA0 || c == 0xAD) return false;
  if (c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
      (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB))
    return false;
  if ((c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F || c == 0x180E) return false;
  if ((c >= 0xD800 && c <= 0xDFFF) || (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) return false;
  if (c == 0xFFFE || c == 0xFFFF || c > 0x10FFFF) return false;
  return true;
}

void append_hex(std::string& out, char prefix, unsigned value, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\%c%0*x", prefix, digits, value);
  out += buf;
}

struct ReprState {
  std::vector<const void*> active;  // containers being printed, to print cycles as [...]
};

void repr_into(std::string& out, const Value& v, ReprState& st);

void sequence_into(std::string& out, const std::vector<Value>& items, ReprState& st) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    repr_into(out, items[i], st);
  }
}

void repr_into(std::string& out, const Value& v, ReprState& st) {
  switch (v.kind()) {
    case Kind::kString: append_string_repr(out, v.as_string()); return;
    case Kind::kUndefined: out += "Undefined"; return;
    case Kind::kList:
    case Kind::kTuple:
    case Kind::kDict: {
      for (const void* p : st.active) {
        if (p == v.identity()) {
          out += v.is_dict() ? "{...}" : v.is_list() ? "[...]" : "(...)";
          return;
        }
      }
      st.active.push_back(v.identity());
      if (v.is_dict()) {
        out += '{';
        bool first = true;
        for (const auto& [k, val] : v.as_dict().entries) {
          if (!first) out += ", ";
          first = false;
          repr_into(out, k, st);
          out += ": ";
          repr_into(out, val, st);
        }
        out += '}';
      } else if (v.is_tuple()) {
        const auto& items = v.as_list().items;
        out += '(';
        sequence_into(out, items, st);
        if (items.size() == 1) out += ',';
        out += ')';
      } else {
        const ListData& l = v.as_list();
        switch (l.flavor) {
          case ListFlavor::kRange:
            out += "range(" + std::to_string(l.range_start()) + ", " + std::to_string(l.range_stop());
            if (l.range_step() != 1) out += ", " + std::to_string(l.range_step());
            out += ')';
            break;
          case ListFlavor::kPlain:
            out += '[';
            sequence_into(out, l.items, st);
            out += ']';
            break;
          default:
            out += l.flavor == ListFlavor::kDictItems ? "dict_items([" : l.flavor == ListFlavor::kDictKeys ? "dict_keys([" : "dict_values([";
            sequence_into(out, l.items, st);
            out += "])";
        }
      }
      st.active.pop_back();
      return;
    }
    case Kind::kObject: out += v.as_object()->repr(); return;
    default: append_str(out, v);
  }
}

}  // namespace

std::string float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  std::string out;
  size_t pos = 0;
  if (sci[0] == '-') {
    out += '-';
    pos = 1;
  }
  size_t e = sci.find('e');
  std::string digits;
  for (size_t i = pos; i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  int exponent = std::atoi(sci.c_str() + e + 1);
  int decpt = exponent + 1;
  if (decpt <= -4 || decpt > 16) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out.append(digits, 1, std::string::npos);
    }
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += ebuf;
  } else if (decpt <= 0) {
    out += "0.";
    out.append(size_t(-decpt), '0');
    out += digits;
  } else if (size_t(decpt) >= digits.size()) {
    out += digits;
    out.append(size_t(decpt) - digits.size(), '0');
    out += ".0";
  } else {
    out.append(digits, 0, size_t(decpt));
    out += '.';
    out.append(digits, size_t(decpt), std::string::npos);
  }
  return out;
}

void append_string_repr(std::string& out, std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  out += quote;
  auto put = [&](char32_t c) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == char32_t(quote)) {
      out += '\\';
      out += quote;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x80 && c >= 0x20 && c != 0x7F) {
      out += char(c);
    } else if (is_printable(c)) {
      utf8::append(out, c);
    } else if (c < 0x100) {
      append_hex(out, 'x', unsigned(c), 2);
    } else if (c < 0x10000) {
      append_hex(out, 'u', unsigned(c), 4);
    } else {
      append_hex(out, 'U', unsigned(c), 8);
    }
  };
  if (utf8::is_ascii(s)) {
    for (char c : s) put(char32_t(static_cast<unsigned char>(c)));
  } else {
    for (char32_t c : utf8::decode(s)) put(c);
  }
  out += quote;
}

void append_str(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Kind::kUndefined: return;  // default Undefined prints empty; strict is checked by the caller
    case Kind::kNone: out += "None"; return;
    case Kind::kBool: out += v.as_bool() ? "True" : "False"; return;
    case Kind::kInt: {
      char buf[24];
      auto res = std::to_chars(buf, buf + sizeof buf, v.as_int());
      out.append(buf, res.ptr);
      return;
    }
    case Kind::kFloat: out += float_repr(v.as_double()); return;
    case Kind::kString: out += v.as_string(); return;
    case Kind::kObject: out += v.as_object()->str(); return;
    default: {
      ReprState st;
      repr_into(out, v, st);
    }
  }
}

std::string to_str(const Value& v) {
  if (v.is_string()) return v.as_string();
  std::string out;
  append_str(out, v);
  return out;
}

void append_repr(std::string& out, const Value& v) {
  ReprState st;
  if (v.is_object()) {
    out += v.as_object()->repr();
    return;
  }
  repr_into(out, v, st);
}

std::string repr(const Value& v) {
  std::string out;
  append_repr(out, v);
  return out;
}

}  // namespace restack::tmpl
