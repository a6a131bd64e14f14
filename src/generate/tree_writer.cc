// StagedTree and write_tree (output_tree.h): put a rendered tree on disk with its guarantees
// paid for once per run rather than once per file.
//
// - Every file is first written into a private staging folder (mode 0700, created by us, so no
//   per-file containment check is needed there), in the project's layout, as soon as it is
//   rendered: one open(O_CREAT|O_EXCL), write and close per file, each folder created once.
// - A new DIR: the staging folder is renamed to DIR once, so the whole project appears at once
//   or not at all.
// - An existing DIR (empty, or --force): at commit, everything is checked first, moving nothing: no
//   folder or file on a generated path may be a symbolic link (which could lead outside DIR),
//   no generated file may be a folder. Then each staged file is renamed into place (atomic per
//   file). Folders are opened once with O_NOFOLLOW and files moved relative to them
//   (openat/renameat), so a link swapped in after the check is refused, not followed.
//
// Why the staging folder sits one level below a folder flagged "top of a directory hierarchy"
// (FS_TOPDIR_FL, chattr +T): ext4 without a journal skips recently deleted inodes when it
// allocates one, scanning its block group from the start every time, which makes creating
// thousands of files right after `rm -rf` of the previous output quadratic (30 s instead of
// 0.2 s for 6,000 files here). Under a top folder ext4's Orlov allocator places a new folder
// in a block group chosen from its (random) name, away from the freshly deleted inodes. On
// other file systems the flag is refused or ignored, which changes nothing.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <utility>
#include <vector>

#include "common/unique_fd.h"
#include "generate/output_tree.h"

namespace restack::generate {

namespace fs = std::filesystem;

// Named rather than anonymous: StagedTree::Impl holds these types.
namespace tree_writer {

std::string errno_text(int err) { return std::strerror(err); }

using Fd = UniqueFd;

/// "src/functions/a.py" -> {"src/functions", "a.py"}; "a.py" -> {"", "a.py"}.
std::pair<std::string_view, std::string_view> split_folder(std::string_view rel) {
  size_t slash = rel.rfind('/');
  if (slash == std::string_view::npos) return {std::string_view(), rel};
  return {rel.substr(0, slash), rel.substr(slash + 1)};
}

/// Handles of the folders under one root, opened (and created, when asked) once each. Every
/// component is opened with O_NOFOLLOW, so no symbolic link is ever followed below the root.
class Folders {
 public:
  explicit Folders(Fd root) { open_[""] = std::move(root); }

