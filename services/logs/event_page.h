#pragma once

#include <cstdint>
#include <vector>

#include "emulator/common/json.h"
#include "services/logs/model.h"

// What GetLogEvents and FilterLogEvents share: the time window they read and the size of a page.
namespace preflight::logs {

// [start, end): startTime (inclusive) and endTime (exclusive) of the input, narrowed to what the
// group's retention still keeps.
struct EventWindow {
  std::int64_t start = 0;
  std::int64_t end = INT64_MAX;
};
EventWindow event_window(const Json& input, const LogGroup& group, std::int64_t now_ms);

// A page holds at most 1 MB (messages' UTF-8 bytes + 26 per event), and always one event.
inline constexpr std::size_t kMaxPageBytes = 1'048'576;
inline constexpr std::size_t kEventOverheadBytes = 26;
void keep_within_bytes(std::vector<LogEvent>& events);

}  // namespace preflight::logs
