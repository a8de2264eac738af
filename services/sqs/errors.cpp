#include "services/sqs/errors.h"

namespace preflight::sqs::errors {
namespace {

core::AwsError make(std::string code, std::string query_code, std::string message,
                    int status = 400) {
  core::AwsError e(std::move(code), std::move(message), status);
  e.query_code = std::move(query_code);
  return e;
}

}  // namespace

core::AwsError queue_does_not_exist() {
  return make("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
              "The specified queue does not exist.");
}

core::AwsError queue_already_exists(std::string_view name) {
  return make("QueueNameExists", "QueueAlreadyExists",
              "A queue already exists with the same name and a different value for attribute(s) " +
                  std::string(name));
}

core::AwsError invalid_parameter(std::string message) {
  return make("InvalidParameterValue", "InvalidParameterValue", std::move(message));
}

core::AwsError missing_parameter(std::string_view name) {
  return make("MissingParameter", "MissingParameter",
              "The request must contain the parameter " + std::string(name) + ".");
}

core::AwsError invalid_attribute_name(std::string_view name) {
  return make("InvalidAttributeName", "InvalidAttributeName",
              "Unknown Attribute " + std::string(name) + ".");
}

core::AwsError invalid_attribute_value(std::string_view name, std::string_view reason) {
  std::string message = "Invalid value for the parameter " + std::string(name) + ".";
  if (!reason.empty()) {
    message += " Reason: " + std::string(reason);
  }
  return make("InvalidAttributeValue", "InvalidAttributeValue", std::move(message));
}

core::AwsError receipt_handle_invalid(std::string_view handle) {
  return make("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid",
              "The input receipt handle \"" + std::string(handle.substr(0, 200)) +
                  "\" is not a valid receipt handle.");
}

core::AwsError message_not_inflight() {
  return make("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight",
              "The message referred to isn't in flight.");
}

core::AwsError too_many_entries(std::size_t count) {
  return make(
      "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
      "Maximum number of entries per request are 10. You have sent " + std::to_string(count) + ".");
}

core::AwsError empty_batch(std::string_view entry_type) {
  return make("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest",
              "There should be at least one " + std::string(entry_type) + " in the request.");
}

core::AwsError batch_ids_not_distinct(std::string_view id) {
  return make("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
              "Id " + std::string(id) + " repeated.");
}

core::AwsError invalid_batch_entry_id(std::string_view id) {
  return make("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId",
              "A batch entry id can only contain alphanumeric characters, hyphens and "
              "underscores. It can be at most 80 letters long. Invalid id: " +
                  std::string(id.substr(0, 100)));
}

core::AwsError batch_request_too_long(std::size_t size, std::size_t limit) {
  return make("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong",
              "Batch requests cannot be longer than " + std::to_string(limit) +
                  " bytes. You have sent " + std::to_string(size) + " bytes.");
}

core::AwsError invalid_message_contents(std::string message) {
  return make("InvalidMessageContents", "InvalidMessageContents", std::move(message));
}

core::AwsError purge_in_progress(std::string_view url) {
  return make(
      "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress",
      "Only one PurgeQueue operation on " + std::string(url) + " is allowed every 60 seconds.",
      403);
}

core::AwsError resource_not_found(std::string message) {
  return make("ResourceNotFoundException", "ResourceNotFoundException", std::move(message));
}

core::AwsError unsupported_operation(std::string message) {
  return make("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation",
              std::move(message));
}

}  // namespace preflight::sqs::errors
