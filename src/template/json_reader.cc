// A JSON reader that builds values directly from the text: the data file of a render is often
// megabytes, and going through nlohmann's lexer and SAX callbacks cost a third of a benchmark
// render. It accepts exactly strict JSON (RFC 8259, UTF-8 checked like nlohmann does); on
// anything it does not accept it gives up, and parse_json re-reads the text with nlohmann so
// that errors keep nlohmann's messages and positions.
#include "template/json_reader.h"

#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#include <functional>
#include <iterator>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "template/json_scan.h"

namespace restack::tmpl {

namespace {

using json_scan::kSpace;
using json_scan::skip_plain;
using json_scan::Split;

constexpr size_t kMaxDepth = 10000;  // like the SAX builder: deeper documents are refused
constexpr size_t kMaxShared = 4096;   // distinct shared strings (keys and short values)
constexpr size_t kMaxSharedLength = 32;
constexpr size_t kMaxSharedValueLength = 16;

/// A fast hash of short strings, 8 bytes at a time (keys are hashed once per occurrence).
/// READABLE_END: how far memory may be read past TEXT (the end of the document): the last
/// partial word is then one 8-byte load and a mask instead of a memcpy call of a variable size.
inline uint64_t text_hash(std::string_view text, const char* readable_end) {
  uint64_t h = text.size() * 0x9E3779B97F4A7C15ull;
  const char* p = text.data();
  size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
  }
  if (n) {
    uint64_t w = 0;
    if (std::endian::native == std::endian::little && readable_end - p >= 8) {
      std::memcpy(&w, p, 8);
      w &= ~uint64_t(0) >> (64 - 8 * n);  // the first N bytes, as the memcpy below reads them
    } else {
      std::memcpy(&w, p, n);
    }
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
  }
  return h;
}

class Reader {
 public:
  explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool read(Value& out) {
    skip_ws();
    if (!value(out)) return false;
    skip_ws();
    return p_ == end_;
  }

  /// Reads the document like read(), with the elements of SPLIT's array from SPLIT.mid on read
  /// by TAIL (started already, on another thread). If TAIL fails, they are read here.
  bool read_split(Value& out, const Split& split, std::function<bool(std::vector<Value>&)> tail) {
    split_ = &split;
    take_tail_ = std::move(tail);
    return read(out);
  }

  /// Reads the elements `v, v, ..., v` from P up to the end of the text (an array's inside from
  /// one of its elements on), DEPTH containers deep. False unless it is exactly that.
  bool read_elements(const char* p, size_t depth, std::vector<Value>& out) {
    p_ = p;
    depth_offset_ = depth;
    for (;;) {
      skip_ws();
      Value v;
      if (!value(v)) return false;
      out.push_back(std::move(v));
      skip_ws();
      if (p_ == end_) return true;
      if (*p_ != ',') return false;
      ++p_;
    }
  }

 private:
  /// One open container. Its members wait on a shared scratch stack from START on, so that the
  /// container is built once with its final size (no vector regrowth per member).
  struct Open {
    bool object;
    size_t start;
  };

  void skip_ws() {
    while (p_ < end_ && kSpace[static_cast<unsigned char>(*p_)]) ++p_;
  }

