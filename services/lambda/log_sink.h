#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/service/service_call.h"

namespace preflight::core {
struct Environment;
}

namespace preflight::lambda {

// One runtime instance's log stream in CloudWatch Logs (/aws/lambda/NAME), written through the
// Logs service's public operations. Lines are buffered and sent in one PutLogEvents per flush,
// off the invoke's answer path.
class LogSink : public std::enable_shared_from_this<LogSink> {
 public:
  LogSink(core::Environment& env, core::CallerScope scope, std::string group, std::string stream)
      : env_(env), scope_(std::move(scope)), group_(std::move(group)), stream_(std::move(stream)) {}

  const std::string& group() const { return group_; }
  const std::string& stream() const { return stream_; }

  void add(std::string_view message, std::int64_t timestamp_ms);
  // Sends what is buffered (in the background; failures are dropped: logs are best effort).
  void flush();

 private:
  boost::asio::awaitable<void> send(std::shared_ptr<LogSink> self);
  boost::asio::awaitable<void> create_stream();  // and the group, unless it exists

  struct Event {
    std::int64_t timestamp_ms;
    std::string message;
  };
  core::Environment& env_;
  core::CallerScope scope_;
  std::string group_;
  std::string stream_;
  std::vector<Event> buffer_;
  std::size_t buffered_bytes_ = 0;
  bool stream_created_ = false;
  bool flushing_ = false;
};

// "2026/12/06/[$LATEST]0123456789abcdef0123456789abcdef", as Lambda names instance streams.
std::string new_log_stream_name(std::string_view version);

}  // namespace preflight::lambda
