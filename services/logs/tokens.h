#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "services/logs/model.h"

// The opaque strings CloudWatch Logs hands out, in shapes like AWS's own.
namespace preflight::logs {

// uploadSequenceToken / nextSequenceToken: 56 digits.
std::string sequence_token(std::int64_t sequence);

// GetLogEvents tokens: "f/<56 digits>/s" reads forward from a position (events after it),
// "b/<56 digits>/s" backward (events before it). The digits encode an EventKey.
struct EventToken {
  bool forward = true;
  EventKey key;
};
std::string event_token(const EventToken& token);
std::optional<EventToken> parse_event_token(std::string_view text);

// FilterLogEvents: an event's eventId (56 digits), and its nextToken (resume after an event).
std::string event_id(const LogEvent& event);
std::string filter_token(const EventKey& key);
std::optional<EventKey> parse_filter_token(std::string_view text);

}  // namespace preflight::logs
