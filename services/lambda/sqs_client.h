#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/json.h"
#include "emulator/service/service_call.h"

namespace preflight::core {
struct Environment;
}

// The few SQS calls Lambda makes (destinations, dead-letter queues, event source mappings),
// through SQS's public operations.
namespace preflight::lambda::sqs_client {

struct QueueArn {
  std::string region;
  std::string account_id;
  std::string name;
};
std::optional<QueueArn> parse_queue_arn(std::string_view arn);

// The queue's URL; throws the SQS error (QueueDoesNotExist) when it is gone.
boost::asio::awaitable<std::string> queue_url(core::Environment& env, const QueueArn& queue);
boost::asio::awaitable<void> send(core::Environment& env, std::string_view queue_arn,
                                  std::string body, Json message_attributes = Json::object());

}  // namespace preflight::lambda::sqs_client
