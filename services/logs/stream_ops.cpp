#include <cstdio>

#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/logs/errors.h"
#include "services/logs/operations.h"
#include "services/logs/params.h"
#include "services/logs/tokens.h"

namespace preflight::logs {
namespace {

Json describe(const LogGroup& group, const LogStream& s) {
  Json out{{"logStreamName", s.name},
           {"creationTime", s.created_ms},
           {"arn", group.arn() + ":log-stream:" + s.name},
           {"storedBytes", s.stored_bytes},
           {"uploadSequenceToken", sequence_token(s.sequence)}};
  if (s.first_event_ms) {
    out["firstEventTimestamp"] = *s.first_event_ms;
  }
  if (s.last_event_ms) {
    out["lastEventTimestamp"] = *s.last_event_ms;
  }
  if (s.last_ingestion_ms) {
    out["lastIngestionTime"] = *s.last_ingestion_ms;
  }
  return out;
}

StreamOrder order_of(const Json& input, bool has_prefix) {
  const auto order_by = core::input::string(input, "orderBy").value_or("LogStreamName");
  const bool descending = core::input::boolean(input, "descending").value_or(false);
  if (order_by == "LogStreamName") {
    return descending ? StreamOrder::NameDescending : StreamOrder::NameAscending;
  }
  if (order_by != "LastEventTime") {
    throw errors::constraint("orderBy", order_by,
                             "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
  }
  if (has_prefix) {
    throw errors::invalid_parameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  }
  return descending ? StreamOrder::LastEventDescending : StreamOrder::LastEventAscending;
}

// Page keys are "TIME:NAME" (stream names have no ':'); the first page starts before everything
// in the order asked for.
std::pair<std::int64_t, std::string> start_after(const Json& input, StreamOrder order) {
  const auto key = params::page_key(input);
  if (key.empty()) {
    const bool descending =
        order == StreamOrder::NameDescending || order == StreamOrder::LastEventDescending;
    return descending ? std::pair{INT64_MAX, std::string("\xff")} : std::pair{INT64_MIN, ""};
  }
  const auto colon = key.find(':');
  const auto time = std::string_view(key).substr(0, colon);
  const bool negative = !time.empty() && time[0] == '-';
  if (colon == std::string::npos || !is_all_digits(negative ? time.substr(1) : time) ||
      time.size() > 19) {
    throw errors::invalid_token();
  }
  return {std::stoll(std::string(time)), key.substr(colon + 1)};
}

}  // namespace

Result create_log_stream(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto group_name = params::group_name(input);
  LogStream stream;
  stream.name = params::stream_name(input);
  stream.group_id = b.group(ctx, group_name).id;
  if (b.store().find_stream(stream.group_id, stream.name)) {
    throw errors::stream_exists();
  }
  stream.created_ms = unix_now_ms();
  b.store().insert_stream(stream);
  co_return Json::object();
}

Result describe_log_streams(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto group = b.group_by_identifier(ctx, input);
  const auto prefix = core::input::string(input, "logStreamNamePrefix");
  if (prefix) {
    params::check_stream_name(*prefix, "logStreamNamePrefix");
  }
  const auto limit = params::integer(input, "limit", 1, 50).value_or(50);
  const auto order = order_of(input, prefix.has_value());
  const auto [after_time, after_name] = start_after(input, order);
  const auto streams = b.store().list_streams(group.id, order, prefix.value_or(""), after_time,
                                              after_name, static_cast<int>(limit) + 1);
  Json out{{"logStreams", Json::array()}};
  for (std::size_t i = 0; i < streams.size() && i < static_cast<std::size_t>(limit); ++i) {
    out["logStreams"].push_back(describe(group, streams[i]));
  }
  if (streams.size() > static_cast<std::size_t>(limit)) {
    const auto& last = streams[limit - 1];
    out["nextToken"] =
        params::page_token(std::to_string(last.last_event_ms.value_or(0)) + ":" + last.name);
  }
  co_return out;
}

Result delete_log_stream(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto group = b.group_of(ctx, input);
  b.store().delete_stream(b.stream(group, params::stream_name(input)).id);
  co_return Json::object();
}

}  // namespace preflight::logs
