#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <string_view>

#include "emulator/common/json.h"

namespace preflight::core {

struct Environment;
class Registry;

// Who an in-process call acts for: the account and region whose resources it touches.
struct CallerScope {
  std::string account_id;
  std::string region;
};

// Services cooperate the way AWS's own do: by calling each other's public operations (Lambda's
// event source mappings receive from SQS and read DynamoDB streams; its logs go to CloudWatch
// Logs). The call runs the operation's handler in-process, with the same input and output JSON
// an SDK would exchange, and throws the operation's AwsError. Nothing is logged per call.
boost::asio::awaitable<Json> call_service(Environment& env, std::string_view service,
                                          std::string_view operation, const Json& input,
                                          const CallerScope& scope);

}  // namespace preflight::core