  /// The handle of folder REL ("" = the root), creating missing folders. On failure returns -1
  /// and sets ERROR.
  int get(std::string_view rel, std::string& error) {
    auto it = open_.find(rel);
    if (it != open_.end()) return it->second.get();
    auto [parent_rel, name] = split_folder(rel);
    int parent = get(parent_rel, error);
    if (parent < 0) return -1;
    const std::string leaf(name);
    int fd = ::openat(parent, leaf.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
      if (::mkdirat(parent, leaf.c_str(), 0777) != 0 && errno != EEXIST) {
        error = fmt::format("cannot create folder '{}': {}", rel, errno_text(errno));
        return -1;
      }
      fd = ::openat(parent, leaf.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0) {
      error = errno == ELOOP || errno == ENOTDIR
                  ? fmt::format("'{}' is a symbolic link or not a folder", rel)
                  : fmt::format("cannot open folder '{}': {}", rel, errno_text(errno));
      return -1;
    }
    open_.emplace(std::string(rel), Fd(fd));
    return fd;
  }

 private:
  std::map<std::string, Fd, std::less<>> open_;
};

std::optional<std::string> write_all(int fd, std::string_view content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_text(errno);
    }
    done += size_t(n);
  }
  return std::nullopt;
}

/// Creates NAME in folder FD (it must not exist) with CONTENT.
std::optional<std::string> create_file(int folder, const std::string& name, std::string_view content) {
  Fd fd(::openat(folder, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (!fd.ok()) return errno_text(errno);
  if (auto err = write_all(fd.get(), content)) return err;
  if (::close(fd.release()) != 0) return errno_text(errno);
  return std::nullopt;
}

/// The process's umask, read without changing it for longer than this call (no other thread
/// of the generator creates files at this point).
mode_t current_umask() {
  mode_t mask = ::umask(022);
  ::umask(mask);
  return mask;
}

/// A private folder to write the files into before they are moved into place: OUTER (created
/// with mkdtemp beside or inside DIR, flagged as a top folder, see the file comment) holds the
/// folder INNER (a random name) that receives the files. Removed on destruction.
class Staging {
 public:
  /// Creates OUTER as "PARENT/PREFIX.restack-tmp-XXXXXX" and INNER in it.
  std::optional<std::string> create(const fs::path& parent, const std::string& prefix) {
    std::string outer = (parent / (prefix + ".restack-tmp-XXXXXX")).string();
    if (!::mkdtemp(outer.data())) return fmt::format("cannot create a folder in '{}': {}", parent.string(), errno_text(errno));
    outer_ = outer;
    flag_as_top_folder(outer_);
    std::string inner = (outer_ / "staged-XXXXXX").string();
    if (!::mkdtemp(inner.data())) return fmt::format("cannot create a folder in '{}': {}", outer_.string(), errno_text(errno));
    inner_ = inner;
    inner_fd_ = Fd(::open(inner_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!inner_fd_.ok()) return fmt::format("cannot open '{}': {}", inner_.string(), errno_text(errno));
    return std::nullopt;
  }
  Staging() = default;
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  ~Staging() { remove(); }
  void remove() {
    inner_fd_ = Fd();
    if (outer_.empty()) return;
    std::error_code ec;
    fs::remove_all(outer_, ec);  // nothing more can be done about a failure here
    outer_.clear();
  }
  const fs::path& inner() const { return inner_; }
  int inner_fd() const { return inner_fd_.get(); }

 private:
  static void flag_as_top_folder(const fs::path& folder) {
    Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    int flags = 0;
    if (fd.ok() && ::ioctl(fd.get(), FS_IOC_GETFLAGS, &flags) == 0) {
      flags |= FS_TOPDIR_FL;
      ::ioctl(fd.get(), FS_IOC_SETFLAGS, &flags);  // a placement hint: failure changes nothing
    }
  }
  fs::path outer_, inner_;
  Fd inner_fd_;
};

/// What is at NAME in FOLDER, without following a symbolic link.
enum class Entry { kMissing, kFile, kFolder, kLink, kOther };

Entry entry_at(int folder, const std::string& name, int& error) {
  struct stat st;
  if (::fstatat(folder, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    error = errno;
    return errno == ENOENT ? Entry::kMissing : Entry::kOther;
  }
  error = 0;
  if (S_ISLNK(st.st_mode)) return Entry::kLink;
  if (S_ISDIR(st.st_mode)) return Entry::kFolder;
  if (S_ISREG(st.st_mode)) return Entry::kFile;
  return Entry::kOther;
}

/// Checks every path of TREE under the existing folder ROOT without writing anything: folders on
/// the way are real folders (or missing), files are regular files (or missing).
std::optional<std::string> check_existing(const std::vector<std::string>& paths, int root, const fs::path& dir) {
  std::map<std::string, Fd, std::less<>> folders;  // existing folders checked so far
  std::map<std::string, bool, std::less<>> missing;
  auto refuse_link = [&](std::string_view rel, std::string_view what) {
    return fmt::format("refusing to write '{}': '{}' is a symbolic link, which could lead outside '{}'; remove it or choose another folder",
                       rel, what, dir.string());
  };
  for (const std::string& rel : paths) {
    auto [folder_rel, name] = split_folder(rel);
    int folder = root;
    bool folder_missing = false;
    // Walk the folder components from the root; each is looked at once for the whole tree.
    size_t start = 0;
    while (!folder_rel.empty() && !folder_missing) {
      size_t slash = folder_rel.find('/', start);
      std::string_view prefix = folder_rel.substr(0, slash);
      if (missing.count(prefix)) {
        folder_missing = true;
        break;
      }
      auto it = folders.find(prefix);
      if (it == folders.end()) {
        std::string leaf(prefix.substr(start));
        int err = 0;
        switch (entry_at(folder, leaf, err)) {
          case Entry::kMissing:
            missing.emplace(std::string(prefix), true);
            folder_missing = true;
            continue;
          case Entry::kFolder: {
            Fd fd(::openat(folder, leaf.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!fd.ok()) return fmt::format("cannot open '{}': {}", (dir / std::string(prefix)).string(), errno_text(errno));
            it = folders.emplace(std::string(prefix), std::move(fd)).first;
            break;
          }
          case Entry::kLink:
            return refuse_link(rel, prefix);
          default:
            return err ? fmt::format("cannot inspect '{}': {}", (dir / std::string(prefix)).string(), errno_text(err))
                       : fmt::format("refusing to write '{}': '{}' exists and is not a folder", rel, prefix);
        }
      }
      folder = it->second.get();
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
    if (folder_missing) continue;
    int err = 0;
    switch (entry_at(folder, std::string(name), err)) {
      case Entry::kMissing:
      case Entry::kFile:
        break;
      case Entry::kLink:
        return refuse_link(rel, rel);
      case Entry::kFolder:
        return fmt::format("refusing to write '{}': a folder of that name exists", rel);
      default:
        return err ? fmt::format("cannot inspect '{}': {}", (dir / rel).string(), errno_text(err))
                   : fmt::format("refusing to write '{}': it exists and is not a regular file", rel);
    }
  }
  return std::nullopt;
}


}  // namespace tree_writer

using namespace tree_writer;

/// A file waiting to be written into the staging folder.
struct PendingFile {
  std::string rel;
  std::string content;
};

struct StagedTree::Impl {
  ~Impl() {
    staging.remove();
    if (committed) return;
    std::error_code ec;
    for (const auto& folder : created_parents) fs::remove(folder, ec);  // if still empty
  }
  bool committed = false;
  std::vector<fs::path> created_parents;  // a new DIR's missing parents, deepest first, made by open()
  fs::path dir;     // as given (for messages)
  fs::path target;  // a new DIR: where the staging folder goes in one rename
  bool fresh = false;
  Fd root;  // an existing DIR, opened (DIR itself may be a link)
  Staging staging;
  /// Guards paths, pending, writing and write_error. Files are written outside it, by the
  /// thread that set `writing` and by threads with nothing else to do (help_write).
  std::mutex mutex;
  std::mutex folders_mutex;  // guards staged_folders
  std::unique_ptr<Folders> staged_folders;
  std::vector<std::string> paths;
  std::deque<PendingFile> pending;  // added, not written yet
  bool writing = false;             // a thread is writing `pending` (write_pending)
  std::optional<std::string> write_error;  // the first file that could not be written
  std::atomic<size_t> bytes{0};

  void write_pending();
  /// Takes up to kChunk files off the front of `pending` into BATCH; false when none is left.
  /// Small chunks leave work in `pending` for help_write.
  bool take(std::vector<PendingFile>& batch);
  void write(PendingFile& file);
  static constexpr size_t kChunk = 16;
};

// Why one thread at a time creates the files: two threads creating files in the same folder at
// once make the kernel spin on the folder's lock (ext4: `rwsem_spin_on_owner`); 6,000 files cost
// about 0.37 s of CPU that way against 0.25 s from one thread. So a thread that adds a file
// while another is writing only queues it, and the writing thread takes the queue until it is
// empty (no thread of our own: the render threads take turns, and none ever waits for another).
// The exception is a thread with nothing else to do (help_write): at the end of a run, when the
// files still queued are all that is left, two threads writing them end sooner than one (0.19 s
// against 0.26 s for 6,000 files), and the CPU they spin away would have been idle.
void StagedTree::Impl::write_pending() {
  std::vector<PendingFile> batch;
  for (;;) {
    {
      std::lock_guard lock(mutex);
      if (!take(batch)) {
        writing = false;
        return;
      }
    }
    for (PendingFile& file : batch) write(file);
    batch.clear();  // frees the contents, keeps the buffer for the next round
  }
}

bool StagedTree::Impl::take(std::vector<PendingFile>& batch) {
  const size_t n = std::min(kChunk, pending.size());
  for (size_t i = 0; i < n; ++i) {
    batch.push_back(std::move(pending.front()));
    pending.pop_front();
  }
  return n > 0;
}

void StagedTree::Impl::write(PendingFile& file) {
  auto [folder_rel, name] = split_folder(file.rel);
  std::string error;
  int folder;
  {
    std::lock_guard lock(folders_mutex);
    folder = staged_folders->get(folder_rel, error);
  }
  std::optional<std::string> failed;
  if (folder < 0) failed = fmt::format("cannot write '{}': {}", (dir / file.rel).string(), error);
  else if (auto err = create_file(folder, std::string(name), file.content))
    failed = fmt::format("cannot write '{}': {}", (dir / file.rel).string(), *err);
  if (failed) {
    std::lock_guard lock(mutex);
    if (!write_error) write_error = std::move(failed);
  }
}

void StagedTree::help_write() {
  Impl& s = *impl_;
  std::vector<PendingFile> batch;
  for (;;) {
    {
      std::lock_guard lock(s.mutex);
      if (!s.take(batch)) return;
    }
    for (PendingFile& file : batch) s.write(file);
    batch.clear();
  }
}

StagedTree::StagedTree() : impl_(std::make_unique<Impl>()) {}
StagedTree::~StagedTree() = default;  // an uncommitted staging folder is removed (Staging)

std::unique_ptr<StagedTree> StagedTree::open(const fs::path& dir, const WriteOptions& options, std::string& error) {
  std::unique_ptr<StagedTree> tree(new StagedTree());
  Impl& s = *tree->impl_;
  s.dir = dir;
  std::error_code ec;
  fs::file_status status = fs::status(dir, ec);
  if (status.type() == fs::file_type::not_found) {
    if (fs::is_symlink(fs::symlink_status(dir, ec))) {  // a dangling link: never write through it
      error = fmt::format("'{}' is a symbolic link to a missing folder; remove it or choose another folder", dir.string());
      return nullptr;
    }
    s.fresh = true;
    s.target = dir.lexically_normal();
    if (!s.target.has_filename()) s.target = s.target.parent_path();
    fs::path parent = s.target.has_parent_path() ? s.target.parent_path() : fs::path(".");
    for (fs::path p = parent; !p.empty() && p != p.root_path() && !fs::exists(fs::symlink_status(p, ec)); p = p.parent_path())
      s.created_parents.push_back(p);
    fs::create_directories(parent, ec);
    if (ec) {
      error = fmt::format("cannot create '{}': {}", parent.string(), ec.message());
      return nullptr;
    }
    if (auto err = s.staging.create(parent, "." + s.target.filename().string())) {
      error = std::move(*err);
      return nullptr;
    }
  } else {
    if (ec) {
      error = fmt::format("cannot inspect '{}': {}", dir.string(), ec.message());
      return nullptr;
    }
    if (!fs::is_directory(status)) {
      error = fmt::format("'{}' exists and is not a folder", dir.string());
      return nullptr;
    }
    if (!options.force && !fs::is_empty(dir, ec)) {
      error = fmt::format("'{}' exists and is not empty; pass --force to write into it (existing files with the same names are replaced)",
                          dir.string());
      return nullptr;
    }
    s.root = Fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!s.root.ok()) {
      error = fmt::format("cannot open '{}': {}", dir.string(), errno_text(errno));
      return nullptr;
    }
    // Inside DIR: the same file system, so rename(2) can move the files.
    if (auto err = s.staging.create(dir, "")) {
      error = std::move(*err);
      return nullptr;
    }
  }
  s.staged_folders = std::make_unique<Folders>(Fd(::dup(s.staging.inner_fd())));
  return tree;
}

std::optional<std::string> StagedTree::add(const std::string& rel, std::string content) {
  Impl& s = *impl_;
  if (!safe_relative_path(rel)) return fmt::format("refusing to write '{}': not a plain relative path", rel);
  s.bytes.fetch_add(content.size(), std::memory_order_relaxed);
  {
    std::lock_guard lock(s.mutex);
    s.paths.push_back(rel);
    s.pending.push_back({rel, std::move(content)});
    if (s.writing) return std::nullopt;  // the writing thread takes it
    s.writing = true;
  }
  s.write_pending();
  return std::nullopt;
}

size_t StagedTree::size() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->paths.size();
}

size_t StagedTree::total_bytes() const { return impl_->bytes.load(); }

std::optional<std::string> StagedTree::commit() {
  Impl& s = *impl_;
  std::lock_guard lock(s.mutex);
  if (s.write_error) return s.write_error;  // every add() returned, so every file was written or failed
  if (s.fresh) {
    // mkdtemp made the folder private; the project gets the permissions of any new folder.
    if (::fchmod(s.staging.inner_fd(), 0777 & ~current_umask()) != 0)
      return fmt::format("cannot set the permissions of '{}': {}", s.staging.inner().string(), errno_text(errno));
    // RENAME_NOREPLACE: a DIR that appeared meanwhile is refused rather than replaced.
    if (::renameat2(AT_FDCWD, s.staging.inner().c_str(), AT_FDCWD, s.target.c_str(), RENAME_NOREPLACE) != 0) {
      int err = errno;
      std::error_code ec;
      if ((err == EINVAL || err == ENOSYS) && !fs::exists(s.target, ec) &&
          ::rename(s.staging.inner().c_str(), s.target.c_str()) == 0) {  // a file system without RENAME_NOREPLACE
        s.committed = true;
        s.staging.remove();  // what is left of it: the empty outer folder
        return std::nullopt;
      }
      if (err == EEXIST || err == ENOTEMPTY)
        return fmt::format("'{}' was created by someone else while the project was being written; nothing was written", s.dir.string());
      return fmt::format("cannot move the project into '{}': {}", s.dir.string(), errno_text(err));
    }
    s.committed = true;
    s.staging.remove();  // what is left of it: the empty outer folder
    return std::nullopt;
  }
  // An existing DIR: check every path first (writing nothing), then rename each staged file
  // into place.
  std::vector<std::string> paths = s.paths;
  std::sort(paths.begin(), paths.end());
  if (auto err = check_existing(paths, s.root.get(), s.dir)) return err;
  Folders folders(Fd(::dup(s.root.get())));
  for (const std::string& rel : paths) {
    std::string error;
    auto [folder_rel, name] = split_folder(rel);
    int from = s.staged_folders->get(folder_rel, error);
    int to = from < 0 ? -1 : folders.get(folder_rel, error);
    if (to < 0) return fmt::format("cannot write '{}': {}", (s.dir / rel).string(), error);
    const std::string leaf(name);
    if (::renameat(from, leaf.c_str(), to, leaf.c_str()) != 0)
      return fmt::format("cannot write '{}': {}", (s.dir / rel).string(), errno_text(errno));
  }
  s.committed = true;
  s.staging.remove();  // what is left of it: empty folders
  return std::nullopt;
}

std::optional<std::string> write_tree(const OutputTree& tree, const fs::path& dir, const WriteOptions& options) {
  for (const auto& [rel, content] : tree.files())
    if (!safe_relative_path(rel)) return fmt::format("refusing to write '{}': not a plain relative path", rel);
  std::string error;
  auto staged = StagedTree::open(dir, options, error);
  if (!staged) return error;
  for (const auto& [rel, content] : tree.files())
    if (auto err = staged->add(rel, content)) return err;
  return staged->commit();
}

}  // namespace restack::generate
