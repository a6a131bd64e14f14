#pragma once
// A render's output. Most writes are short (a line's indentation, a name, a keyword), and
// std::string::append is a call that then calls memcpy: here a write of up to 16 bytes is a
// few inline moves into a buffer that is never zero-filled, and one std::string is made of
// it at the end.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace restack::tmpl {

class OutputBuffer {
 public:
  size_t size() const { return size_; }
  std::string_view view() const { return {data_.get(), size_}; }
  /// Room for N bytes in all.
  void reserve(size_t n) {
    if (n > capacity_) reallocate(n);
  }

  void append(std::string_view s) {
    const size_t n = s.size();
    if (n <= 16 && n <= capacity_ - size_) {
      copy_short(data_.get() + size_, s.data(), n);
      size_ += n;
      return;
    }
    append_long(s);
  }

  /// The output as a string; the buffer is empty afterwards.
  std::string take();

 private:
  /// N <= 16 bytes as two overlapping moves of 8, 4 or 2 bytes (or one byte).
  static void copy_short(char* dst, const char* src, size_t n) {
    if (n >= 8) copy_ends<uint64_t>(dst, src, n);
    else if (n >= 4) copy_ends<uint32_t>(dst, src, n);
    else if (n >= 2) copy_ends<uint16_t>(dst, src, n);
    else if (n == 1) *dst = *src;
  }
  /// The first and the last sizeof(Word) bytes of N (sizeof(Word) <= N <= 2 * sizeof(Word)),
  /// both read before either is written.
  template <typename Word>
  static void copy_ends(char* dst, const char* src, size_t n) {
    Word head, tail;
    std::memcpy(&head, src, sizeof(Word));
    std::memcpy(&tail, src + n - sizeof(Word), sizeof(Word));
    std::memcpy(dst, &head, sizeof(Word));
    std::memcpy(dst + n - sizeof(Word), &tail, sizeof(Word));
  }
  void append_long(std::string_view s);
  void reallocate(size_t capacity);

  std::unique_ptr<char[]> data_;
  size_t size_ = 0, capacity_ = 0;
};

}  // namespace restack::tmpl
