#include "services/lambda/code/zip_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace preflight::lambda {
namespace {

// AWS's words for a zip it cannot read.
constexpr std::string_view kCorrupt =
    "Could not unzip uploaded file. Please check your file, then try to upload again.";
constexpr std::uint64_t kRatioCheckedAbove = 1024 * 1024;
constexpr std::size_t kChunk = 64 * 1024;
// Linux's NAME_MAX for one component; the whole path is kept well inside PATH_MAX (4096) so that
// the code directory's own path fits in front of it.
constexpr std::size_t kMaxComponent = 255;
constexpr std::size_t kMaxPath = 1024;
constexpr std::size_t kMaxShownName = 200;

[[noreturn]] void refuse(std::string message) {
  throw ZipError(message);
}

[[noreturn]] void refuse_entry(std::string_view name, std::string_view problem) {
  const auto shown = name.size() <= kMaxShownName
                         ? std::string(name)
                         : std::string(name.substr(0, kMaxShownName)) + "...";
  refuse("Zip entry '" + shown + "' " + std::string(problem));
}

// Splits an entry name into path components, refusing any that could leave the code directory.
std::vector<std::string> path_components(std::string_view name) {
  if (name.empty()) {
    refuse("A zip entry has an empty name.");
  }
  if (name.find('\\') != std::string_view::npos) {
    refuse_entry(name, "contains a backslash; use '/' to separate directories.");
  }
  if (name.front() == '/') {
    refuse_entry(name, "escapes the code directory.");
  }
  if (name.size() > kMaxPath) {
    refuse_entry(name, "has a name longer than " + std::to_string(kMaxPath) + " bytes.");
  }
  std::vector<std::string> components;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto slash = std::min(name.find('/', start), name.size());
    const auto part = name.substr(start, slash - start);
    if (part == "..") {
      refuse_entry(name, "escapes the code directory.");
    }
    if (part.size() > kMaxComponent) {
      refuse_entry(name,
                   "has a path component longer than " + std::to_string(kMaxComponent) + " bytes.");
    }
    if (!part.empty() && part != ".") {
      components.emplace_back(part);
    }
    start = slash + 1;
  }
  return components;
}

std::string join(const std::vector<std::string>& components, std::size_t count) {
  std::string path;
  for (std::size_t i = 0; i < count; ++i) {
    path += (i == 0 ? "" : "/") + components[i];
  }
  return path;
}

// Remembers every path the zip creates so that no two entries write one path.
class PathSet {
 public:
  void add(const ZipEntry& entry) {
    const auto n = entry.components.size();
    for (std::size_t i = 1; i < n; ++i) {
      auto [it, inserted] = kinds_.try_emplace(join(entry.components, i), Kind::kImpliedDir);
      if (!inserted && it->second == Kind::kFile) {
        refuse_entry(entry.name, "is inside a path that another entry writes as a file.");
      }
    }
    auto [it, inserted] = kinds_.try_emplace(join(entry.components, n), kind_of(entry));
    if (inserted) {
      return;
    }
    if (it->second == kind_of(entry)) {
      refuse_entry(entry.name, "appears more than once.");
    }
    if (it->second == Kind::kFile || !entry.is_dir) {
      refuse_entry(entry.name, "is both a file and a directory.");
    }
    it->second = Kind::kDir;  // an explicit entry for a directory implied earlier
  }

 private:
  enum class Kind { kImpliedDir, kDir, kFile };
  static Kind kind_of(const ZipEntry& entry) { return entry.is_dir ? Kind::kDir : Kind::kFile; }

  std::unordered_map<std::string, Kind> kinds_;
};

}  // namespace

void throw_unzipped_too_large(const ZipLimits& limits) {
  refuse("The unzipped code would exceed " + std::to_string(limits.max_unzipped_bytes) + " bytes.");
}

