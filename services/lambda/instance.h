#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "emulator/http/server.h"
#include "emulator/process/child_process.h"
#include "services/lambda/log_sink.h"
#include "services/lambda/runtime_api.h"

namespace preflight::lambda {

// What a runtime instance runs: one version of one function, with its configuration.
struct InstanceSpec {
  std::string function_key;  // account/region/name: concurrency is counted per function
  std::string pool_key;      // function_key + version + revision: warm instances are reused by it
  std::string version;       // "$LATEST", "3"
  std::int64_t memory_mb = 128;
  std::int64_t timeout_s = 3;
  core::SpawnOptions spawn;  // without AWS_LAMBDA_RUNTIME_API, which start() adds
};

// One runtime process and the Runtime API endpoint it alone talks to
// (AWS_LAMBDA_RUNTIME_API=127.0.0.1:PORT). It runs one invocation at a time: invoke() hands the
// event to the runtime's pending /runtime/invocation/next and suspends until the runtime posts
// the answer, the process dies, or the timeout passes (then the process is killed).
class Instance final : public core::RequestHandler, public std::enable_shared_from_this<Instance> {
 public:
  Instance(const boost::asio::any_io_executor& executor, InstanceSpec spec,
           std::shared_ptr<LogSink> logs);
  ~Instance() override;

  // Opens the endpoint and starts the process. Throws std::system_error when it cannot.
  void start();
  boost::asio::awaitable<InvokeOutcome> invoke(Invocation invocation);
  // Kills the process and closes the endpoint; the object lives until both are done.
  void retire();

  bool alive() const { return alive_; }
  // Its function changed while it ran: retire it instead of keeping it warm.
  void mark_stale() { stale_ = true; }
  bool stale() const { return stale_; }
  const InstanceSpec& spec() const { return spec_; }
  std::chrono::steady_clock::time_point last_used() const { return last_used_; }

  // Runtime API
  std::size_t body_limit(const HttpRequest& head) override;
  HttpResponse too_large(const HttpRequest& head, std::size_t limit) override;
  boost::asio::awaitable<HttpResponse> handle(HttpRequest request) override;

 private:
  boost::asio::awaitable<HttpResponse> next_invocation();
  HttpResponse complete(std::string_view id, std::string body, std::string error_type);
  void on_output(std::string_view line);
  void log(std::string_view line);
  void process_exited(int status);
  std::string report_line(const Invocation& inv, double duration_ms) const;

  boost::asio::any_io_executor executor_;
  InstanceSpec spec_;
  std::shared_ptr<LogSink> logs_;
  std::unique_ptr<core::HttpServer> server_;
  std::shared_ptr<core::ChildProcess> process_;
  boost::asio::steady_timer next_ready_;  // wakes a pending /next when an invocation arrives
  boost::asio::steady_timer done_;        // wakes invoke() when its invocation ends
  std::shared_ptr<Invocation> current_;
  std::string tail_;  // the current invocation's log lines
  bool alive_ = true;
  bool retired_ = false;
  bool stale_ = false;
  int exit_status_ = 0;
  std::string init_error_;       // the runtime's /init/error document
  std::string init_error_type_;  // its errorType
  std::chrono::steady_clock::time_point spawned_;
  double init_ms_ = -1;  // set by the first /next; reported once, on the first REPORT
  bool init_reported_ = false;
  std::chrono::steady_clock::time_point last_used_ = std::chrono::steady_clock::now();
};

}  // namespace preflight::lambda
