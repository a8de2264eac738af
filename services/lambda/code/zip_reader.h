#pragma once

#include <zip.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "services/lambda/code/zip_archive.h"

namespace preflight::lambda {

// One checked central directory entry. `components` is the entry's path with '.' and empty
// components dropped: never empty, never absolute, never '..'.
struct ZipEntry {
  std::uint64_t index = 0;
  std::string name;  // as in the zip, for messages
  std::vector<std::string> components;
  bool is_dir = false;
  bool executable = false;  // the unix mode has an execute bit
  std::uint64_t size = 0;   // declared uncompressed size (files only)
};

// An uploaded zip opened from memory (the bytes must outlive the reader) whose central directory
// has passed every check of inspect_zip. One reader serves one thread.
class ZipReader {
 public:
  ZipReader(std::string_view bytes, const ZipLimits& limits);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // Files and directories to create, in central directory order (entries naming the code
  // directory itself, such as "./", are left out).
  const std::vector<ZipEntry>& entries() const { return entries_; }
  const ZipSummary& summary() const { return summary_; }

  // Decompresses a file entry into `sink`, chunk by chunk. Throws ZipError when the data cannot
  // be read, fails its CRC or runs past the declared size.
  void read(const ZipEntry& entry, const std::function<void(std::string_view)>& sink);

 private:
  void check_entries(const ZipLimits& limits);

  zip_t* archive_ = nullptr;
  std::vector<ZipEntry> entries_;
  ZipSummary summary_;
};

// "The unzipped code would exceed N bytes."
[[noreturn]] void throw_unzipped_too_large(const ZipLimits& limits);

}  // namespace preflight::lambda
