#include "emulator/process/child_process.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace preflight::core {

namespace asio = boost::asio;

namespace {

// Output lines longer than this are cut into pieces (CloudWatch's event limit is 256 KB).
constexpr std::size_t kMaxLine = 256 * 1024;

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const auto& s : strings) {
    out.push_back(const_cast<char*>(s.c_str()));
  }
  out.push_back(nullptr);
  return out;
}

// In the child, between fork and exec: async-signal-safe calls only.
[[noreturn]] void exec_child(const char* program, char* const* argv, char* const* envp,
                             const char* cwd, int output_fd, pid_t parent) {
  ::setpgid(0, 0);
  // The emulator's death (even kill -9) takes its runtimes with it.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) {
    ::_exit(127);
  }
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGCHLD, SIGHUP}) {
    ::signal(sig, SIG_DFL);
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(output_fd, 1) < 0 ||
      ::dup2(output_fd, 2) < 0) {
    ::_exit(127);
  }
  if (cwd[0] != '\0' && ::chdir(cwd) != 0) {
    ::_exit(127);
  }
  ::execve(program, argv, envp);
  ::_exit(127);
}

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

}  // namespace

struct ChildProcess::Impl {
  explicit Impl(const asio::any_io_executor& ex) : output(ex), exit_watch(ex), exited(ex) {
    exited.expires_at(asio::steady_timer::time_point::max());
  }
  asio::posix::stream_descriptor output;
  asio::posix::stream_descriptor exit_watch;  // a pidfd, readable once the process exits
  asio::steady_timer exited;                  // cancelled when it has: wakes wait()
};

ChildProcess::ChildProcess(const asio::any_io_executor& executor)
    : impl_(std::make_unique<Impl>(executor)) {}

ChildProcess::~ChildProcess() {
  kill();
}

std::shared_ptr<ChildProcess> ChildProcess::spawn(const asio::any_io_executor& executor,
                                                  const SpawnOptions& options,
                                                  LineHandler on_line) {
  if (options.argv.empty()) {
    throw std::invalid_argument("spawn: no program");
  }
  // Looked up before fork: the child may only call async-signal-safe functions.
  const auto found = find_program(options.argv[0]);
  if (!found) {
    errno = ENOENT;
    throw_errno(("cannot find " + options.argv[0] + " on PATH").c_str());
  }
  const std::string program = *found;
  const auto argv = c_strings(options.argv);
  const auto envp = c_strings(options.env);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw_errno("pipe2");
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int saved = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    errno = saved;
    throw_errno("fork");
  }
  if (pid == 0) {
    exec_child(program.c_str(), argv.data(), envp.data(), options.cwd.c_str(), fds[1], parent);
  }
  ::close(fds[1]);
  ::setpgid(pid, pid);  // also from the parent, so kill() never races the child's own call
  std::shared_ptr<ChildProcess> child(new ChildProcess(executor));
  child->pid_ = pid;
  child->on_line_ = std::move(on_line);
  ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  child->impl_->output.assign(fds[0]);
  child->start_watching();
  return child;
}

void ChildProcess::start_watching() {
  auto self = shared_from_this();
  asio::co_spawn(
      impl_->output.get_executor(),
      [self]() -> asio::awaitable<void> {
        char buffer[16 * 1024];
        for (;;) {
          auto [ec, n] = co_await self->impl_->output.async_read_some(
              asio::buffer(buffer), asio::as_tuple(asio::use_awaitable));
          if (ec) {
            break;
          }
          self->consume(buffer, n);
        }
        self->emit_rest();
      },
      asio::detached);

  asio::co_spawn(
      impl_->output.get_executor(),
      [self]() -> asio::awaitable<void> {
        const int pidfd = open_pidfd(self->pid_);
        int status = 0;
        if (pidfd >= 0) {
          self->impl_->exit_watch.assign(pidfd);
          co_await self->impl_->exit_watch.async_wait(asio::posix::stream_descriptor::wait_read,
                                                      asio::as_tuple(asio::use_awaitable));
          ::waitpid(self->pid_, &status, 0);
        } else {
          // No pidfd (old kernels): look every 20 ms.
          asio::steady_timer timer(self->impl_->output.get_executor());
          while (::waitpid(self->pid_, &status, WNOHANG) == 0) {
            timer.expires_after(std::chrono::milliseconds(20));
            co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
          }
        }
        self->reap(status);
      },
      asio::detached);
}

void ChildProcess::consume(const char* data, std::size_t n) {
  pending_.append(data, n);
  std::size_t start = 0;
  for (std::size_t nl; (nl = pending_.find('\n', start)) != std::string::npos;) {
    if (on_line_) {
      on_line_(std::string_view(pending_).substr(start, nl - start));
    }
    start = nl + 1;
  }
  pending_.erase(0, start);
  while (pending_.size() >= kMaxLine) {
    if (on_line_) {
      on_line_(std::string_view(pending_).substr(0, kMaxLine));
    }
    pending_.erase(0, kMaxLine);
  }
}

void ChildProcess::emit_rest() {
  if (!pending_.empty() && on_line_) {
    on_line_(pending_);
  }
  pending_.clear();
}

void ChildProcess::drain_output() {
  if (!impl_->output.is_open()) {
    return;
  }
  char buffer[16 * 1024];
  for (;;) {
    const ssize_t n = ::read(impl_->output.native_handle(), buffer, sizeof buffer);
    if (n <= 0) {
      break;  // EAGAIN: nothing more yet; 0: the reader coroutine will see the end
    }
    consume(buffer, static_cast<std::size_t>(n));
  }
}

void ChildProcess::reap(int status) {
  exited_ = true;
  status_ = status;
  boost::system::error_code ec;
  impl_->exit_watch.close(ec);
  impl_->exited.cancel();
}

asio::awaitable<int> ChildProcess::wait() {
  auto self = shared_from_this();
  while (!exited_) {
    co_await impl_->exited.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  co_return status_;
}

void ChildProcess::kill() {
  if (pid_ > 0 && !exited_) {
    ::kill(-pid_, SIGKILL);
  }
}

std::optional<std::string> find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    return ::access(name.c_str(), X_OK) == 0 ? std::optional<std::string>(name) : std::nullopt;
  }
  const char* path = std::getenv("PATH");
  const std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const auto end = std::min(dirs.find(':', start), dirs.size());
    std::string candidate = dirs.substr(start, end - start);
    candidate += (candidate.empty() ? "" : "/") + name;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::string describe_exit(int status) {
  if (WIFEXITED(status)) {
    return "exited with status " + std::to_string(WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) {
    return "killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
           ::strsignal(WTERMSIG(status)) + ")";
  }
  return "ended (wait status " + std::to_string(status) + ")";
}

}  // namespace preflight::core
