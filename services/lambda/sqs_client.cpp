#include "services/lambda/sqs_client.h"

#include "emulator/common/strings.h"
#include "emulator/service/aws_error.h"

namespace preflight::lambda::sqs_client {

std::optional<QueueArn> parse_queue_arn(std::string_view arn) {
  const auto parts = split(arn, ':');
  if (parts.size() != 6 || parts[0] != "arn" || parts[2] != "sqs" || parts[5].empty()) {
    return std::nullopt;
  }
  return QueueArn{std::string(parts[3]), std::string(parts[4]), std::string(parts[5])};
}

boost::asio::awaitable<std::string> queue_url(core::Environment& env, const QueueArn& queue) {
  // Requests are built before they are awaited: GCC 12 mishandles braced initializers inside
  // co_await expressions.
  const Json request{{"QueueName", queue.name}, {"QueueOwnerAWSAccountId", queue.account_id}};
  const core::CallerScope scope{queue.account_id, queue.region};
  const Json out = co_await core::call_service(env, "sqs", "GetQueueUrl", request, scope);
  co_return out.value("QueueUrl", "");
}

boost::asio::awaitable<void> send(core::Environment& env, std::string_view queue_arn,
                                  std::string body, Json message_attributes) {
  const auto queue = parse_queue_arn(queue_arn);
  if (!queue) {
    throw core::AwsError("InvalidParameterValueException",
                         "Not an SQS queue ARN: " + std::string(queue_arn));
  }
  const std::string url = co_await queue_url(env, *queue);
  Json input = Json::object();
  input["QueueUrl"] = url;
  input["MessageBody"] = std::move(body);
  if (!message_attributes.empty()) {
    input["MessageAttributes"] = std::move(message_attributes);
  }
  const core::CallerScope scope{queue->account_id, queue->region};
  co_await core::call_service(env, "sqs", "SendMessage", input, scope);
}

}  // namespace preflight::lambda::sqs_client