ZipReader::ZipReader(std::string_view bytes, const ZipLimits& limits) {
  // libzip opens zero bytes as a new, empty archive; an upload must hold something.
  if (bytes.empty()) {
    refuse("Uploaded file must be a non-empty zip.");
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    throw std::bad_alloc();
  }
  archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive_ == nullptr) {
    zip_source_free(source);
    refuse(std::string(kCorrupt));
  }
  try {
    check_entries(limits);
  } catch (...) {
    zip_discard(archive_);
    throw;
  }
}

ZipReader::~ZipReader() {
  zip_discard(archive_);
}

void ZipReader::check_entries(const ZipLimits& limits) {
  const auto count = zip_get_num_entries(archive_, 0);
  if (count <= 0) {
    refuse("Uploaded file must be a non-empty zip.");
  }
  if (static_cast<std::uint64_t>(count) > limits.max_entries) {
    refuse("The zip has more than " + std::to_string(limits.max_entries) + " entries.");
  }
  summary_.entries = static_cast<std::size_t>(count);
  PathSet paths;
  for (std::uint64_t index = 0; index < static_cast<std::uint64_t>(count); ++index) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    constexpr auto kNeeded = ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
                             ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
    if (zip_stat_index(archive_, index, 0, &stat) != 0 || (stat.valid & kNeeded) != kNeeded) {
      refuse(std::string(kCorrupt));
    }
    ZipEntry entry;
    entry.index = index;
    entry.name = stat.name;
    entry.components = path_components(entry.name);
    entry.is_dir = entry.name.back() == '/';
    if (entry.components.empty()) {
      if (!entry.is_dir) {
        refuse_entry(entry.name, "escapes the code directory.");
      }
      continue;  // "./": the code directory itself
    }
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive_, index, 0, &opsys, &attributes) != 0) {
      refuse(std::string(kCorrupt));
    }
    // Info-ZIP keeps the unix st_mode in the high half of the external attributes.
    if (opsys == ZIP_OPSYS_UNIX || opsys == ZIP_OPSYS_OS_X) {
      const auto mode = attributes >> 16;
      if ((mode & S_IFMT) == S_IFLNK) {
        refuse_entry(entry.name, "is a symbolic link; symbolic links are not supported.");
      }
      entry.executable = (mode & 0111) != 0;
    }
    paths.add(entry);
    if (!entry.is_dir) {
      if (stat.encryption_method != ZIP_EM_NONE) {
        refuse_entry(entry.name, "is encrypted; encrypted zips are not supported.");
      }
      if (zip_compression_method_supported(stat.comp_method, 0) == 0) {
        refuse_entry(entry.name, "uses a compression method that is not supported.");
      }
      if (stat.size > limits.max_unzipped_bytes - summary_.unzipped_bytes) {
        throw_unzipped_too_large(limits);
      }
      if (stat.size > kRatioCheckedAbove &&
          (stat.comp_size == 0 || stat.size / stat.comp_size > limits.max_ratio)) {
        refuse_entry(entry.name, "is compressed more than " + std::to_string(limits.max_ratio) +
                                     " to 1, which is not allowed.");
      }
      entry.size = stat.size;
      summary_.unzipped_bytes += stat.size;
    }
    entries_.push_back(std::move(entry));
  }
}

void ZipReader::read(const ZipEntry& entry, const std::function<void(std::string_view)>& sink) {
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(archive_, entry.index, 0),
                                                         &zip_fclose);
  if (!file) {
    refuse(std::string(kCorrupt));
  }
  auto buffer = std::make_unique<std::array<char, kChunk>>();
  std::uint64_t total = 0;
  while (true) {
    const auto n = zip_fread(file.get(), buffer->data(), buffer->size());
    if (n < 0) {
      refuse(std::string(kCorrupt));
    }
    if (n == 0) {
      return;
    }
    total += static_cast<std::uint64_t>(n);
    if (total > entry.size) {
      refuse_entry(entry.name, "holds more data than its declared size.");
    }
    sink(std::string_view(buffer->data(), static_cast<std::size_t>(n)));
  }
}

}  // namespace preflight::lambda
