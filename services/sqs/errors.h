#pragma once

#include <string>
#include <string_view>

#include "emulator/service/aws_error.h"

// SQS errors. Each carries its query-protocol code too (AWS.SimpleQueueService.* for the older
// ones): the XML <Code> for query clients, and the x-amzn-query-error header for JSON clients,
// whose SDKs report that code.
namespace preflight::sqs::errors {

core::AwsError queue_does_not_exist();
core::AwsError queue_already_exists(std::string_view name);
core::AwsError invalid_parameter(std::string message);  // InvalidParameterValue
core::AwsError missing_parameter(std::string_view name);
core::AwsError invalid_attribute_name(std::string_view name);
core::AwsError invalid_attribute_value(std::string_view name, std::string_view reason = {});
core::AwsError receipt_handle_invalid(std::string_view handle);
core::AwsError message_not_inflight();
core::AwsError too_many_entries(std::size_t count);
core::AwsError empty_batch(std::string_view entry_type);  // "SendMessageBatchRequestEntry"
core::AwsError batch_ids_not_distinct(std::string_view id);
core::AwsError invalid_batch_entry_id(std::string_view id);
core::AwsError batch_request_too_long(std::size_t size, std::size_t limit);
core::AwsError invalid_message_contents(std::string message);
core::AwsError purge_in_progress(std::string_view url);
core::AwsError resource_not_found(std::string message);
core::AwsError unsupported_operation(std::string message);

}  // namespace preflight::sqs::errors
