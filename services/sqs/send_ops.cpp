#include <algorithm>
#include <cctype>

#include "emulator/common/crypto.h"
#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/sqs/batch.h"
#include "services/sqs/errors.h"
#include "services/sqs/message_attributes.h"
#include "services/sqs/operations.h"
#include "services/sqs/params.h"

namespace preflight::sqs {
namespace {

constexpr std::int64_t kDedupWindowMs = 5 * 60 * 1000;
constexpr std::int64_t kDedupSweepEvery = 1024;  // messages between sweeps of expired ids

// MessageGroupId and MessageDeduplicationId: 1-128 alphanumeric or punctuation characters.
std::optional<std::string> fifo_id(const Json& entry, const char* member) {
  auto value = core::input::string(entry, member);
  if (!value) {
    return std::nullopt;
  }
  const bool valid = !value->empty() && value->size() <= 128 &&
                     std::all_of(value->begin(), value->end(), [](char c) {
                       return std::isalnum(static_cast<unsigned char>(c)) ||
                              std::ispunct(static_cast<unsigned char>(c));
                     });
  if (!valid) {
    throw errors::invalid_parameter("Value " + *value + " for parameter " + member +
                                    " is invalid. Reason: " + member +
                                    " can only include alphanumeric and punctuation characters. "
                                    "1 to 128 in length.");
  }
  return value;
}

core::AwsError not_for_queue_type(std::string_view member, std::string_view value) {
  return errors::invalid_parameter("Value " + std::string(value) + " for parameter " +
                                   std::string(member) +
                                   " is invalid. Reason: The request include parameter that is "
                                   "not valid for this queue type.");
}

// A message checked and ready to store, with what the response reports of it.
struct Outgoing {
  Message message;
  Json response;
  std::size_t size = 0;
  std::string dedup_key;  // FIFO
};

Outgoing prepare(const core::RequestContext& ctx, const Queue& queue, const Json& entry,
                 std::int64_t now_ms) {
  Outgoing out;
  Message& m = out.message;
  const auto body = core::input::string(entry, "MessageBody");
  if (!body || body->empty()) {
    throw errors::missing_parameter("MessageBody");
  }
  if (!valid_message_text(*body)) {
    throw errors::invalid_message_contents(
        "Invalid binary character was found in the message body, the set of allowed characters "
        "is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
  }
  auto attributes = check_message_attributes(params::map(entry, "MessageAttributes"));
  auto system = check_system_attributes(params::map(entry, "MessageSystemAttributes"));
  out.size = body->size() + attributes.size;
  const auto max_size = queue.number("MaximumMessageSize");
  if (static_cast<std::int64_t>(out.size) > max_size) {
    throw errors::invalid_parameter(
        "One or more parameters are invalid. Reason: Message must be "
        "shorter than " +
        std::to_string(max_size) + " bytes.");
  }
  const auto delay =
      params::integer(entry, "DelaySeconds", 0, 900, "DelaySeconds must be >= 0 and <= 900");
  auto group = fifo_id(entry, "MessageGroupId");
  auto dedup = fifo_id(entry, "MessageDeduplicationId");
  if (queue.fifo()) {
    if (delay && *delay != 0) {
      throw not_for_queue_type("DelaySeconds", std::to_string(*delay));
    }
    if (!group) {
      throw errors::missing_parameter("MessageGroupId");
    }
    if (!dedup) {
      if (queue.attribute("ContentBasedDeduplication") != "true") {
        throw errors::invalid_parameter(
            "The queue should either have ContentBasedDeduplication enabled or "
            "MessageDeduplicationId provided explicitly");
      }
      dedup = sha256_hex(*body);
    }
    out.dedup_key =
        queue.attribute("DeduplicationScope") == "messageGroup" ? *group + '\n' + *dedup : *dedup;
  } else if (dedup) {
    throw not_for_queue_type("MessageDeduplicationId", *dedup);
  }

  m.queue_id = queue.id;
  m.message_id = new_uuid();
  m.body = *body;
  m.attributes = std::move(attributes.attributes);
  m.system_attributes = std::move(system.attributes);
  m.sent_ms = now_ms;
  m.visible_at_ms = now_ms + delay.value_or(queue.number("DelaySeconds")) * 1000;
  m.group_id = group.value_or("");
  m.dedup_id = dedup.value_or("");
  m.sender_id = ctx.user_id.empty() ? ctx.account_id : ctx.user_id;

  out.response = {{"MessageId", m.message_id}, {"MD5OfMessageBody", md5_hex(m.body)}};
  if (const auto md5 = attributes_md5(m.attributes); !md5.empty()) {
    out.response["MD5OfMessageAttributes"] = md5;
  }
  if (const auto md5 = attributes_md5(m.system_attributes); !md5.empty()) {
    out.response["MD5OfMessageSystemAttributes"] = md5;
  }
  return out;
}

// Stores a prepared message, or answers for the original when it duplicates one sent within the
// deduplication window. Returns whether a new message was stored.
bool store(Backend& b, const Queue& queue, Outgoing& out, std::int64_t now_ms) {
  if (queue.fifo()) {
    if (const auto original = b.store().duplicate(queue.id, out.dedup_key, now_ms)) {
      out.response["MessageId"] = original->first;
      out.response["SequenceNumber"] = sequence_number(original->second);
      return false;
    }
  }
  const auto seq = b.store().insert_message(out.message);
  if (queue.fifo()) {
    b.store().remember_dedup(queue.id, out.dedup_key, out.message.message_id, seq,
                             now_ms + kDedupWindowMs);
    if (seq % kDedupSweepEvery == 0) {
      b.store().expire_dedup(now_ms);
    }
    out.response["SequenceNumber"] = sequence_number(seq);
  }
  return true;
}

// Wakes long polls: one per message that is visible now; every poller when a delayed message
// changes when the queue next has something (they re-plan their sleep).
void wake(Backend& b, const Queue& queue, std::size_t visible, std::size_t delayed) {
  if (delayed > 0) {
    b.waiters().notify_queue(queue.id);
  } else if (visible > 0) {
    b.waiters().notify(queue.id, visible);
  }
}

}  // namespace

Result send_message(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  const auto now = unix_now_ms();
  Outgoing out = prepare(ctx, *queue, input, now);
  core::Transaction tx(b.store().db());
  const bool stored = store(b, *queue, out, now);
  tx.commit();
  if (stored) {
    const bool delayed = out.message.visible_at_ms > now;
    wake(b, *queue, delayed ? 0 : 1, delayed ? 1 : 0);
  }
  co_return std::move(out.response);
}

Result send_message_batch(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  const auto entries = batch_entries(input, "SendMessageBatchRequestEntry");
  const auto now = unix_now_ms();
  // The batch's total size is checked before anything is sent.
  const auto text_size = [](const Json& object, const char* member) -> std::size_t {
    const auto it = object.find(member);
    return it != object.end() && it->is_string() ? it->get_ref<const std::string&>().size() : 0;
  };
  std::size_t total = 0;
  for (const Json* entry : entries) {
    total += text_size(*entry, "MessageBody");
    if (const auto it = entry->find("MessageAttributes"); it != entry->end() && it->is_object()) {
      for (const auto& [name, value] : it->items()) {
        if (value.is_object()) {
          total += name.size() + text_size(value, "DataType") + text_size(value, "StringValue") +
                   text_size(value, "BinaryValue") * 3 / 4;
        }
      }
    }
  }
  const auto limit = static_cast<std::size_t>(queue->number("MaximumMessageSize"));
  if (total > limit) {
    throw errors::batch_request_too_long(total, limit);
  }
  std::size_t visible = 0;
  std::size_t delayed = 0;
  core::Transaction tx(b.store().db());
  Json result = run_batch(entries, [&](const Json& entry) {
    Outgoing out = prepare(ctx, *queue, entry, now);
    if (store(b, *queue, out, now)) {
      ++(out.message.visible_at_ms > now ? delayed : visible);
    }
    return std::move(out.response);
  });
  tx.commit();
  wake(b, *queue, visible, delayed);
  co_return result;
}

}  // namespace preflight::sqs
