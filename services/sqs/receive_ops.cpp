#include <algorithm>
#include <array>
#include <chrono>
#include <set>

#include "emulator/common/crypto.h"
#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/sqs/errors.h"
#include "services/sqs/message_attributes.h"
#include "services/sqs/operations.h"
#include "services/sqs/params.h"
#include "services/sqs/receipt.h"

namespace preflight::sqs {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr std::int64_t kAttemptWindowMs = 5 * 60 * 1000;
constexpr std::array kSystemAttributes = {"SenderId",
                                          "SentTimestamp",
                                          "ApproximateReceiveCount",
                                          "ApproximateFirstReceiveTimestamp",
                                          "SequenceNumber",
                                          "MessageDeduplicationId",
                                          "MessageGroupId",
                                          "AWSTraceHeader",
                                          "DeadLetterQueueSourceArn"};

// What a ReceiveMessage asked for, checked once before any waiting.
struct ReceiveRequest {
  std::size_t max = 1;
  std::optional<std::int64_t> visibility;
  std::set<std::string> system_names;  // expanded from "All"
  std::vector<std::string> attribute_names;
};

ReceiveRequest parse(const Json& input) {
  ReceiveRequest r;
  r.max = static_cast<std::size_t>(
      params::integer(input, "MaxNumberOfMessages", 1, 10, "Must be between 1 and 10, if provided.")
          .value_or(1));
  r.visibility = params::integer(input, "VisibilityTimeout", 0, 43200,
                                 "Must be >= 0 and <= 43200, if provided.");
  // AttributeNames (older) and MessageSystemAttributeNames ask for the same things. Names that
  // are not message attributes (the older model lists queue attributes there) are ignored.
  for (const char* member : {"AttributeNames", "MessageSystemAttributeNames"}) {
    for (const auto& name : params::strings(input, member)) {
      if (name == "All") {
        r.system_names.insert(kSystemAttributes.begin(), kSystemAttributes.end());
      } else if (std::find(kSystemAttributes.begin(), kSystemAttributes.end(), name) !=
                 kSystemAttributes.end()) {
        r.system_names.insert(name);
      }
    }
  }
  r.attribute_names = params::strings(input, "MessageAttributeNames");
  return r;
}

Json system_attributes(const Message& m, const Queue& queue, const std::set<std::string>& names) {
  Json out = Json::object();
  const auto put = [&](const char* name, std::string value) {
    if (names.contains(name) && !value.empty()) {
      out[name] = std::move(value);
    }
  };
  put("SenderId", m.sender_id);
  put("SentTimestamp", std::to_string(m.sent_ms));
  put("ApproximateReceiveCount", std::to_string(m.receive_count));
  put("ApproximateFirstReceiveTimestamp", std::to_string(m.first_receive_ms));
  if (queue.fifo()) {
    put("SequenceNumber", sequence_number(m.seq));
    put("MessageDeduplicationId", m.dedup_id);
  }
  put("MessageGroupId", m.group_id);
  if (m.system_attributes.is_object() && m.system_attributes.contains("AWSTraceHeader")) {
    put("AWSTraceHeader", m.system_attributes["AWSTraceHeader"].value("StringValue", ""));
  }
  put("DeadLetterQueueSourceArn", m.dead_letter_source_arn);
  return out;
}

Json render(const Message& m, const Queue& queue, const ReceiveRequest& request,
            const std::string& receipt) {
  Json out = {{"MessageId", m.message_id},
              {"ReceiptHandle", receipt},
              {"MD5OfBody", md5_hex(m.body)},
              {"Body", m.body}};
  if (!request.system_names.empty()) {
    Json attributes = system_attributes(m, queue, request.system_names);
    if (!attributes.empty()) {
      out["Attributes"] = std::move(attributes);
    }
  }
  Json selected = select_attributes(m.attributes, request.attribute_names);
  if (!selected.is_null()) {
    out["MD5OfMessageAttributes"] = attributes_md5(selected);
    out["MessageAttributes"] = std::move(selected);
  }
  return out;
}

struct Taken {
  Json messages = Json::array();
  std::vector<std::pair<std::int64_t, std::string>> receipts;
};

// Receives up to request.max visible messages now: expired ones are dropped, ones received too
// often move to the dead-letter queue, and a FIFO queue skips groups with a message in flight.
Taken take(Backend& b, const Queue& queue, const ReceiveRequest& request) {
  Taken taken;
  Store& store = b.store();
  const auto now = unix_now_ms();
  const auto retention_ms = queue.number("MessageRetentionPeriod") * 1000;
  const auto visibility_ms = request.visibility.value_or(queue.number("VisibilityTimeout")) * 1000;
  const auto redrive = queue.redrive();
  const QueuePtr dead_letter = redrive ? b.find_by_arn(redrive->dead_letter_arn) : nullptr;
  const bool fifo = queue.fifo();
  const auto locked = fifo ? store.in_flight_groups(queue.id, now) : std::set<std::string>();
  std::size_t dead_lettered = 0;

  core::Transaction tx(store.db());
  const int page = static_cast<int>(std::max<std::size_t>(request.max * 2, 16));
  std::int64_t after = 0;
  while (taken.messages.size() < request.max) {
    auto batch = store.visible_messages(queue.id, now, after, page);
    for (auto& m : batch) {
      after = m.seq;
      if (taken.messages.size() >= request.max) {
        break;
      }
      if (m.sent_ms + retention_ms <= now) {
        store.delete_message(m.seq);
        continue;
      }
      if (fifo && locked.contains(m.group_id)) {
        continue;
      }
      if (dead_letter && m.receive_count >= redrive->max_receive_count) {
        store.move_message(m.seq, dead_letter->id, now, queue.arn());
        ++dead_lettered;
        continue;
      }
      Receipt receipt{queue.id, m.seq, random_alnum(16)};
      m.receive_count += 1;
      if (m.first_receive_ms == 0) {
        m.first_receive_ms = now;
      }
      store.mark_received(m.seq, now + visibility_ms, m.receive_count, m.first_receive_ms,
                          receipt.nonce);
      taken.messages.push_back(render(m, queue, request, encode_receipt(receipt)));
      taken.receipts.emplace_back(m.seq, std::move(receipt.nonce));
    }
    if (static_cast<int>(batch.size()) < page) {
      break;
    }
  }
  tx.commit();
  if (dead_lettered > 0) {
    b.waiters().notify(dead_letter->id, dead_lettered);
  }
  return taken;
}

// A retried FIFO receive (same ReceiveRequestAttemptId within 5 minutes) gets the same messages
// and receipt handles, as long as they are all still in flight under them.
std::optional<Json> retried_attempt(Backend& b, const std::string& key) {
  auto& attempts = b.attempts();
  const auto it = attempts.find(key);
  if (it == attempts.end()) {
    return std::nullopt;
  }
  const auto now = unix_now_ms();
  bool current = it->second.expires_ms > now;
  for (const auto& [seq, nonce] : it->second.receipts) {
    const auto m = current ? b.store().message(seq) : std::nullopt;
    current = m && m->receipt == nonce && m->visible_at_ms > now;
  }
  if (!current) {
    attempts.erase(it);
    return std::nullopt;
  }
  return it->second.response;
}

void remember_attempt(Backend& b, std::string key, const Json& response, Taken& taken) {
  auto& attempts = b.attempts();
  const auto now = unix_now_ms();
  if (attempts.size() > 10000) {
    std::erase_if(attempts, [now](const auto& entry) { return entry.second.expires_ms <= now; });
  }
  attempts[std::move(key)] = {response, std::move(taken.receipts), now + kAttemptWindowMs};
}

}  // namespace

