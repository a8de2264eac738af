#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>
#include <utility>

#include "services/lambda/code/zip_archive.h"
#include "services/lambda/code/zip_reader.h"

namespace preflight::lambda {
namespace {

namespace fs = std::filesystem;

constexpr mode_t kDirMode = 0755;
constexpr mode_t kFileMode = 0644;
constexpr mode_t kExecutableMode = 0755;

[[noreturn]] void throw_errno(const std::string& what, const fs::path& path) {
  throw fs::filesystem_error(what, path, std::error_code(errno, std::generic_category()));
}

// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int get() const { return fd_; }
  // Closes now, reporting the error a deferred write may only show here.
  void close(const fs::path& shown) {
    if (::close(std::exchange(fd_, -1)) != 0) {
      throw_errno("Could not write the code file", shown);
    }
  }

 private:
  int fd_ = -1;
};

// Opens `name` inside `parent` as a directory, creating it (0755) if missing. O_NOFOLLOW: a
// symbolic link in its place is an error, never followed.
Fd open_subdir(int parent, const std::string& name, const fs::path& shown) {
  const bool created = ::mkdirat(parent, name.c_str(), kDirMode) == 0;
  if (!created && errno != EEXIST) {
    throw_errno("Could not create the code directory", shown);
  }
  Fd dir(::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (dir.get() < 0) {
    throw_errno("Could not open the code directory", shown);
  }
  if (created && ::fchmod(dir.get(), kDirMode) != 0) {  // mkdirat's mode is filtered by umask
    throw_errno("Could not set the code directory's mode", shown);
  }
  return dir;
}

void write_all(int fd, std::string_view data, const fs::path& shown) {
  while (!data.empty()) {
    const auto n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      throw_errno("Could not write the code file", shown);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

// The directory the tree is written to: a hidden sibling of the target, removed with all it holds
// unless moved into place.
class StagingDir {
 public:
  explicit StagingDir(const fs::path& target) {
    auto pattern =
        (target.parent_path() / ("." + target.filename().string() + ".partial-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw_errno("Could not create a staging directory", pattern);
    }
    path_ = pattern;
    root_ = Fd(::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (root_.get() < 0) {
      const auto saved = errno;
      remove();
      errno = saved;
      throw_errno("Could not open a staging directory", path_);
    }
  }
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;
  ~StagingDir() { remove(); }

  int root() const { return root_.get(); }
  const fs::path& path() const { return path_; }

  // Renames the finished tree to `target`, failing if `target` exists by now.
  void commit(const fs::path& target) {
    if (::fchmod(root_.get(), kDirMode) != 0) {  // mkdtemp made it 0700
      throw_errno("Could not set the code directory's mode", path_);
    }
    root_ = Fd();
    int rc = ::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
      // A file system without RENAME_NOREPLACE: rename(2) still refuses a non-empty target.
      rc = ::rename(path_.c_str(), target.c_str());
    }
    if (rc != 0) {
      if (errno == ENOTEMPTY) {
        errno = EEXIST;
      }
      throw_errno("Could not move the code directory into place", target);
    }
    path_.clear();
  }

 private:
  void remove() noexcept {
    root_ = Fd();
    if (!path_.empty()) {
      std::error_code ignored;
      fs::remove_all(path_, ignored);  // removes links, never follows them
    }
  }

  fs::path path_;
  Fd root_;
};

}  // namespace

void extract_zip(std::string_view bytes, const fs::path& dir, const ZipLimits& limits) {
  ZipReader reader(bytes, limits);  // every entry checked before anything is written

  auto target = fs::absolute(dir).lexically_normal();
  if (!target.has_filename()) {
    target = target.parent_path();  // "/cache/abc/" names "/cache/abc"
  }
  std::error_code ec;
  const auto status = fs::symlink_status(target, ec);
  if (ec && status.type() != fs::file_type::not_found) {
    throw fs::filesystem_error("Could not check the code directory", target, ec);
  }
  if (status.type() != fs::file_type::not_found) {
    throw fs::filesystem_error("The code directory already exists", target,
                               std::make_error_code(std::errc::file_exists));
  }
  fs::create_directories(target.parent_path());

  StagingDir staging(target);
  std::uint64_t written = 0;
  for (const auto& entry : reader.entries()) {
    const auto shown = staging.path() / entry.name;
    const auto dir_depth = entry.components.size() - (entry.is_dir ? 0 : 1);
    Fd parent;
    for (std::size_t i = 0; i < dir_depth; ++i) {
      parent = open_subdir(i == 0 ? staging.root() : parent.get(), entry.components[i], shown);
    }
    if (entry.is_dir) {
      continue;
    }
    const auto mode = entry.executable ? kExecutableMode : kFileMode;
    Fd file(::openat(dir_depth == 0 ? staging.root() : parent.get(),
                     entry.components.back().c_str(),
                     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
    if (file.get() < 0 || ::fchmod(file.get(), mode) != 0) {  // the umask filters openat's mode
      throw_errno("Could not create the code file", shown);
    }
    reader.read(entry, [&](std::string_view chunk) {
      if (chunk.size() > limits.max_unzipped_bytes - written) {
        throw_unzipped_too_large(limits);
      }
      written += chunk.size();
      write_all(file.get(), chunk, shown);
    });
    file.close(shown);
  }
  staging.commit(target);
}

}  // namespace preflight::lambda
