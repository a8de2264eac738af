#include "services/lambda/instance.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>

#include <sys/wait.h>

#include <cstring>

#include "emulator/common/ids.h"
#include "emulator/common/log.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/protocol/json_body.h"

namespace preflight::lambda {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view kApiPrefix = "/2018-06-01/runtime/";
// An invocation's log lines kept for LogType=Tail, which returns the last 4 KB.
constexpr std::size_t kTailKept = 64 * 1024;
// How long a new instance may take to initialise (AWS allows 10 s).
constexpr auto kInitLimit = std::chrono::seconds(10);
// Lambda's limit on a synchronous response.
constexpr std::size_t kMaxResponse = 6 * 1024 * 1024 + 100;

HttpResponse accepted() {
  HttpResponse res;
  res.status = 202;
  res.headers.add("Content-Type", "application/json");
  res.body = R"({"status":"OK"})";
  return res;
}

HttpResponse runtime_error(int status, std::string_view type, std::string_view message) {
  HttpResponse res;
  res.status = status;
  res.headers.add("Content-Type", "application/json");
  res.body = core::dump_json(Json{{"errorType", type}, {"errorMessage", message}});
  return res;
}

std::string error_type_of(std::string_view document, std::string_view fallback) {
  const Json doc = Json::parse(document, nullptr, false);
  if (doc.is_object() && doc.contains("errorType") && doc["errorType"].is_string()) {
    return doc["errorType"].get<std::string>();
  }
  return std::string(fallback);
}

std::string trace_id() {
  char root[64];
  std::snprintf(root, sizeof root, "Root=1-%08llx-", static_cast<unsigned long long>(unix_now()));
  std::string id = new_uuid();
  std::erase(id, '-');
  return std::string(root) + id.substr(0, 24) + ";Sampled=0";
}

std::int64_t max_memory_mb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) {
      return std::stoll(line.substr(6)) / 1024;
    }
  }
  return 0;
}

std::string two_decimals(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

}  // namespace

Instance::Instance(const asio::any_io_executor& executor, InstanceSpec spec,
                   std::shared_ptr<LogSink> logs)
    : executor_(executor),
      spec_(std::move(spec)),
      logs_(std::move(logs)),
      next_ready_(executor),
      done_(executor) {}

Instance::~Instance() {
  if (process_) {
    process_->detach_output();
    process_->kill();
  }
}

void Instance::start() {
  core::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.idle_timeout = std::chrono::seconds(3600);
  server_ = std::make_unique<core::HttpServer>(executor_, *this, options);
  const auto port = server_->listen();
  server_->start();
  auto spawn = spec_.spawn;
  spawn.env.push_back("AWS_LAMBDA_RUNTIME_API=127.0.0.1:" + std::to_string(port));
  spawned_ = Clock::now();
  std::weak_ptr<Instance> weak = weak_from_this();
  process_ = core::ChildProcess::spawn(executor_, spawn, [weak](std::string_view line) {
    if (auto self = weak.lock()) {
      self->on_output(line);
    }
  });
  asio::co_spawn(
      executor_,
      [self = shared_from_this()]() -> asio::awaitable<void> {
        const int status = co_await self->process_->wait();
        self->process_exited(status);
      },
      asio::detached);
}