Result receive_message(Backend& b, core::RequestContext& ctx, const Json& input) {
  auto queue = b.queue(ctx, input);
  const ReceiveRequest request = parse(input);
  const auto wait_seconds =
      params::integer(input, "WaitTimeSeconds", 0, 20, "Must be >= 0 and <= 20, if provided.")
          .value_or(queue->number("ReceiveMessageWaitTimeSeconds"));
  std::string attempt_key;
  if (const auto attempt = core::input::string(input, "ReceiveRequestAttemptId");
      attempt && queue->fifo()) {
    attempt_key = std::to_string(queue->id) + '\n' + *attempt;
    if (auto response = retried_attempt(b, attempt_key)) {
      co_return std::move(*response);
    }
  }

  const auto deadline = SteadyClock::now() + std::chrono::seconds(wait_seconds);
  for (;;) {
    Taken taken = take(b, *queue, request);
    if (!taken.messages.empty()) {
      Json response = {{"Messages", std::move(taken.messages)}};
      if (!attempt_key.empty()) {
        remember_attempt(b, std::move(attempt_key), response, taken);
      }
      co_return response;
    }
    const auto steady_now = SteadyClock::now();
    if (steady_now >= deadline || b.waiters().stopping()) {
      co_return Json::object();
    }
    // Sleep until a send wakes us, the next delayed or in-flight message turns visible, or the
    // deadline: whichever is first.
    auto wake_at = deadline;
    if (const auto next = b.store().next_visible_ms(queue->id, unix_now_ms())) {
      wake_at =
          std::min(wake_at, steady_now + std::chrono::milliseconds(*next - unix_now_ms() + 1));
    }
    co_await b.waiters().wait(queue->id, wake_at);
    queue = b.find(queue->account_id, queue->region, queue->name);
    if (!queue) {
      co_return Json::object();  // deleted while we waited
    }
  }
}

}  // namespace preflight::sqs
