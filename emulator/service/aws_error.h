#pragma once

#include <exception>
#include <string>

#include "emulator/common/json.h"

namespace preflight::core {

// The one error type. Handlers throw it; the dispatcher alone catches it and the protocol codec
// turns it into exactly what AWS sends (status, __type / x-amzn-ErrorType, or XML ErrorResponse).
struct AwsError : std::exception {
  std::string code;     // "ResourceNotFoundException"
  std::string message;  // human-readable; never contains secrets
  int status = 400;
  bool sender_fault = true;  // query protocol <Type>Sender</Type> vs Receiver
  // Extra members of the JSON error body, e.g. DynamoDB's CancellationReasons or Item.
  Json details = Json::object();
  // Services that speak both JSON and query (SQS) have an older query-protocol code for some
  // errors ("AWS.SimpleQueueService.NonExistentQueue"): the XML <Code>, and over JSON the
  // x-amzn-query-error header that query-compatible SDKs read.
  std::string query_code;

  AwsError(std::string code_, std::string message_, int status_ = 400, bool sender_fault_ = true)
      : code(std::move(code_)),
        message(std::move(message_)),
        status(status_),
        sender_fault(sender_fault_) {}
  const char* what() const noexcept override { return message.c_str(); }
};

// Errors that belong to no service in particular: framing, routing and the protocols themselves.
namespace errors {
AwsError serialization(std::string message);  // malformed JSON body
AwsError malformed_query_string(std::string message);
AwsError missing_action();
AwsError invalid_action(std::string_view action);
AwsError unknown_operation(std::string_view what);
AwsError not_implemented_service(std::string_view service);
AwsError request_entity_too_large(std::size_t limit);
AwsError internal_failure();
AwsError missing_parameter(std::string_view member);
AwsError validation(std::string message);  // "ValidationException"
}  // namespace errors

}  // namespace preflight::core
