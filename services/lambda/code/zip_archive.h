#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace preflight::lambda {

// What an uploaded deployment package may hold. The defaults are Lambda's own quotas.
struct ZipLimits {
  std::uint64_t max_unzipped_bytes = 262144000;  // 250 MB, Lambda's unzipped limit
  std::uint64_t max_entries = 100000;
  // Per entry above 1 MiB uncompressed: uncompressed/compressed beyond this is a zip bomb.
  std::uint64_t max_ratio = 200;
};

// A problem with the uploaded zip. The message is user-facing (InvalidParameterValueException).
struct ZipError : std::runtime_error {
  using runtime_error::runtime_error;
};

struct ZipSummary {
  std::uint64_t unzipped_bytes = 0;  // declared sizes of all files
  std::size_t entries = 0;           // central directory entries, directories included
};

// Reads the central directory without extracting. Refuses (ZipError naming the entry) a zip that
// cannot be read or has no entries, an entry that is absolute, has a '..' component or a
// backslash, a name over 1024 bytes or a component over 255, a symbolic link, an encrypted entry
// or an unknown compression method, two entries for one path, and declared sizes beyond `limits`.
ZipSummary inspect_zip(std::string_view bytes, const ZipLimits& limits = {});

// Extracts into `dir`, which must not exist (std::filesystem::filesystem_error with
// errc::file_exists if it does); its parent is created if needed. Checks every entry as
// inspect_zip does, counts the bytes actually written (declared sizes can lie) and stops at the
// limit. Files are 0644, or 0755 when the entry's unix mode has an execute bit; directories 0755;
// symbolic links are never created nor followed. The tree is written to a sibling temporary
// directory (".<name>.partial-XXXXXX", left behind only by a crash) and renamed into place, so
// `dir` appears complete or not at all; on any failure what was written is removed. Throws ZipError
// for a bad zip, std::filesystem::filesystem_error for a local I/O failure. Thread-safe: no shared
// state.
void extract_zip(std::string_view bytes, const std::filesystem::path& dir,
                 const ZipLimits& limits = {});

// Lambda's CodeSha256: base64 of the SHA-256 of the zip bytes.
std::string code_sha256(std::string_view zip_bytes);

}  // namespace preflight::lambda
