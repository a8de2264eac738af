#include "services/lambda/code_cache.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <unistd.h>

#include <fstream>

#include "emulator/common/crypto.h"
#include "emulator/common/ids.h"
#include "emulator/common/strings.h"
#include "services/lambda/code/zip_archive.h"
#include "services/lambda/embedded_runtimes.h"

namespace preflight::lambda {

namespace asio = boost::asio;
namespace fs = std::filesystem;

struct CodeCache::Extraction {
  explicit Extraction(const asio::any_io_executor& ex) : finished(ex) {
    finished.expires_at(asio::steady_timer::time_point::max());
  }
  asio::steady_timer finished;  // cancelled when done: wakes the other waiters
  bool done = false;
  std::string error;  // the ZipError message, when it failed
};

namespace {

void write_file(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

// CodeSha256 is base64; directories are named by its hex form.
std::string directory_name(const std::string& sha) {
  const auto raw = base64_decode(sha);
  return raw ? to_hex(*raw) : to_hex(sha256(sha));
}

// Runs on the worker thread. A plain coroutine rather than a capturing lambda: GCC 12 mishandles
// lambda coroutines created inside a co_await expression.
asio::awaitable<void> extract_on_worker(std::string zip, fs::path dir) {
  extract_zip(zip, dir);
  co_return;
}

}  // namespace

CodeCache::CodeCache(const std::string& data_dir, const asio::any_io_executor& loop) : loop_(loop) {
  if (data_dir.empty()) {
    root_ = fs::temp_directory_path() /
            ("preflight-lambda-" + std::to_string(::getpid()) + "-" + random_alnum(8));
    temporary_ = true;
  } else {
    root_ = fs::path(data_dir) / "lambda";
  }
  runtimes_ = root_ / "runtimes";
  // Each bootstrap alone in its folder: Python puts the script's folder on its module path.
  fs::create_directories(runtimes_ / "python");
  fs::create_directories(runtimes_ / "nodejs");
  fs::create_directories(root_ / "code");
  write_file(runtimes_ / "python" / "bootstrap.py", kPythonBootstrap);
  write_file(runtimes_ / "nodejs" / "bootstrap.mjs", kNodeBootstrap);
}

CodeCache::~CodeCache() {
  workers_.join();
  if (temporary_) {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
}

asio::awaitable<fs::path> CodeCache::directory(
    const std::string& code_sha256, const std::function<std::optional<std::string>()>& load_zip) {
  const fs::path dir = root_ / "code" / directory_name(code_sha256);
  for (;;) {
    if (const auto it = extracting_.find(code_sha256); it != extracting_.end()) {
      auto pending = it->second;
      while (!pending->done) {
        co_await pending->finished.async_wait(asio::as_tuple(asio::use_awaitable));
      }
      if (!pending->error.empty()) {
        throw ZipError(pending->error);
      }
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(dir, ec)) {
      co_return dir;
    }
    break;
  }
  auto zip = load_zip();
  if (!zip) {
    throw ZipError("The function's code is missing from storage.");
  }
  auto pending = std::make_shared<Extraction>(loop_);
  extracting_[code_sha256] = pending;
  try {
    auto work = extract_on_worker(std::move(*zip), dir);
    co_await asio::co_spawn(workers_.get_executor(), std::move(work), asio::use_awaitable);
  } catch (const std::exception& e) {
    pending->error = e.what();
  }
  pending->done = true;
  pending->finished.cancel();
  extracting_.erase(code_sha256);
  if (!pending->error.empty()) {
    throw ZipError(pending->error);
  }
  co_return dir;
}

}  // namespace preflight::lambda
