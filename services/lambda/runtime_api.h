#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace preflight::lambda {

// One invocation as its runtime instance sees it, and what came back.
struct Invocation {
  std::string request_id;
  std::string payload;
  std::string invoked_arn;
  std::string client_context;  // JSON, as Lambda-Runtime-Client-Context carries it
  std::int64_t deadline_ms = 0;
  bool delivered = false;  // handed out by /runtime/invocation/next

  bool done = false;
  std::string response;    // the handler's answer, or the error document
  std::string error_type;  // empty on success
};

// How an invocation ended, as Invoke reports it.
struct InvokeOutcome {
  std::string payload;
  std::string function_error;  // "Unhandled" when the function failed, else empty
  std::string error_type;      // the error document's errorType, for destinations and logs
  std::string log_tail;        // this invocation's log lines (LogType=Tail keeps the last 4 KB)
};

}  // namespace preflight::lambda
