#include "services/lambda/log_sink.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <ctime>

#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/environment.h"

namespace preflight::lambda {

namespace asio = boost::asio;

namespace {

// PutLogEvents' limits: 10,000 events and 1,048,576 bytes (message bytes + 26 each) per batch,
// 256 KB per event.
constexpr std::size_t kBatchEvents = 10000;
constexpr std::size_t kBatchBytes = 1048576;
constexpr std::size_t kEventOverhead = 26;
constexpr std::size_t kMaxMessage = 256 * 1024 - kEventOverhead;

}  // namespace

void LogSink::add(std::string_view message, std::int64_t timestamp_ms) {
  message = message.substr(0, kMaxMessage);
  buffered_bytes_ += message.size() + kEventOverhead;
  buffer_.push_back({timestamp_ms, std::string(message)});
  // A chatty handler is sent while it runs rather than held in memory until it answers.
  if (buffer_.size() >= kBatchEvents || buffered_bytes_ >= kBatchBytes) {
    flush();
  }
}

void LogSink::flush() {
  if (buffer_.empty() || flushing_) {
    return;
  }
  flushing_ = true;
  asio::co_spawn(env_.executor, send(shared_from_this()), asio::detached);
}

asio::awaitable<void> LogSink::create_stream() {
  Json group{{"logGroupName", group_}};
  try {
    co_await core::call_service(env_, "logs", "CreateLogGroup", group, scope_);
  } catch (const core::AwsError&) {  // it exists already
  }
  Json stream{{"logGroupName", group_}, {"logStreamName", stream_}};
  co_await core::call_service(env_, "logs", "CreateLogStream", stream, scope_);
  stream_created_ = true;
}

// Keeps itself alive through `self` while it sends; builds each request before awaiting it
// (GCC 12 mishandles braced initializers inside co_await expressions).
asio::awaitable<void> LogSink::send(std::shared_ptr<LogSink> self) {
  (void)self;  // held for the lifetime of the coroutine
  while (!buffer_.empty()) {
    // One batch within PutLogEvents' limits; the rest goes round again.
    std::size_t count = 0;
    std::size_t bytes = 0;
    while (count < buffer_.size() && count < kBatchEvents &&
           bytes + buffer_[count].message.size() + kEventOverhead <= kBatchBytes) {
      bytes += buffer_[count].message.size() + kEventOverhead;
      ++count;
    }
    std::vector<Event> events(std::make_move_iterator(buffer_.begin()),
                              std::make_move_iterator(buffer_.begin() + count));
    buffer_.erase(buffer_.begin(), buffer_.begin() + count);
    buffered_bytes_ -= bytes;
    Json list = Json::array();
    for (auto& e : events) {
      list.push_back(Json{{"timestamp", e.timestamp_ms}, {"message", std::move(e.message)}});
    }
    Json request{{"logGroupName", group_}, {"logStreamName", stream_}};
    request["logEvents"] = std::move(list);
    // A second attempt only when the group or stream was deleted under a warm instance: Lambda
    // then creates them again.
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!stream_created_) {
          co_await create_stream();
        }
        co_await core::call_service(env_, "logs", "PutLogEvents", request, scope_);
        break;
      } catch (const core::AwsError& e) {
        if (e.code != "ResourceNotFoundException" || !stream_created_) {
          break;  // the Logs service refused the batch: the invoke itself is unaffected
        }
        stream_created_ = false;
      } catch (const std::exception&) {
        break;  // no Logs service
      }
    }
  }
  flushing_ = false;
}

std::string new_log_stream_name(std::string_view version) {
  const std::time_t now = unix_now();
  std::tm tm{};
  gmtime_r(&now, &tm);
  char date[16];
  std::strftime(date, sizeof date, "%Y/%m/%d", &tm);
  std::string id = new_uuid();
  std::erase(id, '-');
  return std::string(date) + "/[" + std::string(version) + "]" + id;
}

}  // namespace preflight::lambda
