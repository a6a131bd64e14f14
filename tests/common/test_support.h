#pragma once
// Helpers shared by every test binary: running the built CLI, temporary folders, file I/O.
#include <filesystem>
#include <string>
#include <vector>

namespace restack::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs the built restack-gen with ARGS (no shell), optionally feeding STDIN_TEXT, and captures
/// both streams. EXTRA_ENV entries are "NAME=value".
RunResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "",
                  const std::vector<std::string>& extra_env = {});

/// Runs any program the same way (used for /usr/bin/python3, black, pyflakes3...).
RunResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text = "",
                      const std::vector<std::string>& extra_env = {},
                      const std::filesystem::path& cwd = {});

/// A fresh directory under the system temp folder, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& content);

std::filesystem::path source_dir();   // the project root
std::filesystem::path shared_dir();   // ../shared, may not exist
bool have_program(const std::string& path);  // an executable file at PATH

}  // namespace restack::test
