#include "services/logs/event_page.h"

#include <algorithm>

#include "services/logs/params.h"

namespace preflight::logs {

EventWindow event_window(const Json& input, const LogGroup& group, std::int64_t now_ms) {
  EventWindow window;
  window.start = params::integer(input, "startTime", 0, INT64_MAX).value_or(0);
  window.end = params::integer(input, "endTime", 0, INT64_MAX).value_or(INT64_MAX);
  if (const auto cutoff = group.retention_cutoff_ms(now_ms)) {
    window.start = std::max(window.start, *cutoff);
  }
  return window;
}

void keep_within_bytes(std::vector<LogEvent>& events) {
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    bytes += events[i].message.size() + kEventOverheadBytes;
    if (bytes > kMaxPageBytes && i > 0) {
      events.resize(i);
      return;
    }
  }
}

}  // namespace preflight::logs
