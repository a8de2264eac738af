#include "services/logs/tokens.h"

#include <cstdio>

#include "emulator/common/strings.h"

namespace preflight::logs {
namespace {

// Timestamps in keys may be -1 (before every event): stored shifted by one so digits suffice.
std::string key_digits(const EventKey& key) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%020lld%036lld", static_cast<long long>(key.timestamp + 1),
                static_cast<long long>(key.id));
  return buffer;
}

std::optional<EventKey> parse_key_digits(std::string_view digits) {
  if (digits.size() != 56 || !is_all_digits(digits)) {
    return std::nullopt;
  }
  const auto time = digits.substr(0, 20);
  const auto id = digits.substr(20);
  // Both fit an int64 only with their leading digits zero.
  if (time.substr(0, 2) != "00" || id.find_first_not_of('0') < id.size() - 18) {
    return std::nullopt;
  }
  return EventKey{std::stoll(std::string(time)) - 1, std::stoll(std::string(id))};
}

}  // namespace

std::string sequence_token(std::int64_t sequence) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%056lld", static_cast<long long>(sequence));
  return buffer;
}

std::string event_token(const EventToken& token) {
  return std::string(token.forward ? "f/" : "b/") + key_digits(token.key) + "/s";
}

std::optional<EventToken> parse_event_token(std::string_view text) {
  if (text.size() != 60 || (text[0] != 'f' && text[0] != 'b') || text[1] != '/' ||
      !text.ends_with("/s")) {
    return std::nullopt;
  }
  const auto key = parse_key_digits(text.substr(2, 56));
  if (!key) {
    return std::nullopt;
  }
  return EventToken{text[0] == 'f', *key};
}

std::string event_id(const LogEvent& event) {
  return key_digits({event.timestamp, event.id});
}

std::string filter_token(const EventKey& key) {
  return key_digits(key);
}

std::optional<EventKey> parse_filter_token(std::string_view text) {
  return parse_key_digits(text);
}

}  // namespace preflight::logs
