#include <algorithm>

#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/sqs/errors.h"
#include "services/sqs/operations.h"
#include "services/sqs/params.h"
#include "services/sqs/tags.h"

namespace preflight::sqs {
namespace {

constexpr int kMaxListed = 1000;

bool is_true(const Json& value) {
  return (value.is_string() && value.get<std::string>() == "true") ||
         (value.is_boolean() && value.get<bool>());
}

// A RedrivePolicy must name an existing dead-letter queue that allows this queue as a source.
void check_dead_letter_target(Backend& b, const std::map<std::string, std::string>& attributes,
                              const std::string& source_arn) {
  const auto it = attributes.find("RedrivePolicy");
  if (it == attributes.end() || it->second.empty()) {
    return;
  }
  Queue probe;
  probe.attributes = attributes;
  const auto redrive = probe.redrive();
  const auto invalid = [&](std::string_view reason) {
    return errors::invalid_parameter(
        "Value " + it->second +
        " for parameter RedrivePolicy is invalid. Reason: " + std::string(reason));
  };
  const auto target = b.find_by_arn(redrive->dead_letter_arn);
  if (!target) {
    throw invalid("Dead letter target does not exist.");
  }
  if (!allows_dead_letter_source(*target, source_arn)) {
    throw invalid("Queue " + source_arn + " is not allowed to use " + target->arn() +
                  " as its dead-letter queue (RedriveAllowPolicy).");
  }
}

std::vector<std::string> attribute_names(const Json& input) {
  auto names = params::strings(input, "AttributeNames");
  for (const auto& name : names) {
    if (name != "All" && !is_queue_attribute(name)) {
      throw errors::invalid_attribute_name(name);
    }
  }
  return names;
}

Json queue_attributes(Backend& b, const Queue& queue, const std::vector<std::string>& names) {
  const bool all = std::find(names.begin(), names.end(), "All") != names.end();
  const auto wanted = [&](std::string_view name) {
    return all || std::find(names.begin(), names.end(), name) != names.end();
  };
  Json out = Json::object();
  const auto put = [&](const std::string& name, std::string value) {
    if (wanted(name) && !value.empty()) {
      out[name] = std::move(value);
    }
  };
  for (const char* name :
       {"DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod",
        "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "SqsManagedSseEnabled", "Policy",
        "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId"}) {
    put(name, queue.attribute(name));
  }
  if (queue.attributes.contains("KmsMasterKeyId")) {
    put("KmsDataKeyReusePeriodSeconds", queue.attribute("KmsDataKeyReusePeriodSeconds"));
  }
  if (queue.fifo()) {
    for (const char* name :
         {"FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}) {
      put(name, queue.attribute(name));
    }
  }
  put("QueueArn", queue.arn());
  put("CreatedTimestamp", std::to_string(queue.created));
  put("LastModifiedTimestamp", std::to_string(queue.last_modified));
  if (wanted("ApproximateNumberOfMessages") || wanted("ApproximateNumberOfMessagesNotVisible") ||
      wanted("ApproximateNumberOfMessagesDelayed")) {
    const auto now = unix_now_ms();
    b.store().delete_sent_before(queue.id, now - queue.number("MessageRetentionPeriod") * 1000);
    const auto counts = b.store().counts(queue.id, now);
    put("ApproximateNumberOfMessages", std::to_string(counts.visible));
    put("ApproximateNumberOfMessagesNotVisible", std::to_string(counts.in_flight));
    put("ApproximateNumberOfMessagesDelayed", std::to_string(counts.delayed));
  }
  return out;
}

}  // namespace

Result create_queue(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto name = params::required_string(input, "QueueName");
  const Json* given = params::map(input, "Attributes");
  const bool fifo =
      given != nullptr && given->contains("FifoQueue") && is_true((*given)["FifoQueue"]);
  check_queue_name(name, fifo);
  auto attributes = check_queue_attributes(given ? *given : Json::object(), true, fifo);
  if (!fifo) {
    attributes.erase("FifoQueue");  // "false" is the default, not a setting
  }
  Queue queue;
  queue.account_id = ctx.account_id;
  queue.region = ctx.region;
  queue.name = name;
  check_dead_letter_target(b, attributes, queue.arn());

  if (const auto existing = b.find(ctx.account_id, ctx.region, name)) {
    for (const auto& [key, value] : attributes) {
      if (existing->attribute(key) != value) {
        throw errors::queue_already_exists(name);
      }
    }
    co_return Json{{"QueueUrl", b.url(ctx, *existing)}};
  }
  queue.attributes = std::move(attributes);
  queue.tags = checked_tags(params::map(input, "tags"));
  queue.created = queue.last_modified = unix_now();
  queue.id = b.store().insert_queue(queue);
  co_return Json{{"QueueUrl", b.url(ctx, queue)}};
}

Result get_queue_url(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto name = params::required_string(input, "QueueName");
  const auto owner = core::input::string(input, "QueueOwnerAWSAccountId");
  const auto queue = b.find(owner && !owner->empty() ? *owner : ctx.account_id, ctx.region, name);
  if (!queue) {
    throw errors::queue_does_not_exist();
  }
  co_return Json{{"QueueUrl", b.url(ctx, *queue)}};
}

Result list_queues(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto prefix = core::input::string(input, "QueueNamePrefix").value_or("");
  const auto max = params::integer(input, "MaxResults", 1, kMaxListed,
                                   "MaxResults must be an integer between 1 and 1000.");
  const int limit = max ? static_cast<int>(*max) : kMaxListed;
  auto queues = b.store().list_queues(ctx.account_id, ctx.region, prefix,
                                      params::after_token(input), limit + 1);
  Json out = Json::object();
  const bool more = static_cast<int>(queues.size()) > limit;
  if (more) {
    queues.pop_back();
  }
  if (!queues.empty()) {
    Json urls = Json::array();
    for (const auto& q : queues) {
      urls.push_back(b.url(ctx, q));
    }
    out["QueueUrls"] = std::move(urls);
  }
  if (more && max) {
    out["NextToken"] = params::next_token(queues.back().name);
  }
  co_return out;
}

Result delete_queue(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  b.store().delete_queue(queue->id);
  b.forget(*queue);
  b.waiters().notify_queue(queue->id);
  co_return Json();
}

Result get_queue_attributes(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  const auto names = attribute_names(input);
  Json attributes = queue_attributes(b, *queue, names);
  co_return attributes.empty() ? Json::object() : Json{{"Attributes", std::move(attributes)}};
}

Result set_queue_attributes(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  const Json* given = params::map(input, "Attributes");
  if (given == nullptr) {
    throw errors::missing_parameter("Attributes");
  }
  const auto changes = check_queue_attributes(*given, false, queue->fifo());
  Queue updated = *queue;
  for (const auto& [key, value] : changes) {
    if (value.empty()) {
      updated.attributes.erase(key);
    } else {
      updated.attributes[key] = value;
    }
  }
  check_dead_letter_target(b, updated.attributes, updated.arn());
  updated.last_modified = unix_now();
  b.store().update_queue(updated);
  b.forget(*queue);
  // A shorter delay or wait may let parked receivers answer sooner.
  b.waiters().notify_queue(queue->id);
  co_return Json();
}

Result purge_queue(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  if (!b.may_purge(queue->id, unix_now_ms())) {
    throw errors::purge_in_progress(b.url(ctx, *queue));
  }
  b.store().purge(queue->id);
  co_return Json();
}

Result list_dead_letter_source_queues(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto dead_letter = b.queue(ctx, input);
  const auto max = params::integer(input, "MaxResults", 1, kMaxListed,
                                   "MaxResults must be an integer between 1 and 1000.");
  const int limit = max ? static_cast<int>(*max) : kMaxListed;
  const std::string after = params::after_token(input);
  Json urls = Json::array();
  bool more = false;
  std::string last;
  for (const auto& q : b.dead_letter_sources(*dead_letter)) {
    if (q.name <= after) {
      continue;
    }
    if (static_cast<int>(urls.size()) == limit) {
      more = true;
      break;
    }
    urls.push_back(b.url(ctx, q));
    last = q.name;
  }
  Json out = {{"queueUrls", std::move(urls)}};
  if (more && max) {
    out["NextToken"] = params::next_token(last);
  }
  co_return out;
}

}  // namespace preflight::sqs
