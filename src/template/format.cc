#include "template/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "template/errors.h"
#include "template/utf8.h"

namespace restack::tmpl {

namespace {

std::string c_format(const std::string& spec, double d) {
  char buf[512];
  int n = std::snprintf(buf, sizeof buf, spec.c_str(), d);
  if (n < int(sizeof buf)) return std::string(buf, size_t(std::max(n, 0)));
  std::string out(size_t(n) + 1, '\0');
  std::snprintf(out.data(), out.size(), spec.c_str(), d);
  out.resize(size_t(n));
  return out;
}

/// Pads S to WIDTH (in characters) on the left or right.
std::string pad(std::string s, size_t width, bool left_align, char fill = ' ') {
  size_t len = utf8::length(s);
  if (len >= width) return s;
  std::string padding(width - len, fill);
  return left_align ? s + padding : padding + s;
}

int64_t to_integer(const Value& v, char conv) {
  if (v.is_int() || v.is_bool()) return v.as_int();
  if (v.is_float()) {
    double d = v.as_double();
    if (std::isnan(d)) raise_error("cannot convert float NaN to integer");
    if (std::isinf(d)) raise_error("cannot convert float infinity to integer");
    if (conv == 'x' || conv == 'X' || conv == 'o' || conv == 'c')
      raise_error(std::string("%") + conv + " format: an integer is required, not float");
    return int64_t(d);
  }
  if (conv == 'x' || conv == 'X' || conv == 'o' || conv == 'c')
    raise_error(std::string("%") + conv + " format: an integer is required, not " + type_name(v));
  raise_error(std::string("%") + conv + " format: a real number is required, not " + type_name(v));
}

}  // namespace

namespace {

/// FMT % ARGS where ARGS gave POSITIONAL (a tuple's items, or the one value), MAPPING (a dict)
/// and MAPPING_LIKE (Python skips the "not all arguments converted" check for those).
std::string percent_format_impl(std::string_view fmt, const std::vector<Value>& positional, const DictData* mapping,
                                bool mapping_like, size_t max_bytes) {
  size_t next_arg = 0;
  bool used_mapping = false;
  std::string out;
  auto take = [&]() -> const Value& {
    if (next_arg >= positional.size()) raise_error("not enough arguments for format string");
    return positional[next_arg++];
  };
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c != '%') {
      out += c;
      continue;
    }
    size_t start = i;
    if (++i >= fmt.size()) raise_error("incomplete format");
    Value arg;
    bool have_arg = false;
    if (fmt[i] == '(') {
      size_t close = fmt.find(')', i);
      if (close == std::string_view::npos) raise_error("incomplete format key");
      std::string key(fmt.substr(i + 1, close - i - 1));
      if (!mapping) raise_error("format requires a mapping");
      const Value* found = mapping->find(Value(key));
      if (!found) raise_error("'" + key + "'");
      arg = *found;
      have_arg = true;
      used_mapping = true;
      i = close + 1;
    }
    std::string flags;
    while (i < fmt.size() && std::strchr("-+ #0", fmt[i])) flags += fmt[i++];
    int width = -1, precision = -1;
    if (i < fmt.size() && fmt[i] == '*') {
      Value w = take();
      if (!w.is_int()) raise_error("* wants int");
      if (w.as_int() > int64_t(max_bytes)) raise_error("format width too large", kLimitErrorCode);
      width = int(w.as_int());
      ++i;
    } else {
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) {
        width = std::max(width, 0) * 10 + (fmt[i++] - '0');
        if (size_t(width) > max_bytes) raise_error("format width too large", kLimitErrorCode);
      }
    }
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      precision = 0;
      if (i < fmt.size() && fmt[i] == '*') {
        Value p = take();
        precision = int(std::min<int64_t>(p.is_int() ? p.as_int() : 0, 1000));
        ++i;
      } else {
        while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) {
          precision = precision * 10 + (fmt[i++] - '0');
          if (precision > 1000) raise_error("precision too big", kLimitErrorCode);
        }
      }
    }
    while (i < fmt.size() && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L')) ++i;
    if (i >= fmt.size()) raise_error("incomplete format");
    char conv = fmt[i];
    if (conv == '%') {
      out += '%';
      continue;
    }
    if (!have_arg) arg = take();
    if (flags.empty() && width < 0 && precision < 0) {
      // The plain conversions of code generation ('%s_%d'): written straight into OUT.
      if (conv == 's' && arg.is_string()) {
        out += arg.as_string();
        if (out.size() > max_bytes) raise_error("formatted string too large", kLimitErrorCode);
        continue;
      }
      if ((conv == 'd' || conv == 'i' || conv == 'u') && arg.is_int()) {
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, arg.as_int());
        out.append(buf, size_t(end - buf));
        continue;
      }
    }
    bool left = flags.find('-') != std::string::npos;
    bool zero = flags.find('0') != std::string::npos && !left;
    std::string piece;
    switch (conv) {
      case 's': piece = to_str(arg); if (precision >= 0) piece = utf8::encode(utf8::decode(piece).substr(0, size_t(precision))); break;
      case 'r':
      case 'a': piece = repr(arg); if (precision >= 0) piece = utf8::encode(utf8::decode(piece).substr(0, size_t(precision))); break;
      case 'c':
        if (arg.is_string()) {
          if (utf8::length(arg.as_string()) != 1) raise_error("%c requires int or char");
          piece = arg.as_string();
        } else {
          utf8::append(piece, char32_t(to_integer(arg, 'c')));
        }
        break;
      case 'd':
      case 'i':
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        int64_t n = to_integer(arg, conv);
        std::string spec = "%";
        for (char f : flags)
          if (f != '-' && f != '0') spec += f;
        if (precision >= 0) spec += "." + std::to_string(precision);
        spec += "ll";
        spec += (conv == 'i' || conv == 'u') ? 'd' : conv;
        char buf[128];
        std::snprintf(buf, sizeof buf, spec.c_str(), (long long)n);
        piece = buf;
        if (conv == 'o' && flags.find('#') != std::string::npos && piece.find("0o") == std::string::npos) {
          size_t digit = piece.find_first_of("0123456789");
          if (digit != std::string::npos) {
            if (piece[digit] == '0' && piece.size() > digit + 1) piece.erase(digit, 1);
            piece.insert(digit, "0o");
          }
        }
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        if (!arg.is_number()) raise_error(std::string("must be real number, not ") + type_name(arg));
        std::string spec = "%";
        for (char f : flags)
          if (f != '-' && f != '0') spec += f;
        spec += "." + std::to_string(precision >= 0 ? precision : 6);
        spec += conv;
        piece = c_format(spec, arg.as_double());
        break;
      }
      default: {
        char buf[96];
        std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu", conv,
                      unsigned(static_cast<unsigned char>(conv)), i);
        raise_error(buf);
      }
    }
    (void)start;
    if (width > 0 && utf8::length(piece) < size_t(width)) {
      bool numeric = std::strchr("diuoxXeEfFgG", conv) != nullptr;
      if (zero && numeric) {
        size_t sign_len = (!piece.empty() && (piece[0] == '-' || piece[0] == '+' || piece[0] == ' ')) ? 1 : 0;
        if (piece.compare(sign_len, 2, "0x") == 0 || piece.compare(sign_len, 2, "0X") == 0 || piece.compare(sign_len, 2, "0o") == 0) sign_len += 2;
        piece.insert(sign_len, size_t(width) - piece.size(), '0');
      } else {
        piece = pad(piece, size_t(width), left);
      }
    }
    out += piece;
    if (out.size() > max_bytes) raise_error("formatted string too large", kLimitErrorCode);
  }
  if (!used_mapping && !mapping_like && next_arg < positional.size())
    raise_error("not all arguments converted during string formatting");
  return out;
}

}  // namespace

