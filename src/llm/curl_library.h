#pragma once
// libcurl, loaded on demand. Linking libcurl pulls ~30 shared libraries (TLS, Kerberos, LDAP,
// SSH...) into every process start, yet only `generate --llm` making a real HTTP request needs
// it: linking it made `restack-gen --version` spend most of its 13 ms in the dynamic loader.
// So the binary links only libdl, and the first real request dlopen()s libcurl.so.4 and
// resolves the few entry points the chat client calls. <curl/curl.h> is still used at compile
// time, for the types and constants (the ABI of libcurl.so.4 is stable).
//
//   const CurlLibrary& curl = CurlLibrary::shared();
//   if (!curl.ok()) return failure(curl.problem()->message);
//   CURL* h = curl.api().easy_init();
#include <curl/curl.h>

#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"

namespace restack::llm {

/// The libcurl entry points chat_client.cc uses, with their exact types from <curl/curl.h>.
/// easy_setopt and easy_getinfo are the C variadic functions, so calls through them skip
/// curl's GCC type-check macros: pass long, curl_off_t, pointers and callbacks exactly as
/// curl_easy_setopt(3) documents.
struct CurlApi {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_global_cleanup) global_cleanup = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_reset) easy_reset = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
};

/// One dlopen() of libcurl, its resolved functions and its curl_global_init(), released (global
/// cleanup, dlclose) when the object goes away. A library that cannot be loaded is not an
/// exception: ok() is false and problem() says what is missing and how to install it.
class CurlLibrary {
 public:
  /// libcurl4 (OpenSSL) first, then libcurl3-gnutls, which many systems have for git alone:
  /// both export the same libcurl.so.4 ABI.
  static std::vector<std::string> default_names() { return {"libcurl.so.4", "libcurl-gnutls.so.4"}; }
  /// Names the environment variable RESTACK_GEN_LIBCURL to load that one file instead.
  static constexpr const char* kOverrideVariable = "RESTACK_GEN_LIBCURL";

  /// The process-wide library (RESTACK_GEN_LIBCURL, else default_names()), loaded by the first
  /// caller. Thread-safe: a function-local static is initialised exactly once even when worker
  /// threads race to their first request, so curl_global_init (not thread-safe in older libcurl)
  /// runs once, before any handle exists. Once built the object never changes, which is why
  /// sharing it is not global mutable state. It is never destroyed: no cleanup at exit can race
  /// a thread still inside a request.
  static const CurlLibrary& shared();

  /// Loads the first of NAMES (sonames or paths) that dlopen() accepts. Tests pass names that
  /// do not exist, or a library that is not libcurl.
  explicit CurlLibrary(const std::vector<std::string>& names = default_names());
  ~CurlLibrary();
  CurlLibrary(const CurlLibrary&) = delete;
  CurlLibrary& operator=(const CurlLibrary&) = delete;

  bool ok() const { return !problem_; }
  /// Why the library is unusable (error "E-llm-libcurl", with a note saying how to fix it).
  const std::optional<Diagnostic>& problem() const { return problem_; }
  /// The problem as one line: message, then the fix.
  std::string problem_text() const;
  /// The entry points; every pointer is non-null when ok(), all null otherwise.
  const CurlApi& api() const { return api_; }
  /// The name that was loaded (or, when none was, the first tried).
  const std::string& name() const { return name_; }

 private:
  void fail(std::string message);

  std::string name_;
  void* handle_ = nullptr;  // from dlopen
  bool initialised_ = false;  // curl_global_init succeeded: cleanup owed
  CurlApi api_;
  std::optional<Diagnostic> problem_;
};

}  // namespace restack::llm