asio::awaitable<InvokeOutcome> Instance::invoke(Invocation invocation) {
  auto self = shared_from_this();
  last_used_ = Clock::now();
  current_ = std::make_shared<Invocation>(std::move(invocation));
  auto inv = current_;
  tail_.clear();
  log("START RequestId: " + inv->request_id + " Version: " + spec_.version);
  next_ready_.cancel();
  // A new instance first initialises (its runtime starts and imports the handler) under its own
  // limit, as on AWS: init time is reported as Init Duration and does not count against the
  // function's timeout.
  if (init_ms_ < 0) {
    done_.expires_after(kInitLimit);
    while (init_ms_ < 0 && alive_ && init_error_.empty() && !inv->done) {
      auto [ec] = co_await done_.async_wait(asio::as_tuple(asio::use_awaitable));
      if (!ec) {
        break;
      }
    }
  }
  const auto started = Clock::now();
  done_.expires_at(started + std::chrono::seconds(spec_.timeout_s));
  bool timed_out = false;
  while (!inv->done && alive_) {
    auto [ec] = co_await done_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (!ec && !inv->done && alive_) {
      timed_out = true;
      break;
    }
  }
  const double duration_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  if (process_) {
    // What the handler printed before answering is its output: first let an output read that
    // already completed deliver its lines (yield once), then read what is still in the pipe.
    co_await asio::post(executor_, asio::use_awaitable);
    process_->drain_output();
  }

  InvokeOutcome out;
  if (inv->done) {
    out.payload = std::move(inv->response);
    if (!inv->error_type.empty()) {
      out.function_error = "Unhandled";
      out.error_type = inv->error_type;
    }
  } else if (timed_out) {
    const std::string message = iso8601_ms(unix_now_ms()) + " " + inv->request_id +
                                " Task timed out after " +
                                two_decimals(static_cast<double>(spec_.timeout_s)) + " seconds";
    log(message);
    out.payload = core::dump_json(Json{{"errorMessage", message}});
    out.function_error = "Unhandled";
    out.error_type = "Sandbox.Timedout";
    retire();
  } else if (!init_error_.empty()) {
    out.payload = init_error_;
    out.function_error = "Unhandled";
    out.error_type = init_error_type_;
  } else {
    const std::string how = WIFSIGNALED(exit_status_)
                                ? "signal: " + std::string(::strsignal(WTERMSIG(exit_status_)))
                                : "exit status " + std::to_string(WEXITSTATUS(exit_status_));
    const std::string message =
        "RequestId: " + inv->request_id + " Error: Runtime exited with error: " + to_lower(how);
    log(message);
    out.payload =
        core::dump_json(Json{{"errorType", "Runtime.ExitError"}, {"errorMessage", message}});
    out.function_error = "Unhandled";
    out.error_type = "Runtime.ExitError";
  }
  log("END RequestId: " + inv->request_id);
  log(report_line(*inv, duration_ms));
  out.log_tail = std::move(tail_);
  tail_.clear();
  current_.reset();
  last_used_ = Clock::now();
  logs_->flush();
  co_return out;
}

std::string Instance::report_line(const Invocation& inv, double duration_ms) const {
  std::string line =
      "REPORT RequestId: " + inv.request_id + "\tDuration: " + two_decimals(duration_ms) +
      " ms\tBilled Duration: " + std::to_string(static_cast<std::int64_t>(std::ceil(duration_ms))) +
      " ms\tMemory Size: " + std::to_string(spec_.memory_mb) +
      " MB\tMax Memory Used: " + std::to_string(process_ ? max_memory_mb(process_->pid()) : 0) +
      " MB";
  if (!init_reported_ && init_ms_ >= 0) {
    line += "\tInit Duration: " + two_decimals(init_ms_) + " ms";
    const_cast<Instance*>(this)->init_reported_ = true;
  }
  return line;
}