std::string percent_format(std::string_view fmt, const Value& args, size_t max_bytes) {
  std::vector<Value> single;
  if (!args.is_tuple()) single.push_back(args);
  const std::vector<Value>& positional = args.is_tuple() ? args.as_list().items : single;  // no copy of a tuple
  const DictData* mapping = args.is_dict() ? &args.as_dict() : nullptr;
  bool mapping_like = args.is_dict() || (args.is_list() && args.as_list().flavor == ListFlavor::kPlain);
  return percent_format_impl(fmt, positional, mapping, mapping_like, max_bytes);
}

std::string percent_format_tuple(std::string_view fmt, const std::vector<Value>& items, size_t max_bytes) {
  return percent_format_impl(fmt, items, nullptr, false, max_bytes);
}

std::string format_with_spec(const Value& v, std::string_view spec, size_t max_bytes) {
  // [[fill]align][sign][z][#][0][width][grouping][.precision][type]
  size_t i = 0;
  std::string fill = " ";
  char align = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  std::u32string spec32 = utf8::decode(spec);
  std::string rest;
  if (spec32.size() >= 2 && is_align(char(spec32[1] < 128 ? spec32[1] : 0))) {
    fill.clear();
    utf8::append(fill, spec32[0]);
    align = char(spec32[1]);
    rest = utf8::encode(spec32.substr(2));
  } else if (!spec32.empty() && spec32[0] < 128 && is_align(char(spec32[0]))) {
    align = char(spec32[0]);
    rest = utf8::encode(spec32.substr(1));
  } else {
    rest = std::string(spec);
  }
  char sign = 0;
  if (i < rest.size() && (rest[i] == '+' || rest[i] == '-' || rest[i] == ' ')) sign = rest[i++];
  if (i < rest.size() && rest[i] == 'z') ++i;
  bool alt = false;
  if (i < rest.size() && rest[i] == '#') alt = true, ++i;
  bool zero = false;
  if (i < rest.size() && rest[i] == '0') zero = true, ++i;
  size_t width = 0;
  while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
    width = width * 10 + size_t(rest[i++] - '0');
    if (width > max_bytes) raise_error("format width too large", kLimitErrorCode);
  }
  char grouping = 0;
  if (i < rest.size() && (rest[i] == ',' || rest[i] == '_')) grouping = rest[i++];
  int precision = -1;
  if (i < rest.size() && rest[i] == '.') {
    ++i;
    precision = 0;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
      precision = precision * 10 + (rest[i++] - '0');
      if (precision > 1000) raise_error("precision too big", kLimitErrorCode);
    }
  }
  char type = 0;
  if (i < rest.size()) type = rest[i++];
  if (i < rest.size()) raise_error("Invalid format specifier");
  if (zero && !align) {
    fill = "0";
    align = '=';
  }
  std::string body;
  std::string sign_str;
  if (v.is_string() || (!v.is_number())) {
    if (type && type != 's') raise_error(std::string("Unknown format code '") + type + "' for object of type '" + type_name(v) + "'");
    if (grouping) raise_error(std::string("Cannot specify '") + grouping + "' with 's'.");
    body = to_str(v);
    if (precision >= 0) body = utf8::encode(utf8::decode(body).substr(0, size_t(precision)));
    if (!align) align = '<';
  } else {
    bool is_int = (v.is_int() || v.is_bool()) && (type == 0 || std::strchr("bcdoxXn", type));
    if (is_int) {
      int64_t n = v.as_int();
      uint64_t mag = n < 0 ? uint64_t(0) - uint64_t(n) : uint64_t(n);
      if (n < 0) sign_str = "-";
      else if (sign == '+') sign_str = "+";
      else if (sign == ' ') sign_str = " ";
      if (type == 'c') {
        utf8::append(body, char32_t(n));
        sign_str.clear();
      } else {
        int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
        const char* digits = type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        if (mag == 0) body = "0";
        while (mag) {
          body.insert(body.begin(), digits[mag % uint64_t(base)]);
          mag /= uint64_t(base);
        }
        if (grouping) {
          size_t group = base == 10 ? 3 : 4;
          std::string g;
          for (size_t k = 0; k < body.size(); ++k) {
            if (k && (body.size() - k) % group == 0) g += grouping;
            g += body[k];
          }
          body = g;
        }
        if (alt && base != 10) sign_str += type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'X' ? "0X" : "0x";
      }
    } else {
      if (type && !std::strchr("eEfFgGn%", type)) raise_error(std::string("Unknown format code '") + type + "' for object of type '" + type_name(v) + "'");
      double d = v.as_double();
      if (std::signbit(d) && !std::isnan(d)) sign_str = "-", d = -d;
      else if (sign == '+') sign_str = "+";
      else if (sign == ' ') sign_str = " ";
      if (type == 0 && precision < 0) {
        body = float_repr(d);
      } else if (type == 0) {
        body = c_format("%." + std::to_string(precision == 0 ? 1 : precision) + "g", d);
        if (body.find_first_of(".eninf") == std::string::npos) body += ".0";
      } else if (type == '%') {
        body = c_format("%." + std::to_string(precision < 0 ? 6 : precision) + "f", d * 100) + "%";
      } else {
        char t = type == 'n' ? 'g' : type;
        body = c_format(std::string("%") + (alt ? "#" : "") + "." + std::to_string(precision < 0 ? 6 : precision) + t, d);
      }
      if (grouping) {
        size_t end = body.find_first_of(".eE%");
        if (end == std::string::npos) end = body.size();
        std::string intpart = body.substr(0, end), g;
        for (size_t k = 0; k < intpart.size(); ++k) {
          if (k && (intpart.size() - k) % 3 == 0) g += grouping;
          g += intpart[k];
        }
        body = g + body.substr(end);
      }
    }
    if (!align) align = '>';
  }
  size_t len = utf8::length(sign_str) + utf8::length(body);
  if (len >= width) return sign_str + body;
  size_t padn = width - len;
  std::string padding;
  for (size_t k = 0; k < padn; ++k) padding += fill;
  switch (align) {
    case '<': return sign_str + body + padding;
    case '^': {
      std::string l, r;
      for (size_t k = 0; k < padn / 2; ++k) l += fill;
      for (size_t k = 0; k < padn - padn / 2; ++k) r += fill;
      return l + sign_str + body + r;
    }
    case '=': return sign_str + padding + body;
    default: return padding + sign_str + body;
  }
}

