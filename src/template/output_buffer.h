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
    if (n >= 8) {
      uint64_t head, tail;
      std::memcpy(&head, src, 8);
      std::memcpy(&tail, src + n - 8, 8);
      std::memcpy(dst, &head, 8);
      std::memcpy(dst + n - 8, &tail, 8);
    } else if (n >= 4) {
      uint32_t head, tail;
      std::memcpy(&head, src, 4);
      std::memcpy(&tail, src + n - 4, 4);
      std::memcpy(dst, &head, 4);
      std::memcpy(dst + n - 4, &tail, 4);
    } else if (n >= 2) {
      uint16_t head, tail;
      std::memcpy(&head, src, 2);
      std::memcpy(&tail, src + n - 2, 2);
      std::memcpy(dst, &head, 2);
      std::memcpy(dst + n - 2, &tail, 2);
    } else if (n == 1) {
      *dst = *src;
    }
  }
  void append_long(std::string_view s);
  void reallocate(size_t capacity);

  std::unique_ptr<char[]> data_;
  size_t size_ = 0, capacity_ = 0;
};

}  // namespace restack::tmpl
