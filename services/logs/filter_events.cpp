#include <algorithm>
#include <unordered_map>

#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/logs/errors.h"
#include "services/logs/event_page.h"
#include "services/logs/filter_pattern.h"
#include "services/logs/operations.h"
#include "services/logs/params.h"
#include "services/logs/tokens.h"

namespace preflight::logs {
namespace {

constexpr int kChunk = 1000;
// Events examined per call at most; beyond it the call answers what it found and a nextToken,
// as AWS does when a search runs long.
constexpr std::size_t kMaxScanned = 200'000;

// The streams to search, by id: logStreamNames, logStreamNamePrefix, or all.
std::unordered_map<std::int64_t, std::string> selected_streams(Backend& b, const LogGroup& group,
                                                               const Json& input) {
  const Json* names = core::input::array(input, "logStreamNames");
  const auto prefix = core::input::string(input, "logStreamNamePrefix");
  if (names != nullptr && prefix) {
    throw errors::invalid_parameter(
        "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
  }
  std::unordered_map<std::int64_t, std::string> streams;
  if (names != nullptr) {
    if (names->empty() || names->size() > 100) {
      throw errors::constraint("logStreamNames", names->dump(),
                               "Member must have length less than or equal to 100 and greater "
                               "than or equal to 1");
    }
    for (const auto& name : *names) {
      if (!name.is_string()) {
        throw core::errors::serialization("Expected a string in logStreamNames");
      }
      params::check_stream_name(name.get_ref<const std::string&>(), "logStreamNames");
      if (auto s = b.store().find_stream(group.id, name.get_ref<const std::string&>())) {
        streams.emplace(s->id, s->name);
      }
    }
    return streams;
  }
  if (prefix) {
    params::check_stream_name(*prefix, "logStreamNamePrefix");
  }
  std::string after;
  for (;;) {
    const auto page = b.store().list_streams(group.id, StreamOrder::NameAscending,
                                             prefix.value_or(""), 0, after, kChunk);
    for (const auto& s : page) {
      streams.emplace(s.id, s.name);
    }
    if (page.size() < static_cast<std::size_t>(kChunk)) {
      return streams;
    }
    after = page.back().name;
  }
}

FilterPattern pattern_of(const Json& input) {
  const auto text = core::input::string(input, "filterPattern").value_or("");
  if (text.size() > 1024) {
    throw errors::constraint("filterPattern", text,
                             "Member must have length less than or equal to 1024");
  }
  try {
    return FilterPattern::parse(text);
  } catch (const PatternError& e) {
    throw errors::invalid_parameter(e.what());
  }
}

}  // namespace

// Events of the selected streams, interleaved by (timestamp, arrival), matching the pattern;
// nextToken resumes after the last event examined.
Result filter_log_events(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto group = b.group_by_identifier(ctx, input);
  const auto streams = selected_streams(b, group, input);
  const auto pattern = pattern_of(input);
  const auto window = event_window(input, group, unix_now_ms());
  const auto limit =
      static_cast<std::size_t>(params::integer(input, "limit", 1, 10'000).value_or(10'000));
  EventKey after{-1, 0};
  if (const auto token = core::input::string(input, "nextToken")) {
    const auto key = parse_filter_token(*token);
    if (!key) {
      throw errors::invalid_token();
    }
    after = *key;
  }

  Json events = Json::array();
  std::size_t bytes = 0;
  std::size_t scanned = 0;
  bool more = false;
  while (!more && !streams.empty()) {
    const auto chunk =
        b.store().group_events_after(group.id, after, window.start, window.end, kChunk);
    for (const auto& e : chunk) {
      const auto stream = streams.find(e.stream_id);
      if (stream != streams.end() && pattern.matches(e.message)) {
        bytes += e.message.size() + kEventOverheadBytes;
        if (!events.empty() && bytes > kMaxPageBytes) {
          more = true;
          break;
        }
        events.push_back({{"logStreamName", stream->second},
                          {"timestamp", e.timestamp},
                          {"message", e.message},
                          {"ingestionTime", e.ingestion_ms},
                          {"eventId", event_id(e)}});
      }
      after = {e.timestamp, e.id};
      if (events.size() == limit || ++scanned == kMaxScanned) {
        more = true;
        break;
      }
    }
    if (chunk.size() < static_cast<std::size_t>(kChunk)) {
      break;
    }
  }

  std::vector<std::string> names;
  for (const auto& [id, name] : streams) {
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  Json searched = Json::array();
  for (auto& name : names) {
    searched.push_back({{"logStreamName", std::move(name)}, {"searchedCompletely", !more}});
  }
  Json out{{"events", std::move(events)}, {"searchedLogStreams", std::move(searched)}};
  if (more) {
    out["nextToken"] = filter_token(after);
  }
  co_return out;
}

}  // namespace preflight::logs