std::string str_format(std::string_view fmt, const CallArgs& args, size_t max_bytes) {
  std::string out;
  size_t auto_index = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c == '}') {
      if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      raise_error("Single '}' encountered in format string");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    // Find the matching '}' (nested braces in the spec are allowed one level).
    size_t j = i + 1;
    int depth = 1;
    while (j < fmt.size() && depth > 0) {
      if (fmt[j] == '{') ++depth;
      else if (fmt[j] == '}') --depth;
      if (depth > 0) ++j;
    }
    if (j >= fmt.size()) raise_error("expected '}' before end of string");
    std::string field(fmt.substr(i + 1, j - i - 1));
    i = j;
    std::string spec, conv;
    size_t colon = field.find(':');
    if (colon != std::string::npos) {
      spec = field.substr(colon + 1);
      field.resize(colon);
    }
    size_t bang = field.find('!');
    if (bang != std::string::npos) {
      conv = field.substr(bang + 1);
      field.resize(bang);
    }
    size_t name_end = field.find_first_of(".[");
    std::string head = field.substr(0, name_end);
    Value v;
    if (head.empty()) {
      if (auto_index >= args.args.size()) raise_error("Replacement index " + std::to_string(auto_index) + " out of range for positional args tuple");
      v = args.args[auto_index++];
    } else if (std::isdigit(static_cast<unsigned char>(head[0]))) {
      size_t idx = std::strtoull(head.c_str(), nullptr, 10);
      if (idx >= args.args.size()) raise_error("Replacement index " + head + " out of range for positional args tuple");
      v = args.args[idx];
    } else {
      bool found = false;
      for (const auto& [k, val] : args.kwargs)
        if (k == head) v = val, found = true;
      if (!found) raise_error("'" + head + "'");
    }
    // .attr and [key] chains
    size_t p = name_end;
    while (p != std::string::npos && p < field.size()) {
      if (field[p] == '.') {
        size_t e = field.find_first_of(".[", p + 1);
        std::string attr = field.substr(p + 1, e == std::string::npos ? std::string::npos : e - p - 1);
        if (v.is_dict()) {
          raise_error("'dict' object has no attribute '" + attr + "'");
        } else if (v.is_tuple() && v.as_list().field_names()) {
          const auto& names = *v.as_list().field_names();
          bool ok = false;
          for (size_t k = 0; k < names.size(); ++k)
            if (names[k] == attr) v = v.as_list().items[k], ok = true;
          if (!ok) raise_error("'" + type_name(v) + "' object has no attribute '" + attr + "'");
        } else {
          Value out_attr;
          if (!v.is_object() || !v.as_object()->getattr(attr, out_attr))
            raise_error("'" + type_name(v) + "' object has no attribute '" + attr + "'");
          v = out_attr;
        }
        p = e;
      } else {
        size_t e = field.find(']', p);
        if (e == std::string::npos) raise_error("Missing ']' in format string");
        std::string key = field.substr(p + 1, e - p - 1);
        Value next;
        if (v.is_dict()) {
          const Value* f = v.as_dict().find(Value(key));
          if (!f && !key.empty() && std::isdigit(static_cast<unsigned char>(key[0])))
            f = v.as_dict().find(Value(int64_t(std::strtoll(key.c_str(), nullptr, 10))));
          if (!f) raise_error("'" + key + "'");
          next = *f;
        } else if (v.is_sequence() && !key.empty() && std::isdigit(static_cast<unsigned char>(key[0]))) {
          size_t idx = std::strtoull(key.c_str(), nullptr, 10);
          if (idx >= v.as_list().items.size()) raise_error(type_name(v) + " index out of range");
          next = v.as_list().items[idx];
        } else {
          raise_error("'" + type_name(v) + "' object is not subscriptable");
        }
        v = next;
        p = e + 1;
      }
    }
    if (conv == "r" || conv == "a") v = Value(repr(v));
    else if (conv == "s") v = Value(to_str(v));
    else if (!conv.empty()) raise_error("Unknown conversion specifier " + conv);
    if (spec.find('{') != std::string::npos) {
      CallArgs inner = args;
      spec = str_format(spec, inner, max_bytes);
    }
    out += spec.empty() ? to_str(v) : format_with_spec(v, spec, max_bytes);
    if (out.size() > max_bytes) raise_error("formatted string too large", kLimitErrorCode);
  }
  return out;
}

}  // namespace restack::tmpl
