#include "llm/curl_library.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <type_traits>

namespace restack::llm {
namespace {

constexpr const char* kInstallHint =
    "install libcurl: `apt-get install libcurl4` (Debian, Ubuntu) or `dnf install libcurl` (Fedora), or set "
    "RESTACK_GEN_LIBCURL to the path of a libcurl.so.4; only `generate --llm` needs it, `--llm off` works without";

/// dlerror() text, or a fallback: dlerror() is empty when the symbol exists but is null.
std::string last_dl_error() {
  const char* e = dlerror();
  return e ? e : "unknown dynamic loader error";
}

}  // namespace

const CurlLibrary& CurlLibrary::shared() {
  // Never destroyed, on purpose: at exit a worker still inside curl_easy_perform (a fatal error
  // path calling std::exit) must not find curl's global state cleaned up and the library
  // unmapped under it. The object stays reachable through this pointer, so it is no leak.
  static const CurlLibrary* const library = new CurlLibrary([] {
    const char* chosen = std::getenv(kOverrideVariable);
    return chosen && *chosen ? std::vector<std::string>{chosen} : default_names();
  }());
  return *library;
}

CurlLibrary::CurlLibrary(const std::vector<std::string>& names) {
  // RTLD_NOW: a broken libcurl (a dependency missing) fails here, with dlerror's reason, rather
  // than aborting the process at its first call. RTLD_LOCAL: its symbols stay out of ours.
  std::string first_error;
  for (const auto& name : names) {
    handle_ = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_) {
      name_ = name;
      break;
    }
    if (first_error.empty()) first_error = last_dl_error();
  }
  if (!handle_) {
    name_ = names.empty() ? "libcurl.so.4" : names.front();
    std::string tried = fmt::format("{}", fmt::join(names, " or "));
    fail(fmt::format("cannot load {}, which `generate --llm` needs to call the LLM provider: {}", tried,
                     first_error.empty() ? "no library name given" : first_error));
    return;
  }
  bool resolved = true;
  auto resolve = [&](auto& slot, const char* symbol) {
    if (!resolved) return;
    dlerror();  // clear a stale error so the one read below is this lookup's
    void* address = dlsym(handle_, symbol);
    if (!address) {
      fail(fmt::format("{} has no {} ({}): it is not a usable libcurl", name_, symbol, last_dl_error()));
      resolved = false;
      return;
    }
    // POSIX guarantees a dlsym result converts to the function pointer type it names.
    slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(address);
  };
  CurlApi api;
  resolve(api.global_init, "curl_global_init");
  resolve(api.global_cleanup, "curl_global_cleanup");
  resolve(api.easy_init, "curl_easy_init");
  resolve(api.easy_reset, "curl_easy_reset");
  resolve(api.easy_cleanup, "curl_easy_cleanup");
  resolve(api.easy_setopt, "curl_easy_setopt");
  resolve(api.easy_perform, "curl_easy_perform");
  resolve(api.easy_getinfo, "curl_easy_getinfo");
  resolve(api.easy_strerror, "curl_easy_strerror");
  resolve(api.slist_append, "curl_slist_append");
  resolve(api.slist_free_all, "curl_slist_free_all");
  if (!resolved) return;
  if (CURLcode code = api.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
    fail(fmt::format("{}: curl_global_init failed: {}", name_, api.easy_strerror(code)));
    return;
  }
  initialised_ = true;
  api_ = api;  // published only complete: callers never see half a table
}

CurlLibrary::~CurlLibrary() {
  if (initialised_) api_.global_cleanup();
  if (handle_) dlclose(handle_);
}

void CurlLibrary::fail(std::string message) {
  Diagnostic d;
  d.code = "E-llm-libcurl";
  d.message = std::move(message);
  d.notes.push_back({SourceLocation{}, kInstallHint});
  problem_ = std::move(d);
}

std::string CurlLibrary::problem_text() const {
  if (!problem_) return "";
  std::string text = problem_->message;
  for (const auto& note : problem_->notes) text += "; " + note.message;
  return text;
}

}  // namespace restack::llm