  bool literal(const char* word, size_t n) {
    if (size_t(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }

  /// Reads any value; containers are read iteratively (an explicit stack, no recursion).
  bool value(Value& out) {
    std::vector<Open> stack;
    Value v;
    for (;;) {
      // Read one scalar or open a container into V.
      if (p_ >= end_) return false;
      switch (*p_) {
        case '{':
        case '[': {
          bool object = *p_ == '{';
          ++p_;
          if (stack.size() + depth_offset_ >= kMaxDepth) return false;
          stack.push_back(Open{object, object ? entries_.size() : items_.size()});
          skip_ws();
          if (p_ < end_ && *p_ == (object ? '}' : ']')) {
            ++p_;
            v = close(stack.back());
            stack.pop_back();
            break;
          }
          if (object && !key()) return false;
          continue;
        }
        case '"': {
          const char* start = p_ + 1;
          const char* q = start;
          q = skip_plain(q, end_);
          if (q < end_ && *q == '"') {
            p_ = q + 1;
            std::string_view text(start, size_t(q - start));
            v = text.size() <= kMaxSharedValueLength ? shared(text, text_hash(text, end_)) : Value(text);
            break;
          }
          std::string s;
          if (!string(s)) return false;
          v = Value(std::move(s));
          break;
        }
        case 't':
          if (!literal("true", 4)) return false;
          v = Value(true);
          break;
        case 'f':
          if (!literal("false", 5)) return false;
          v = Value(false);
          break;
        case 'n':
          if (!literal("null", 4)) return false;
          v = Value::none();
          break;
        default:
          if (!number(v)) return false;
      }
      // Put V into the innermost container, closing containers as their ends come.
      for (;;) {
        if (stack.empty()) {
          out = std::move(v);
          return true;
        }
        const Open& top = stack.back();
        if (top.object) {
          entries_.back().second = std::move(v);  // key() pushed the entry
        } else {
          items_.push_back(std::move(v));
        }
        skip_ws();
        if (p_ >= end_) return false;
        if (*p_ == ',') {
          ++p_;
          skip_ws();
          if (top.object && !key()) return false;
          if (p_ == split_mid() && !top.object && stack.size() == split_->depth && splice_tail()) {
            ++p_;  // the array's closing bracket: the other thread read every element up to it
            v = close(top);
            stack.pop_back();
            continue;  // put the array into its container
          }
          break;  // read the next value
        }
        if (*p_ != (top.object ? '}' : ']')) return false;
        ++p_;
        v = close(top);
        stack.pop_back();
      }
    }
  }

  const char* split_mid() const { return split_ ? split_->mid : nullptr; }

  /// At the split array's second half: takes the other thread's elements, if it read them, and
  /// goes on at the array's closing bracket. False (and nothing changed) if it did not.
  bool splice_tail() {
    std::vector<Value> tail;
    bool ok = take_tail_(tail);
    const Split* split = split_;
    split_ = nullptr;  // once
    if (!ok || *split->close != ']') return false;
    items_.insert(items_.end(), std::make_move_iterator(tail.begin()), std::make_move_iterator(tail.end()));
    p_ = split->close;
    return true;
  }

  /// Builds the container whose members are on the scratch stacks from OPEN.start on.
  Value close(const Open& open) {
    if (!open.object) {
      auto first = items_.begin() + std::ptrdiff_t(open.start);
      std::vector<Value> items(std::make_move_iterator(first), std::make_move_iterator(items_.end()));
      items_.erase(first, items_.end());
      return Value::list(std::move(items));
    }
    Value d = Value::dict();
    DictData& dict = d.as_dict();
    const size_t begin = open.start, end = entries_.size();
    dict.entries.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) {
      // A duplicate key (same hash, then same text as an earlier key of this object) replaces
      // the earlier value in place, what json.load and the SAX builder do.
      // Earlier keys have moved into the dict: a hash seen before sends the key to a lookup.
      bool maybe_duplicate = false;
      for (size_t j = begin; j < i && !maybe_duplicate; ++j) maybe_duplicate = key_hashes_[j] == key_hashes_[i];
      if (maybe_duplicate && dict.find(std::string_view(entries_[i].first.as_string())))
        dict.set(entries_[i].first, std::move(entries_[i].second));
      else
        dict.append_new(std::move(entries_[i].first), std::move(entries_[i].second));
    }
    entries_.erase(entries_.begin() + std::ptrdiff_t(begin), entries_.end());
    key_hashes_.resize(begin);
    return d;
  }

  /// A key and its colon. Keys repeat across the objects of a document: they share one
  /// string (as Python's json module does with its key memo).
  bool key() {
    Value& out = entries_.emplace_back().first;
    skip_ws();
    if (p_ >= end_ || *p_ != '"') return false;
    // Most keys have no escapes: they are looked up straight from the text, without a copy.
    const char* start = p_ + 1;
    const char* q = start;
    q = skip_plain(q, end_);
    if (q < end_ && *q == '"') {
      p_ = q + 1;
      if (!colon()) return false;
      out = shared_key(std::string_view(start, size_t(q - start)), end_);
      return true;
    }
    key_buffer_.clear();
    if (!string(key_buffer_) || !colon()) return false;
    out = shared_key(key_buffer_, key_buffer_.data() + key_buffer_.size());
    return true;
  }

  Value shared_key(std::string_view text, const char* readable_end) {
    uint64_t h = text_hash(text, readable_end);
    key_hashes_.push_back(h);
    return text.size() <= kMaxSharedLength ? shared(text, h) : Value(text);
  }

  bool colon() {
    skip_ws();
    if (p_ >= end_ || *p_ != ':') return false;
    ++p_;
    skip_ws();
    return true;
  }

  /// The one string value of TEXT (hash H). Keys repeat across the objects of a document, and
  /// so do short values (type names, enums): they share one string (Python's json module
  /// shares keys with its memo). The first strings seen are the ones that repeat (field names
  /// of records); a document of mostly unique strings (a dict keyed by ids) would only fill the
  /// table, so it stops taking new strings at kMaxShared. The table doubles while half full.
  Value shared(std::string_view text, uint64_t h) {
    for (;;) {
      const size_t mask = slots_.size() - 1;
      for (size_t i = h & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot.value.is_undefined()) {
          if (shared_count_ >= kMaxShared) return Value(text);
          if (2 * (shared_count_ + 1) > slots_.size()) break;  // grow first
          ++shared_count_;
          slot.value = Value(text);
          slot.hash = h;
          return slot.value;
        }
        if (slot.hash == h && slot.value.as_string() == text) return slot.value;
      }
      std::vector<Slot> old(slots_.size() * 2);
      old.swap(slots_);
      const size_t new_mask = slots_.size() - 1;
      for (Slot& s : old) {
        if (s.value.is_undefined()) continue;
        size_t i = s.hash & new_mask;
        while (!slots_[i].value.is_undefined()) i = (i + 1) & new_mask;
        slots_[i] = std::move(s);
      }
    }
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex4(uint32_t& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      int h = hex(p_[i]);
      if (h < 0) return false;
      out = out * 16 + uint32_t(h);
    }
    p_ += 4;
    return true;
  }

