#include "emulator/common/time_format.h"
#include "emulator/storage/database.h"
#include "services/sqs/batch.h"
#include "services/sqs/errors.h"
#include "services/sqs/operations.h"
#include "services/sqs/params.h"
#include "services/sqs/receipt.h"

namespace preflight::sqs {
namespace {

// A handle this queue issued; anything else (garbage, another queue's) is ReceiptHandleIsInvalid.
Receipt checked_receipt(const Queue& queue, const Json& entry) {
  const auto handle = params::required_string(entry, "ReceiptHandle");
  auto receipt = decode_receipt(handle);
  if (!receipt || receipt->queue_id != queue.id) {
    throw errors::receipt_handle_invalid(handle);
  }
  return std::move(*receipt);
}

// Deleting an already-deleted message succeeds; so does deleting with a handle from an earlier
// receive, which (as AWS documents) leaves the message in the queue.
void delete_one(Backend& b, const Queue& queue, const Json& entry) {
  const Receipt receipt = checked_receipt(queue, entry);
  const auto message = b.store().message(receipt.seq);
  if (message && message->queue_id == queue.id && message->receipt == receipt.nonce) {
    b.store().delete_message(receipt.seq);
  }
}

// Returns whether the message may now turn visible sooner than it would have.
bool change_one(Backend& b, const Queue& queue, const Json& entry) {
  const Receipt receipt = checked_receipt(queue, entry);
  const auto timeout = params::integer(entry, "VisibilityTimeout", 0, 43200,
                                       "Must be >= 0 and <= 43200, if provided.");
  if (!timeout) {
    throw errors::missing_parameter("VisibilityTimeout");
  }
  const auto message = b.store().message(receipt.seq);
  if (!message || message->queue_id != queue.id || message->receipt != receipt.nonce) {
    throw errors::invalid_parameter(
        "Value " + entry["ReceiptHandle"].get<std::string>() +
        " for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not "
        "available for visibility timeout change.");
  }
  const auto now = unix_now_ms();
  if (message->visible_at_ms <= now) {
    throw errors::message_not_inflight();
  }
  const auto visible_at = now + *timeout * 1000;
  b.store().set_visible_at(receipt.seq, visible_at);
  return visible_at < message->visible_at_ms;
}

// A deleted FIFO message may unlock its group; a shortened visibility may make a message
// visible before parked receivers planned to look again.
void wake_after_delete(Backend& b, const Queue& queue, std::size_t deleted) {
  if (queue.fifo() && deleted > 0) {
    b.waiters().notify(queue.id, deleted);
  }
}

}  // namespace

Result delete_message(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  delete_one(b, *queue, input);
  wake_after_delete(b, *queue, 1);
  co_return Json();
}

Result delete_message_batch(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  const auto entries = batch_entries(input, "DeleteMessageBatchRequestEntry");
  core::Transaction tx(b.store().db());
  Json result = run_batch(entries, [&](const Json& entry) {
    delete_one(b, *queue, entry);
    return Json::object();
  });
  tx.commit();
  wake_after_delete(b, *queue, result["Successful"].size());
  co_return result;
}

Result change_message_visibility(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  if (change_one(b, *queue, input)) {
    b.waiters().notify_queue(queue->id);
  }
  co_return Json();
}

Result change_message_visibility_batch(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  const auto entries = batch_entries(input, "ChangeMessageVisibilityBatchRequestEntry");
  bool sooner = false;
  core::Transaction tx(b.store().db());
  Json result = run_batch(entries, [&](const Json& entry) {
    sooner = change_one(b, *queue, entry) || sooner;
    return Json::object();
  });
  tx.commit();
  if (sooner) {
    b.waiters().notify_queue(queue->id);
  }
  co_return result;
}

}  // namespace preflight::sqs
