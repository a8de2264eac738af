// libFuzzer target: Lambda's deployment-package zips. inspect_zip may refuse input only with a
// ZipError; what it accepts is extracted, with small limits, into a scratch directory, where again
// only a ZipError may come out, and afterwards the scratch directory holds the finished tree or
// nothing (no staging leftovers). A filesystem_error, a crash or a sanitizer report is a bug:
// entry names that passed inspection must always be creatable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "services/lambda/code/zip_archive.h"

namespace {

namespace fs = std::filesystem;
namespace lambda = preflight::lambda;

// A fresh scratch directory per input, removed afterwards (libFuzzer may end the process without
// running atexit handlers, so nothing outlives an input).
class Scratch {
 public:
  Scratch() {
    auto pattern = (fs::temp_directory_path() / "lambda_zip_fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::abort();
    }
    path_ = pattern;
  }
  ~Scratch() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  lambda::ZipLimits limits;
  limits.max_unzipped_bytes = 1 << 20;
  limits.max_entries = 256;
  try {
    lambda::inspect_zip(bytes, limits);
  } catch (const lambda::ZipError&) {
    return 0;
  }
  const Scratch scratch;
  const auto target = scratch.path() / "code";
  try {
    lambda::extract_zip(bytes, target, limits);
  } catch (const lambda::ZipError&) {
    // refused while extracting (damaged data, sizes that lie): nothing may be left
  }
  for (const auto& item : fs::directory_iterator(scratch.path())) {
    if (item.path() != target) {
      std::abort();  // a staging directory survived
    }
  }
  return 0;
}
