#include "template/output_buffer.h"

#include <algorithm>

namespace restack::tmpl {

std::string OutputBuffer::take() {
  std::string out(data_.get(), size_);
  data_.reset();
  size_ = capacity_ = 0;
  return out;
}

void OutputBuffer::append_long(std::string_view s) {
  if (s.size() > capacity_ - size_) reallocate(std::max({capacity_ * 2, size_ + s.size(), size_t(256)}));
  std::memcpy(data_.get() + size_, s.data(), s.size());
  size_ += s.size();
}

void OutputBuffer::reallocate(size_t capacity) {
  auto fresh = std::make_unique_for_overwrite<char[]>(capacity);  // written before it is read
  if (size_) std::memcpy(fresh.get(), data_.get(), size_);
  data_ = std::move(fresh);
  capacity_ = capacity;
}

}  // namespace restack::tmpl
