#pragma once

#include <string>

#include "emulator/common/json.h"
#include "services/lambda/runtime_api.h"

// The events Lambda's pollers hand to functions, in AWS's shapes.
namespace preflight::lambda {

// {"Records": [{"messageId", "receiptHandle", "body", "attributes", "messageAttributes",
// "md5OfBody", "eventSource": "aws:sqs", "eventSourceARN", "awsRegion"}]} from ReceiveMessage's
// Messages.
Json sqs_event(const Json& messages, const std::string& queue_arn, const std::string& region);
// {"Records": [...GetRecords' records, each with "eventSourceARN"]}.
Json stream_event(const Json& records, const std::string& stream_arn);
// What an OnFailure destination receives for a stream batch that kept failing.
Json stream_failure_record(const Json& mapping, const Json& records, const std::string& stream_arn,
                           const std::string& shard_id, const InvokeOutcome& outcome);

}  // namespace preflight::lambda