  static void append_utf8(std::string& s, uint32_t c) {
    if (c < 0x80) {
      s += char(c);
    } else if (c < 0x800) {
      s += char(0xC0 | (c >> 6));
      s += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      s += char(0xE0 | (c >> 12));
      s += char(0x80 | ((c >> 6) & 0x3F));
      s += char(0x80 | (c & 0x3F));
    } else {
      s += char(0xF0 | (c >> 18));
      s += char(0x80 | ((c >> 12) & 0x3F));
      s += char(0x80 | ((c >> 6) & 0x3F));
      s += char(0x80 | (c & 0x3F));
    }
  }

  /// Length of the well-formed UTF-8 sequence at P (RFC 3629, as nlohmann checks it), or 0.
  size_t utf8_sequence(const unsigned char* p) const {
    auto cont = [&](size_t i, unsigned char lo, unsigned char hi) {
      return reinterpret_cast<const char*>(p) + i < end_ && p[i] >= lo && p[i] <= hi;
    };
    unsigned char c = p[0];
    if (c >= 0xC2 && c <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
    if (c == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
    if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
    if (c == 0xF0) return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3) return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
    if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
    return 0;
  }

  bool string(std::string& s) {
    ++p_;  // opening quote
    for (;;) {
      const char* run = p_;
      p_ = skip_plain(p_, end_);
      s.append(run, size_t(p_ - run));
      if (p_ >= end_) return false;
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        size_t n = utf8_sequence(reinterpret_cast<const unsigned char*>(p_));
        if (n == 0) return false;
        s.append(p_, n);
        p_ += n;
        continue;
      }
      // an escape
      if (++p_ >= end_) return false;
      char e = *p_++;
      switch (e) {
        case '"': s += '"'; break;
        case '\\': s += '\\'; break;
        case '/': s += '/'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'u': {
          uint32_t cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(s, cp);
          break;
        }
        default: return false;
      }
    }
  }

