#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "emulator/service/environment.h"
#include "emulator/service/request_context.h"
#include "services/sqs/store.h"
#include "services/sqs/waiters.h"

namespace preflight::sqs {

using QueuePtr = std::shared_ptr<const Queue>;

// The SQS service's state: its store, a cache of queues (every message call looks its queue
// up), the parked long polls, and recent FIFO receive attempts.
class Backend : public std::enable_shared_from_this<Backend> {
 public:
  explicit Backend(core::Environment& env) : env_(env), store_(env.db) {}

  Store& store() { return store_; }
  Waiters& waiters() { return waiters_; }
  core::Environment& env() { return env_; }

  // The queue a request addresses: QueueUrl in the input or, for the query protocol, the
  // request path /ACCOUNT/NAME. Throws QueueDoesNotExist.
  QueuePtr queue(const core::RequestContext& ctx, const Json& input);
  QueuePtr find(std::string_view account, std::string_view region, std::string_view name);
  // The queue an ARN names in this region, or null.
  QueuePtr find_by_arn(std::string_view arn);
  // The queues whose RedrivePolicy names this one, in name order.
  std::vector<Queue> dead_letter_sources(const Queue& dead_letter_queue);
  void forget(const Queue& queue);
  void forget_all();

  std::string url(const core::RequestContext& ctx, const Queue& queue) const;

  // ReceiveRequestAttemptId: a retried FIFO receive within 5 minutes gets the same answer.
  struct Attempt {
    Json response;
    std::vector<std::pair<std::int64_t, std::string>> receipts;  // seq, nonce
    std::int64_t expires_ms = 0;
  };
  std::unordered_map<std::string, Attempt>& attempts() { return attempts_; }

  // Message move tasks that are still running, by task handle; the store keeps every task.
  struct RunningMove {
    MoveTask task;
    std::string account_id;
    std::string region;
    std::int64_t last_seq = 0;  // messages sent to the source after the start stay
    bool cancelled = false;
  };
  std::unordered_map<std::string, std::shared_ptr<RunningMove>>& moves() { return moves_; }

  // PurgeQueue may run once per queue per interval (60 s on AWS; --option
  // sqs.purge-interval-seconds=0 lifts it). Returns false when a purge is too soon.
  bool may_purge(std::int64_t queue_id, std::int64_t now_ms);
  std::int64_t purge_interval_ms = 60'000;

 private:
  core::Environment& env_;
  Store store_;
  Waiters waiters_;
  std::unordered_map<std::string, QueuePtr> cache_;
  std::unordered_map<std::string, Attempt> attempts_;
  std::unordered_map<std::string, std::shared_ptr<RunningMove>> moves_;
  std::unordered_map<std::int64_t, std::int64_t> last_purge_ms_;
};

// "arn:aws:sqs:REGION:ACCOUNT:NAME" -> {account, region, name}; nullopt when not a queue ARN.
struct QueueArn {
  std::string region;
  std::string account;
  std::string name;
};
std::optional<QueueArn> parse_queue_arn(std::string_view arn);

}  // namespace preflight::sqs
