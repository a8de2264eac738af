#include "harness/deploy/code_zip.h"

#include <zip.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "emulator/common/crypto.h"
#include "harness/template/template.h"

namespace preflight::harness {

namespace fs = std::filesystem;

namespace {

constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01, the zip epoch

struct SourceDeleter {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};

bool skipped(const fs::path& relative) {
  for (const auto& part : relative) {
    if (part == "__pycache__" || part == ".aws-sam" || part == ".git") {
      return true;
    }
  }
  return relative.extension() == ".pyc";
}

[[noreturn]] void fail(const fs::path& folder, const std::string& what) {
  throw TemplateError("CodeUri " + folder.string() + ": " + what);
}

}  // namespace

std::string zip_folder(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    fail(folder, "no such folder");
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const fs::path relative = fs::relative(it->path(), folder);
    if (it->is_regular_file() && !skipped(relative)) {
      files.push_back(relative);
    }
  }
  if (ec) {
    fail(folder, ec.message());
  }
  std::sort(files.begin(), files.end());

  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceDeleter> buffer(
      zip_source_buffer_create(nullptr, 0, 0, &error));
  zip_t* archive = buffer ? zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error) : nullptr;
  if (!archive) {
    fail(folder, zip_error_strerror(&error));
  }
  zip_source_keep(buffer.get());
  for (const auto& relative : files) {
    const fs::path full = folder / relative;
    zip_source_t* source = zip_source_file(archive, full.c_str(), 0, -1);
    const zip_int64_t index =
        source ? zip_file_add(archive, relative.generic_string().c_str(), source, ZIP_FL_ENC_UTF_8)
               : -1;
    if (index < 0) {
      if (source) {
        zip_source_free(source);
      }
      const std::string message = zip_strerror(archive);
      zip_discard(archive);
      fail(folder, relative.string() + ": " + message);
    }
    const auto perms = fs::status(full).permissions();
    const bool executable = (perms & fs::perms::owner_exec) != fs::perms::none;
    const zip_uint32_t mode = 0100000 | (executable ? 0755 : 0644);
    zip_file_set_dostime(archive, static_cast<zip_uint64_t>(index), 0, kDosDate, 0);
    zip_file_set_external_attributes(archive, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                     mode << 16);
  }
  if (zip_close(archive) != 0) {
    const std::string message = zip_strerror(archive);
    zip_discard(archive);
    fail(folder, message);
  }
  zip_stat_t stat;
  if (zip_source_stat(buffer.get(), &stat) != 0 || zip_source_open(buffer.get()) != 0) {
    fail(folder, "cannot read the archive back");
  }
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  const zip_int64_t read = zip_source_read(buffer.get(), bytes.data(), bytes.size());
  zip_source_close(buffer.get());
  if (read != static_cast<zip_int64_t>(bytes.size())) {
    fail(folder, "cannot read the archive back");
  }
  return bytes;
}

std::string code_sha256(const std::string& zip) {
  return base64_encode(sha256(zip));
}

}  // namespace preflight::harness