  /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?: an int when it has neither fraction nor
  /// exponent and fits int64, else a float (larger integers too, as the SAX builder does).
  bool number(Value& out) {
    const char* start = p_;
    const char* q = p_;
    if (q < end_ && *q == '-') ++q;
    if (q >= end_) return false;
    if (*q == '0') {
      ++q;
    } else if (*q >= '1' && *q <= '9') {
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
    } else {
      return false;
    }
    bool integral = true;
    if (q < end_ && *q == '.') {
      integral = false;
      ++q;
      const char* digits = q;
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
      if (q == digits) return false;
    }
    if (q < end_ && (*q == 'e' || *q == 'E')) {
      integral = false;
      ++q;
      if (q < end_ && (*q == '+' || *q == '-')) ++q;
      const char* digits = q;
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
      if (q == digits) return false;
    }
    p_ = q;
    if (integral) {
      int64_t i;
      auto [ptr, ec] = std::from_chars(start, q, i);
      if (ec == std::errc() && ptr == q) {
        out = Value(i);
        return true;
      }
    }
    double d;
    auto [ptr, ec] = std::from_chars(start, q, d);
    if (ec != std::errc() || ptr != q) return false;  // out of range: nlohmann decides
    out = Value(d);
    return true;
  }

  const char* p_;
  const char* end_;
  struct Slot {
    Value value;  // undefined: a free slot
    uint64_t hash = 0;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(64);  // a power of two
  size_t shared_count_ = 0;
  std::string key_buffer_;
  std::vector<std::pair<Value, Value>> entries_;  // members of the open objects
  std::vector<uint64_t> key_hashes_;              // text_hash of each key in entries_
  std::vector<Value> items_;                      // members of the open arrays
  const Split* split_ = nullptr;                  // read_split: where the other thread's part starts
  std::function<bool(std::vector<Value>&)> take_tail_;
  size_t depth_offset_ = 0;  // read_elements: the containers around the elements
};

bool read_split(std::string_view text, const Split& split, Value& out) {
  std::vector<Value> tail;
  bool tail_ok = false;
  std::jthread reader;  // joined however this function is left
  try {
    reader = std::jthread([&] {
      try {
        Reader r(std::string_view(text.data(), size_t(split.close - text.data())));
        tail_ok = r.read_elements(split.mid, split.depth, tail);
      } catch (...) {  // out of memory: this thread reads them instead
        tail_ok = false;
      }
    });
  } catch (const std::system_error&) {
    return Reader(text).read(out);
  }
  auto take = [&](std::vector<Value>& into) {
    reader.join();
    if (!tail_ok) return false;
    into = std::move(tail);
    return true;
  };
  return Reader(text).read_split(out, split, take);
}

}  // namespace

bool read_json_fast(std::string_view text, Value& out, const JsonReadOptions& options) {
  Split split;
  if (options.split_min_bytes && text.size() >= options.split_min_bytes && options.threads != 1 &&
      (options.threads > 1 || std::thread::hardware_concurrency() > 1) && json_scan::find_split(text, options.split_min_bytes / 2, split))
    return read_split(text, split, out);
  return Reader(text).read(out);
}

}  // namespace restack::tmpl
