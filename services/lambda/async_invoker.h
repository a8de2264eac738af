#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <string>

#include "services/lambda/store.h"

namespace preflight::lambda {

class Backend;

// InvocationType=Event: the event is stored (so an acknowledged 202 survives a restart under
// --data-dir), run in the background, retried after a failure (twice by default, or the
// function's MaximumRetryAttempts), then sent to the OnFailure destination or dead-letter queue.
// Retries wait lambda.async-retry-seconds (60 by default, as on AWS), then twice that.
class AsyncInvoker {
 public:
  explicit AsyncInvoker(Backend& b);

  void enqueue(std::string qualified_arn, std::string account_id, std::string region,
               std::string payload);
  void resume();  // runs what the store still holds (at startup)
  void forget_all();

 private:
  boost::asio::awaitable<void> process(AsyncEvent event, std::uint64_t generation);
  boost::asio::awaitable<void> deliver(const AsyncEvent& event, const Json& invoke_config,
                                       bool success, const std::string& executed_version,
                                       const std::string& response, const std::string& error,
                                       std::string_view error_type);

  Backend& b_;
  std::int64_t retry_ms_;
  std::uint64_t generation_ = 0;  // bumped by a reset: older coroutines stop
};

}  // namespace preflight::lambda
