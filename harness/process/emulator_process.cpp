#include "harness/process/emulator_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "emulator/common/http_client.h"

extern char** environ;

namespace preflight::harness {

namespace {

constexpr std::string_view kReadyPrefix = "preflight ready on ";
constexpr auto kInternalTimeout = std::chrono::seconds(60);

std::string errno_text(int error) {
  return std::strerror(error);
}

// The child's stdin is /dev/null, stdout `out_fd`, stderr `log_fd`; its signals are back to their
// defaults and it leads a process group of its own.
pid_t spawn(const std::string& binary, const std::vector<std::string>& args, int out_fd,
            int log_fd) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, log_fd, 2);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2}) {
    sigaddset(&defaults, sig);
  }
  posix_spawnattr_setsigdefault(&attributes, &defaults);

  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, binary.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) {
    throw std::runtime_error("cannot start " + binary + ": " + errno_text(rc));
  }
  return pid;
}

}  // namespace

EmulatorProcess::EmulatorProcess(EmulatorOptions options) : options_(std::move(options)) {
  if (options_.binary.empty()) {
    const char* bin = std::getenv("PREFLIGHT_BIN");
    options_.binary = bin && *bin ? bin : "preflight";
  }
  try {
    start();
  } catch (...) {
    stop();
    if (!log_path_.empty()) {
      ::unlink(log_path_.c_str());
    }
    throw;
  }
}

EmulatorProcess::~EmulatorProcess() {
  stop();
  if (!log_path_.empty()) {
    ::unlink(log_path_.c_str());
  }
}

void EmulatorProcess::start() {
  std::string log_template = "/tmp/preflight-emulator-XXXXXX.log";
  const int log_fd = ::mkostemps(log_template.data(), 4, O_CLOEXEC);
  if (log_fd < 0) {
    throw std::runtime_error("cannot create the emulator's log file: " + errno_text(errno));
  }
  log_path_ = log_template;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    const int error = errno;
    ::close(log_fd);
    throw std::runtime_error("cannot create a pipe: " + errno_text(error));
  }
  stdout_fd_ = fds[0];
  std::vector<std::string> args = {"serve", "--port", "0"};
  args.insert(args.end(), options_.args.begin(), options_.args.end());
  try {
    pid_ = spawn(options_.binary, args, fds[1], log_fd);
  } catch (...) {
    ::close(fds[1]);
    ::close(log_fd);
    throw;
  }
  ::close(fds[1]);
  ::close(log_fd);

  // The first line on stdout says where it listens.
  const auto deadline = std::chrono::steady_clock::now() + options_.start_timeout;
  std::string line;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd pfd{stdout_fd_, POLLIN, 0};
    const int ready = left.count() > 0 ? ::poll(&pfd, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    if (ready <= 0) {
      throw std::runtime_error(options_.binary + " did not say it was ready within " +
                               std::to_string(options_.start_timeout.count()) + " ms\n" + logs());
    }
    char buffer[512];
    const ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      throw std::runtime_error(options_.binary + " exited before it was ready\n" + logs());
    }
    line.append(buffer, static_cast<std::size_t>(n));
  }
  line.erase(line.find('\n'));
  if (!line.starts_with(kReadyPrefix)) {
    throw std::runtime_error(options_.binary + " said '" + line + "', not that it was ready\n" +
                             logs());
  }
  endpoint_ = line.substr(kReadyPrefix.size());
  if (const auto any = endpoint_.find("://0.0.0.0:"); any != std::string::npos) {
    endpoint_.replace(any + 3, 7, "127.0.0.1");
  }
  port_ = static_cast<std::uint16_t>(std::stoi(endpoint_.substr(endpoint_.rfind(':') + 1)));
}

int EmulatorProcess::stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + options_.stop_timeout;
    int status = 0;
    pid_t done = 0;
    while ((done = ::waitpid(pid_, &status, WNOHANG)) == 0 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (done == 0) {
      // Still running (so its process group is still its own): stop it and its children.
      ::kill(-pid_, SIGKILL);
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
    status_ = status;
    pid_ = -1;
  }
  if (stdout_fd_ >= 0) {
    ::close(stdout_fd_);
    stdout_fd_ = -1;
  }
  return status_;
}

std::string EmulatorProcess::logs() const {
  std::ifstream in(log_path_, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

AwsClient EmulatorProcess::client() const {
  harness::Target target;
  target.endpoint = endpoint_;
  target.region = options_.region;
  return AwsClient(std::move(target));
}

std::string EmulatorProcess::internal_call(const std::string& method, const std::string& path,
                                           std::string body) const {
  auto url = parse_http_url(endpoint_ + path);
  if (!url) {
    throw std::runtime_error("not an http URL: " + endpoint_);
  }
  HttpRequest request;
  request.method = method;
  request.set_target(url->target);
  const bool ipv6 = url->host.find(':') != std::string::npos;
  request.headers.add("Host", (ipv6 ? "[" + url->host + "]" : url->host) + ":" + url->port);
  if (!body.empty()) {
    request.headers.add("Content-Type", "application/octet-stream");
  }
  request.body = std::move(body);
  HttpResponse response = http_call_blocking(*url, request, kInternalTimeout, 1UL << 30);
  if (response.status != 200) {
    throw std::runtime_error(method + " " + path + ": HTTP " + std::to_string(response.status) +
                             ": " + response.body);
  }
  return std::move(response.body);
}

void EmulatorProcess::reset() const {
  internal_call("POST", "/_preflight/reset");
}

std::string EmulatorProcess::snapshot() const {
  return internal_call("POST", "/_preflight/snapshot");
}

void EmulatorProcess::restore(const std::string& snapshot) const {
  if (snapshot.empty()) {
    throw std::invalid_argument("restore: the snapshot is empty");
  }
  internal_call("POST", "/_preflight/restore", snapshot);
}

Json EmulatorProcess::health() const {
  return Json::parse(internal_call("GET", "/_preflight/health"));
}

}  // namespace preflight::harness
