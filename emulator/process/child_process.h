#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <sys/types.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::core {

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no '/'
  std::vector<std::string> env;   // "NAME=value"; the child gets exactly these
  std::string cwd;
};

// A child process supervised from the event loop: its stdout and stderr (one pipe, in the order
// written) arrive line by line, its exit is awaited without blocking, and kill() ends it and any
// process it started (it leads its own process group). Never blocks the loop.
class ChildProcess : public std::enable_shared_from_this<ChildProcess> {
 public:
  using LineHandler = std::function<void(std::string_view line)>;

  // Starts the process; output lines go to on_line (called on the event loop, never after the
  // process object is gone). Throws std::system_error when it cannot be started.
  static std::shared_ptr<ChildProcess> spawn(const boost::asio::any_io_executor& executor,
                                             const SpawnOptions& options, LineHandler on_line);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running() const { return !exited_; }
  // Completes when the process has exited (at once if it already has); its wait status.
  boost::asio::awaitable<int> wait();
  // SIGKILL to the process group. Safe to call more than once, and after exit.
  void kill();
  // Stops calling the line handler (its owner is going away).
  void detach_output() { on_line_ = nullptr; }
  // Delivers at once whatever output the process has written so far (the pipe is read without
  // waiting): what a runtime printed before it answered belongs to that invocation.
  void drain_output();

 private:
  struct Impl;
  explicit ChildProcess(const boost::asio::any_io_executor& executor);
  void start_watching();
  void reap(int status);
  void consume(const char* data, std::size_t n);
  void emit_rest();

  std::unique_ptr<Impl> impl_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = 0;
  LineHandler on_line_;
  std::string pending_;  // output after the last complete line
};

// The executable `name` names: itself when it has a '/', else the first match on PATH.
std::optional<std::string> find_program(const std::string& name);

// "exited with status 1", "killed by signal 9 (Killed)": for logs and error messages.
std::string describe_exit(int wait_status);

}  // namespace preflight::core
