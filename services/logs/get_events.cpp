#include <algorithm>

#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/logs/errors.h"
#include "services/logs/event_page.h"
#include "services/logs/operations.h"
#include "services/logs/params.h"
#include "services/logs/tokens.h"

namespace preflight::logs {
namespace {

constexpr std::int64_t kMaxId = 999'999'999'999'999'998;  // + 1 still fits a token
// After every event a stream can hold (PutLogEvents refuses events over 2 h ahead).
constexpr EventKey kEnd{100'000'000'000'000'000, 0};
constexpr EventKey kStart{-1, 0};

// The position just before k: events after it are those at k or later.
EventKey just_before(EventKey k) {
  if (k.id > 0) {
    return {k.timestamp, k.id - 1};
  }
  return k.timestamp <= 0 ? kStart : EventKey{k.timestamp - 1, kMaxId};
}

EventKey key_of(const LogEvent& e) {
  return {e.timestamp, e.id};
}

Json page(const std::vector<LogEvent>& events, EventToken forward, EventToken backward) {
  Json list = Json::array();
  for (const auto& e : events) {
    list.push_back(
        {{"timestamp", e.timestamp}, {"message", e.message}, {"ingestionTime", e.ingestion_ms}});
  }
  if (!events.empty()) {
    forward.key = key_of(events.back());
    backward.key = key_of(events.front());
  }
  return {{"events", std::move(list)},
          {"nextForwardToken", event_token(forward)},
          {"nextBackwardToken", event_token(backward)}};
}

}  // namespace

// Without a token, startFromHead reads forward from the first event and otherwise backward from
// the last (the newest page). A forward page's tokens are "after its last event" and "before its
// first"; an empty page keeps the token it was asked with, so polling at the end is stable.
Result get_log_events(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto group = b.group_by_identifier(ctx, input);
  const auto stream = b.stream(group, params::stream_name(input));
  const auto window = event_window(input, group, unix_now_ms());
  const auto limit = static_cast<int>(params::integer(input, "limit", 1, 10'000).value_or(10'000));
  const bool from_head = core::input::boolean(input, "startFromHead").value_or(false);
  std::optional<EventToken> token;
  if (const auto text = core::input::string(input, "nextToken")) {
    token = parse_event_token(*text);
    if (!token) {
      throw errors::invalid_token();
    }
  }
  const EventToken at = token ? *token : EventToken{from_head, from_head ? kStart : kEnd};
  if (at.forward) {
    auto events = b.store().events_after(stream.id, at.key, window.start, window.end, limit);
    keep_within_bytes(events);
    const EventKey before = {at.key.timestamp, at.key.id + 1};  // events at key or earlier
    co_return page(events, at, {false, before});
  }
  auto events = b.store().events_before(stream.id, at.key, window.start, window.end, limit);
  keep_within_bytes(events);
  std::reverse(events.begin(), events.end());
  const EventKey after = token ? just_before(at.key) : kStart;  // events at key or later
  co_return page(events, {true, after}, at);
}

}  // namespace preflight::logs
