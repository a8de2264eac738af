#include "services/lambda/event_shapes.h"

#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"

namespace preflight::lambda {

namespace {

// SQS's MessageAttributes ({DataType, StringValue | BinaryValue}) as the event spells them.
Json event_attributes(const Json& attributes) {
  Json out = Json::object();
  for (const auto& [name, value] : attributes.items()) {
    Json a{{"stringListValues", Json::array()},
           {"binaryListValues", Json::array()},
           {"dataType", value.value("DataType", "String")}};
    if (value.contains("StringValue")) {
      a["stringValue"] = value["StringValue"];
    }
    if (value.contains("BinaryValue")) {
      a["binaryValue"] = value["BinaryValue"];
    }
    out[name] = std::move(a);
  }
  return out;
}

}  // namespace

Json sqs_event(const Json& messages, const std::string& queue_arn, const std::string& region) {
  Json records = Json::array();
  for (const auto& m : messages) {
    records.push_back(
        {{"messageId", m.value("MessageId", "")},
         {"receiptHandle", m.value("ReceiptHandle", "")},
         {"body", m.value("Body", "")},
         {"attributes", m.value("Attributes", Json::object())},
         {"messageAttributes", event_attributes(m.value("MessageAttributes", Json::object()))},
         {"md5OfBody", m.value("MD5OfBody", "")},
         {"eventSource", "aws:sqs"},
         {"eventSourceARN", queue_arn},
         {"awsRegion", region}});
  }
  return Json{{"Records", std::move(records)}};
}

Json stream_event(const Json& records, const std::string& stream_arn) {
  Json out = Json::array();
  for (const auto& r : records) {
    Json record = r;
    record["eventSourceARN"] = stream_arn;
    out.push_back(std::move(record));
  }
  return Json{{"Records", std::move(out)}};
}

Json stream_failure_record(const Json& mapping, const Json& records, const std::string& stream_arn,
                           const std::string& shard_id, const InvokeOutcome& outcome) {
  const auto& first = records.front()["dynamodb"];
  const auto& last = records.back()["dynamodb"];
  auto arrival = [](const Json& d) {
    return d.contains("ApproximateCreationDateTime")
               ? iso8601_ms(static_cast<std::int64_t>(
                     d["ApproximateCreationDateTime"].get<double>() * 1000))
               : iso8601_ms(unix_now_ms());
  };
  return Json{
      {"requestContext",
       {{"requestId", new_uuid()},
        {"functionArn", mapping.value("FunctionArn", "")},
        {"condition", "RetryAttemptsExhausted"},
        {"approximateInvokeCount", mapping.value("MaximumRetryAttempts", std::int64_t{0}) + 1}}},
      {"responseContext",
       {{"statusCode", 200},
        {"executedVersion", "$LATEST"},
        {"functionError", outcome.function_error}}},
      {"version", "1.0"},
      {"timestamp", iso8601_ms(unix_now_ms())},
      {"DDBStreamBatchInfo",
       {{"shardId", shard_id},
        {"startSequenceNumber", first.value("SequenceNumber", "")},
        {"endSequenceNumber", last.value("SequenceNumber", "")},
        {"approximateArrivalOfFirstRecord", arrival(first)},
        {"approximateArrivalOfLastRecord", arrival(last)},
        {"batchSize", records.size()},
        {"streamArn", stream_arn}}}};
}

}  // namespace preflight::lambda
