#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>

#include "services/lambda/store.h"

namespace preflight::lambda {

class Backend;

// The pollers behind event source mappings, one coroutine per enabled mapping, reading their
// source through its public operations as Lambda's pollers do:
// - SQS: ReceiveMessage in batches (BatchSize, MaximumBatchingWindowInSeconds), invoke with the
//   SQS event, DeleteMessageBatch on success, leave the batch on failure (the queue's
//   RedrivePolicy then dead-letters it); ReportBatchItemFailures deletes all but those reported.
// - DynamoDB Streams: GetRecords from StartingPosition, invoke with the stream event, retry a
//   failed batch in order (MaximumRetryAttempts, -1 = until it succeeds), then send it to the
//   OnFailure destination and go on; the position is checkpointed in the store.
// A poller re-reads its mapping before each batch, so updates, disabling and deletion take
// effect at once.
class EventSources {
 public:
  explicit EventSources(Backend& b);

  void start(const std::string& uuid);  // after create, update or at startup
  void resume();                        // every enabled mapping in the store
  void forget_all();

  bool stopping() const { return stopping_; }
  void shutdown() { stopping_ = true; }

 private:
  boost::asio::awaitable<void> poll_queue(std::string uuid, std::uint64_t generation);
  boost::asio::awaitable<void> poll_stream(std::string uuid, std::uint64_t generation);
  // The mapping if this poller should still run it.
  std::optional<Mapping> current(const std::string& uuid, std::uint64_t generation);

  Backend& b_;
  std::unordered_map<std::string, std::uint64_t> running_;  // uuid -> its poller's generation
  std::uint64_t next_generation_ = 1;
  std::int64_t retry_ms_;
  bool stopping_ = false;
};

}  // namespace preflight::lambda