void Instance::retire() {
  if (retired_) {
    return;
  }
  retired_ = true;
  alive_ = false;
  if (process_) {
    process_->kill();
  }
  next_ready_.cancel();
  done_.cancel();
  if (server_) {
    server_->shutdown();
  }
  // Keeps the endpoint (and so this object) until its connections and the process are gone.
  asio::co_spawn(
      executor_,
      [self = shared_from_this()]() -> asio::awaitable<void> {
        asio::steady_timer timer(self->executor_);
        const auto give_up = Clock::now() + std::chrono::seconds(10);
        while (Clock::now() < give_up &&
               ((self->server_ && self->server_->open_connections() > 0) ||
                (self->process_ && self->process_->running()))) {
          timer.expires_after(std::chrono::milliseconds(10));
          co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        self->logs_->flush();
      },
      asio::detached);
}

void Instance::process_exited(int status) {
  exit_status_ = status;
  alive_ = false;
  if (process_) {
    process_->drain_output();
  }
  done_.cancel();
  next_ready_.cancel();
  retire();
}

void Instance::on_output(std::string_view line) {
  log(line);
}

void Instance::log(std::string_view line) {
  logs_->add(line, unix_now_ms());
  if (current_) {
    tail_.append(line).push_back('\n');
    if (tail_.size() > kTailKept) {  // only the end is ever returned (LogType=Tail: 4 KB)
      tail_.erase(0, tail_.size() - kTailKept / 2);
    }
  }
}

std::size_t Instance::body_limit(const HttpRequest&) {
  return 16 * 1024 * 1024;
}

HttpResponse Instance::too_large(const HttpRequest&, std::size_t) {
  return runtime_error(413, "RequestEntityTooLarge", "The payload is too large.");
}

asio::awaitable<HttpResponse> Instance::handle(HttpRequest request) {
  auto self = shared_from_this();
  std::string_view path = request.path;
  if (!path.starts_with(kApiPrefix)) {
    co_return runtime_error(404, "NotFound", "Not found");
  }
  path.remove_prefix(kApiPrefix.size());
  if (request.method == "GET" && path == "invocation/next") {
    co_return co_await next_invocation();
  }
  if (request.method == "POST" && path == "init/error") {
    init_error_ = request.body.empty() ? "{}" : request.body;
    init_error_type_ = std::string(request.headers.get_or("Lambda-Runtime-Function-Error-Type"));
    if (init_error_type_.empty()) {
      init_error_type_ = error_type_of(init_error_, "Runtime.Unknown");
    }
    log("INIT_REPORT Init Duration: " +
        two_decimals(std::chrono::duration<double, std::milli>(Clock::now() - spawned_).count()) +
        " ms\tPhase: init\tStatus: error\tError Type: " + init_error_type_);
    done_.cancel();
    co_return accepted();
  }
  if (request.method == "POST" && path.starts_with("invocation/")) {
    path.remove_prefix(std::string_view("invocation/").size());
    const auto slash = path.find('/');
    if (slash != std::string_view::npos) {
      const auto id = path.substr(0, slash);
      const auto what = path.substr(slash + 1);
      if (what == "response") {
        co_return complete(id, std::move(request.body), "");
      }
      if (what == "error") {
        std::string type(request.headers.get_or("Lambda-Runtime-Function-Error-Type"));
        type = error_type_of(request.body, type.empty() ? "Unhandled" : type);
        co_return complete(id, request.body.empty() ? "{}" : std::move(request.body), type);
      }
    }
  }
  co_return runtime_error(404, "NotFound", "Not found");
}

asio::awaitable<HttpResponse> Instance::next_invocation() {
  if (init_ms_ < 0) {
    init_ms_ = std::chrono::duration<double, std::milli>(Clock::now() - spawned_).count();
    done_.cancel();  // the invocation waiting for init starts its clock now
  }
  while (alive_ && (!current_ || current_->delivered || current_->done)) {
    next_ready_.expires_at(asio::steady_timer::time_point::max());
    co_await next_ready_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  if (!alive_) {
    co_return runtime_error(500, "InstanceRetired", "This runtime instance has been retired.");
  }
  auto& inv = *current_;
  inv.delivered = true;
  HttpResponse res;
  res.headers.add("Content-Type", "application/json");
  res.headers.add("Lambda-Runtime-Aws-Request-Id", inv.request_id);
  // The clock starts at delivery (init is not part of the invocation).
  inv.deadline_ms = unix_now_ms() + static_cast<std::int64_t>(spec_.timeout_s) * 1000;
  res.headers.add("Lambda-Runtime-Deadline-Ms", std::to_string(inv.deadline_ms));
  res.headers.add("Lambda-Runtime-Invoked-Function-Arn", inv.invoked_arn);
  res.headers.add("Lambda-Runtime-Trace-Id", trace_id());
  if (!inv.client_context.empty()) {
    res.headers.add("Lambda-Runtime-Client-Context", inv.client_context);
  }
  res.body = inv.payload;
  co_return res;
}

HttpResponse Instance::complete(std::string_view id, std::string body, std::string error_type) {
  if (!current_ || current_->request_id != id || !current_->delivered || current_->done) {
    return runtime_error(400, "InvalidRequestID", "Invalid request ID");
  }
  auto& inv = *current_;
  if (body.size() > kMaxResponse) {
    inv.response = core::dump_json(
        Json{{"errorMessage",
              "Response payload size exceeded maximum allowed payload size (6291556 "
              "bytes)."},
             {"errorType", "Function.ResponseSizeTooLarge"}});
    inv.error_type = "Function.ResponseSizeTooLarge";
    inv.done = true;
    done_.cancel();
    return runtime_error(413, "RequestEntityTooLarge", "Response payload too large");
  }
  inv.response = std::move(body);
  inv.error_type = std::move(error_type);
  inv.done = true;
  done_.cancel();
  return accepted();
}

}  // namespace preflight::lambda
