#pragma once

#include <sys/stat.h>
#include <zip.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::lambda::zip_test {

struct TestEntry {
  std::string name;  // ending in '/' for a directory
  std::string data;
  std::optional<std::uint32_t> unix_mode;  // st_mode bits, e.g. S_IFREG | 0755
  bool dos = false;                        // made on DOS: no unix mode at all
};

inline void check(bool ok, const char* what) {
  if (!ok) {
    throw std::runtime_error(std::string("zip_builder: ") + what);
  }
}

// A zip written in memory with libzip's write API.
inline std::string make_zip(const std::vector<TestEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  check(buffer != nullptr, "zip_source_buffer_create");
  zip_source_keep(buffer);  // zip_close must not free it: the bytes are read back from it
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  check(archive != nullptr, "zip_open_from_source");
  for (const auto& entry : entries) {
    zip_int64_t index = -1;
    if (!entry.name.empty() && entry.name.back() == '/') {
      index = zip_dir_add(archive, entry.name.c_str(), ZIP_FL_ENC_UTF_8);
    } else {
      zip_source_t* data = zip_source_buffer(archive, entry.data.data(), entry.data.size(), 0);
      check(data != nullptr, "zip_source_buffer");
      index = zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8);
      if (index < 0) {
        zip_source_free(data);
      }
    }
    check(index >= 0, "add an entry");
    const auto at = static_cast<zip_uint64_t>(index);
    if (entry.dos) {
      check(zip_file_set_external_attributes(archive, at, 0, ZIP_OPSYS_DOS, 0) == 0, "attributes");
    } else if (entry.unix_mode) {
      check(zip_file_set_external_attributes(archive, at, 0, ZIP_OPSYS_UNIX,
                                             *entry.unix_mode << 16) == 0,
            "attributes");
    }
  }
  check(zip_close(archive) == 0, "zip_close");

  std::string bytes;
  check(zip_source_open(buffer) == 0, "zip_source_open");
  char chunk[8192];
  zip_int64_t n = 0;
  while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
    bytes.append(chunk, static_cast<std::size_t>(n));
  }
  check(n == 0, "zip_source_read");
  zip_source_close(buffer);
  zip_source_free(buffer);
  return bytes;
}

inline std::uint32_t read_u32(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(bytes.at(at + static_cast<std::size_t>(i)));
  }
  return value;
}

inline std::uint32_t read_u16(const std::string& bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes.at(at)) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes.at(at + 1))) << 8);
}

inline void write_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) {
    bytes.at(at + i) = static_cast<char>((value >> (8 * i)) & 0xff);
  }
}

// Rewrites the uncompressed size that both the central directory and the local header declare
// for `name`, leaving the data alone: a zip whose headers lie.
inline std::string with_declared_size(std::string bytes, std::string_view name,
                                      std::uint32_t size) {
  const auto eocd = bytes.rfind("PK\x05\x06");
  check(eocd != std::string::npos, "end of central directory");
  const auto count = read_u16(bytes, eocd + 10);
  std::size_t at = read_u32(bytes, eocd + 16);
  bool found = false;
  for (std::uint32_t i = 0; i < count; ++i) {
    check(read_u32(bytes, at) == 0x02014b50, "central directory entry");
    const auto name_length = read_u16(bytes, at + 28);
    const auto extra_length = read_u16(bytes, at + 30);
    const auto comment_length = read_u16(bytes, at + 32);
    if (std::string_view(bytes).substr(at + 46, name_length) == name) {
      write_u32(bytes, at + 24, size);
      const std::size_t local = read_u32(bytes, at + 42);
      check(read_u32(bytes, local) == 0x04034b50, "local header");
      write_u32(bytes, local + 22, size);
      found = true;
    }
    at += 46 + name_length + extra_length + comment_length;
  }
  check(found, "entry to patch");
  return bytes;
}

// Every occurrence of `from` (same length as `to`) replaced: renames entries in both headers.
inline std::string with_renamed(std::string bytes, std::string_view from, std::string_view to) {
  check(from.size() == to.size(), "same-length rename");
  for (auto at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at)) {
    bytes.replace(at, from.size(), to);
  }
  return bytes;
}

}  // namespace preflight::lambda::zip_test
