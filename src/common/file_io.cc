#include "common/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>

#include "common/unique_fd.h"

namespace restack {
namespace fs = std::filesystem;

ReadResult read_text_file(const fs::path& path, size_t max_bytes) {
  ReadResult r;
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.ok()) {
    r.error = std::strerror(errno);
    return r;
  }
  auto too_large = [&] {
    r.error = "file is larger than " + std::to_string(max_bytes >> 20) + " MiB";
    r.content.clear();
    r.content.shrink_to_fit();
    return r;
  };
  // Read straight into the string, sized from fstat: a 2 MB spec or data file is then read
  // without the growth copies of appending. Pipes and files that grow meanwhile still work:
  // the buffer grows when it fills up.
  struct stat st {};
  size_t expected = ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode) ? size_t(st.st_size) : 0;
  if (expected > max_bytes) return too_large();
  r.content.resize(std::max<size_t>(expected + 1, 4096));
  size_t used = 0;
  for (;;) {
    if (used == r.content.size()) {
      if (used > max_bytes) return too_large();
      r.content.resize(std::min(used * 2, max_bytes + 1));
    }
    ssize_t n = ::read(fd.get(), r.content.data() + used, r.content.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = std::strerror(errno);
      r.content.clear();
      return r;
    }
    if (n == 0) break;
    used += size_t(n);
  }
  if (used > max_bytes) return too_large();
  r.content.resize(used);
  r.ok = true;
  return r;
}

std::optional<std::string> write_file_atomic(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec) return "cannot create " + path.parent_path().string() + ": " + ec.message();
  }
  std::random_device rd;
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(rd());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!fd.ok()) return "cannot write " + tmp.string() + ": " + std::strerror(errno);
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = std::strerror(errno);
      fd.reset();
      ::unlink(tmp.c_str());
      return "cannot write " + path.string() + ": " + err;
    }
    done += size_t(n);
  }
  // Closed by hand, not by the destructor: close can report a failed write.
  if (::close(fd.release()) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = std::strerror(errno);
    ::unlink(tmp.c_str());
    return "cannot write " + path.string() + ": " + err;
  }
  return std::nullopt;
}

}  // namespace restack
