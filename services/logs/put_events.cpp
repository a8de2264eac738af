#include <vector>

#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/logs/errors.h"
#include "services/logs/event_page.h"
#include "services/logs/operations.h"
#include "services/logs/params.h"
#include "services/logs/tokens.h"

namespace preflight::logs {
namespace {

constexpr std::size_t kMaxEvents = 10'000;
constexpr std::size_t kMaxBatchBytes = 1'048'576;

constexpr std::int64_t kMaxSpanMs = kDayMs;
constexpr std::int64_t kTooNewMs = 2 * 60 * 60 * 1000;
constexpr std::int64_t kTooOldMs = 14 * kDayMs;

std::vector<NewEvent> read_events(const Json& input) {
  const Json* list = core::input::array(input, "logEvents");
  if (list == nullptr) {
    throw errors::missing("logEvents");
  }
  if (list->empty() || list->size() > kMaxEvents) {
    throw errors::constraint("logEvents",
                             list->empty() ? "[]" : std::to_string(list->size()) + " events",
                             list->empty() ? "Member must have length greater than or equal to 1"
                                           : "Member must have length less than or equal to 10000");
  }
  std::vector<NewEvent> events;
  events.reserve(list->size());
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& e = (*list)[i];
    if (!e.is_object()) {
      throw core::errors::serialization("Expected a structure for logEvents member");
    }
    const auto timestamp = core::input::integer(e, "timestamp");
    const auto message = e.find("message");
    const std::string where = "logEvents." + std::to_string(i + 1) + ".member.";
    if (!timestamp) {
      throw errors::missing(where + "timestamp");
    }
    if (message == e.end() || message->is_null()) {
      throw errors::missing(where + "message");
    }
    if (!message->is_string()) {
      throw core::errors::serialization("Expected a string for member message");
    }
    const auto& text = message->get_ref<const std::string&>();
    if (*timestamp < 0) {
      throw errors::constraint(where + "timestamp", std::to_string(*timestamp),
                               "Member must have value greater than or equal to 0");
    }
    if (text.empty()) {
      throw errors::constraint(where + "message", "",
                               "Member must have length greater than or equal to 1");
    }
    if (!events.empty() && *timestamp < events.back().timestamp) {
      throw errors::invalid_parameter(
          "Log events in a single PutLogEvents request must be in chronological order.");
    }
    bytes += text.size() + kEventOverheadBytes;
    events.push_back({*timestamp, text});
  }
  if (bytes > kMaxBatchBytes) {
    throw errors::invalid_parameter("Upload too large: " + std::to_string(bytes) +
                                    " bytes exceeds limit of " + std::to_string(kMaxBatchBytes));
  }
  if (events.back().timestamp - events.front().timestamp > kMaxSpanMs) {
    throw errors::invalid_parameter(
        "The batch of log events in a single PutLogEvents request cannot span more than 24 "
        "hours.");
  }
  return events;
}

}  // namespace

// Events are in order, so the rejected ones are a prefix (too old, then expired by the group's
// retention) and a suffix (too new); the end indexes are exclusive, as AWS's agents read them.
Result put_log_events(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto group = b.group_of(ctx, input);
  const auto stream_name = params::stream_name(input);
  const auto events = read_events(input);
  if (const auto token = core::input::string(input, "sequenceToken"); token && token->empty()) {
    throw errors::constraint("sequenceToken", "",
                             "Member must have length greater than or equal to 1");
  }
  const auto stream = b.stream(group, stream_name);

  const std::int64_t now = unix_now_ms();
  const std::int64_t too_old_before = now - kTooOldMs;
  const std::int64_t expired_before = group.retention_cutoff_ms(now).value_or(too_old_before);
  std::size_t too_old = 0;
  std::size_t expired = 0;
  std::size_t too_new = events.size();
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].timestamp < too_old_before) {
      too_old = expired = i + 1;
    } else if (events[i].timestamp < expired_before) {
      expired = i + 1;
    } else if (events[i].timestamp > now + kTooNewMs) {
      too_new = i;
      break;
    }
  }
  const auto first = std::min(expired, too_new);
  const auto sequence =
      b.store().append_events(stream, std::span(events).subspan(first, too_new - first), now);

  Json out{{"nextSequenceToken", sequence_token(sequence)}};
  Json rejected = Json::object();
  if (too_new < events.size()) {
    rejected["tooNewLogEventStartIndex"] = too_new;
  }
  if (too_old > 0) {
    rejected["tooOldLogEventEndIndex"] = too_old;
  }
  if (expired > too_old) {
    rejected["expiredLogEventEndIndex"] = expired;
  }
  if (!rejected.empty()) {
    out["rejectedLogEventsInfo"] = std::move(rejected);
  }
  co_return out;
}

}  // namespace preflight::logs
