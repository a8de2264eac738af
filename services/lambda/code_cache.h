#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace preflight::lambda {

// Unpacked function code, one directory per CodeSha256, extracted on a worker thread so a 50 MB
// zip never stalls the event loop. Under --data-dir it persists (DIR/lambda); otherwise it lives
// in a temporary directory removed when the emulator exits. The runtime bootstraps are written
// beside it.
class CodeCache {
 public:
  CodeCache(const std::string& data_dir, const boost::asio::any_io_executor& loop);
  ~CodeCache();
  CodeCache(const CodeCache&) = delete;
  CodeCache& operator=(const CodeCache&) = delete;

  // The directory holding this code; load_zip supplies the bytes when it must be extracted.
  // Throws ZipError when the zip cannot be unpacked safely.
  boost::asio::awaitable<std::filesystem::path> directory(
      const std::string& code_sha256, const std::function<std::optional<std::string>()>& load_zip);
  // The directory with python/bootstrap.py and nodejs/bootstrap.mjs.
  const std::filesystem::path& runtimes() const { return runtimes_; }

 private:
  struct Extraction;
  std::filesystem::path root_;
  std::filesystem::path runtimes_;
  bool temporary_ = false;
  boost::asio::any_io_executor loop_;
  boost::asio::thread_pool workers_{1};
  std::unordered_map<std::string, std::shared_ptr<Extraction>> extracting_;
};

}  // namespace preflight::lambda
