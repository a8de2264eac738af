#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/client/aws_client.h"

namespace preflight::harness {

struct EmulatorOptions {
  // The preflight binary; empty: $PREFLIGHT_BIN, else `preflight` on PATH.
  std::string binary;
  // More `serve` arguments, e.g. {"--data-dir", dir} or {"--fixtures", "seed.yaml"}.
  std::vector<std::string> args;
  std::string region = "us-east-1";
  std::chrono::milliseconds start_timeout{std::chrono::seconds(30)};
  // How long SIGTERM is given before SIGKILL.
  std::chrono::milliseconds stop_timeout{std::chrono::seconds(10)};
};

// A preflight emulator run as a child process for tests: `preflight serve --port 0 ARGS...` in
// a process group of its own, ready once it prints "preflight ready on http://HOST:PORT".
// Its log (stderr) goes to a temporary file, shown when it fails to start. The destructor
// stops it: SIGTERM, then SIGKILL to its process group after stop_timeout; only this PID.
class EmulatorProcess {
 public:
  explicit EmulatorProcess(EmulatorOptions options = {});
  virtual ~EmulatorProcess();
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  const std::string& endpoint() const { return endpoint_; }  // "http://127.0.0.1:PORT"
  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // An AWS client for it (credentials test:test, the options' region).
  AwsClient client() const;

  // POST /_preflight/reset: every service's state is emptied.
  void reset() const;
  // POST /_preflight/snapshot: the whole state as bytes (a SQLite database).
  std::string snapshot() const;
  // POST /_preflight/restore with a snapshot()'s bytes: the state becomes that snapshot's.
  void restore(const std::string& snapshot) const;
  // GET /_preflight/health as JSON.
  Json health() const;

  // What the emulator has logged so far.
  std::string logs() const;
  // Stops it now (the destructor does this too); returns its exit status (as waitpid gives it).
  int stop();

 private:
  void start();
  std::string internal_call(const std::string& method, const std::string& path,
                            std::string body = {}) const;

  EmulatorOptions options_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string log_path_;
  std::string endpoint_;
  std::uint16_t port_ = 0;
  int status_ = 0;
};

}  // namespace preflight::harness
