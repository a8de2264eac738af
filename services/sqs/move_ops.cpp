#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "emulator/common/crypto.h"
#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/sqs/errors.h"
#include "services/sqs/operations.h"
#include "services/sqs/params.h"

namespace preflight::sqs {
namespace {

using Move = Backend::RunningMove;

// Messages per step: a tenth of the requested rate every 100 ms, or as fast as the loop allows.
constexpr std::int64_t kUnlimitedStep = 500;

void finish(Backend& b, Move& move, std::string status, std::string reason = {}) {
  move.task.status = std::move(status);
  move.task.failure_reason = std::move(reason);
  b.store().save_move_task(move.account_id, move.region, move.task);
  b.moves().erase(move.task.handle);
}

// Moves up to `limit` of the source's messages; returns how many, or nullopt when it is done.
std::optional<std::int64_t> step(Backend& b, Move& move, std::int64_t limit) {
  const auto source = b.find_by_arn(move.task.source_arn);
  if (!source) {
    finish(b, move, "FAILED", "AWS.SimpleQueueService.NonExistentQueue");
    return std::nullopt;
  }
  const auto now = unix_now_ms();
  auto messages = b.store().visible_messages(source->id, now, 0, static_cast<int>(limit));
  std::int64_t moved = 0;
  core::Transaction tx(b.store().db());
  for (const auto& m : messages) {
    if (m.seq > move.last_seq || move.task.moved >= move.task.to_move) {
      break;
    }
    const auto& arn =
        move.task.destination_arn.empty() ? m.dead_letter_source_arn : move.task.destination_arn;
    const auto destination = b.find_by_arn(arn);
    if (!destination) {
      tx.commit();
      finish(b, move, "FAILED",
             arn.empty() ? "The message has no source queue to return to."
                         : "AWS.SimpleQueueService.NonExistentQueue");
      return std::nullopt;
    }
    b.store().move_message(m.seq, destination->id, now, "");
    b.waiters().notify(destination->id, 1);
    ++moved;
    ++move.task.moved;
  }
  tx.commit();
  if (moved == 0) {
    finish(b, move, "COMPLETED");
    return std::nullopt;
  }
  b.store().save_move_task(move.account_id, move.region, move.task);
  return moved;
}

boost::asio::awaitable<void> run(std::shared_ptr<Backend> b, std::shared_ptr<Move> move) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  const auto per_step = move->task.max_per_second > 0
                            ? std::max<std::int64_t>(1, move->task.max_per_second / 10)
                            : kUnlimitedStep;
  for (;;) {
    timer.expires_after(std::chrono::milliseconds(move->task.max_per_second > 0 ? 100 : 1));
    co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    if (move->cancelled || b->waiters().stopping()) {
      co_return;
    }
    if (!step(*b, *move, per_step)) {
      co_return;
    }
  }
}

Json describe(const MoveTask& task) {
  Json out = {{"Status", task.status},
              {"SourceArn", task.source_arn},
              {"ApproximateNumberOfMessagesMoved", task.moved},
              {"ApproximateNumberOfMessagesToMove", task.to_move},
              {"StartedTimestamp", task.started_ms}};
  if (task.status == "RUNNING") {
    out["TaskHandle"] = task.handle;
  }
  if (!task.destination_arn.empty()) {
    out["DestinationArn"] = task.destination_arn;
  }
  if (task.max_per_second > 0) {
    out["MaxNumberOfMessagesPerSecond"] = task.max_per_second;
  }
  if (!task.failure_reason.empty()) {
    out["FailureReason"] = task.failure_reason;
  }
  return out;
}

QueuePtr existing(Backend& b, std::string_view arn, std::string_view member) {
  auto queue = b.find_by_arn(arn);
  if (!queue) {
    throw errors::resource_not_found("The resource that you specified for the " +
                                     std::string(member) + " parameter doesn't exist.");
  }
  return queue;
}

}  // namespace

Result start_message_move_task(Backend& b, core::RequestContext&, const Json& input) {
  const auto source = existing(b, params::required_string(input, "SourceArn"), "SourceArn");
  const auto destination_arn = core::input::string(input, "DestinationArn").value_or("");
  if (!destination_arn.empty()) {
    existing(b, destination_arn, "DestinationArn");
  }
  const auto rate = params::integer(input, "MaxNumberOfMessagesPerSecond", 1, 500,
                                    "Must be between 1 and 500, if provided.");
  if (b.dead_letter_sources(*source).empty()) {
    throw errors::invalid_parameter("Source queue must be configured as a Dead Letter Queue.");
  }
  for (const auto& [handle, running] : b.moves()) {
    if (running->task.source_arn == source->arn()) {
      throw errors::invalid_parameter(
          "There is already a task running. Only one active task is allowed for a source queue "
          "arn at a given time.");
    }
  }
  auto move = std::make_shared<Move>();
  move->account_id = source->account_id;
  move->region = source->region;
  move->last_seq = b.store().last_seq(source->id);
  auto& task = move->task;
  task.handle = base64_encode(Json{{"taskId", new_uuid()}, {"sourceArn", source->arn()}}.dump());
  task.source_arn = source->arn();
  task.destination_arn = destination_arn;
  task.max_per_second = rate.value_or(0);
  task.status = "RUNNING";
  task.to_move = b.store().counts(source->id, unix_now_ms()).visible;
  task.started_ms = unix_now_ms();
  b.store().save_move_task(move->account_id, move->region, task);
  b.moves().emplace(task.handle, move);

  boost::asio::co_spawn(b.env().executor, run(b.shared_from_this(), move), boost::asio::detached);
  co_return Json{{"TaskHandle", task.handle}};
}

Result list_message_move_tasks(Backend& b, core::RequestContext&, const Json& input) {
  const auto source = existing(b, params::required_string(input, "SourceArn"), "SourceArn");
  const auto max =
      params::integer(input, "MaxResults", 1, 10, "Must be between 1 and 10, if provided.")
          .value_or(1);
  Json results = Json::array();
  for (const auto& task : b.store().move_tasks(source->account_id, source->region, source->arn())) {
    if (static_cast<std::int64_t>(results.size()) == max) {
      break;
    }
    results.push_back(describe(task));
  }
  co_return Json{{"Results", std::move(results)}};
}

Result cancel_message_move_task(Backend& b, core::RequestContext&, const Json& input) {
  const auto handle = params::required_string(input, "TaskHandle");
  const auto it = b.moves().find(handle);
  if (it == b.moves().end()) {
    throw errors::resource_not_found("Task does not exist.");
  }
  auto move = it->second;
  move->cancelled = true;
  finish(b, *move, "CANCELLED");
  co_return Json{{"ApproximateNumberOfMessagesMoved", move->task.moved}};
}

}  // namespace preflight::sqs
