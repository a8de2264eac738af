#include "services/lambda/event_sources.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <set>

#include "emulator/common/log.h"
#include "emulator/common/time_format.h"
#include "emulator/protocol/json_body.h"
#include "services/lambda/backend.h"
#include "services/lambda/event_shapes.h"
#include "services/lambda/names.h"
#include "services/lambda/sqs_client.h"

namespace preflight::lambda {

namespace asio = boost::asio;

namespace {

asio::awaitable<void> sleep_ms(const asio::any_io_executor& ex, std::int64_t ms) {
  asio::steady_timer timer(ex, std::chrono::milliseconds(ms));
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

bool reports_item_failures(const Json& config) {
  for (const auto& t : config.value("FunctionResponseTypes", Json::array())) {
    if (t == "ReportBatchItemFailures") {
      return true;
    }
  }
  return false;
}

// The item identifiers a ReportBatchItemFailures answer names; nullopt when the answer is not
// one (then the whole batch failed, as on AWS).
std::optional<std::set<std::string>> failed_items(const std::string& payload) {
  const Json answer = Json::parse(payload, nullptr, false);
  if (answer.is_null() || (answer.is_object() && !answer.contains("batchItemFailures"))) {
    return std::set<std::string>{};
  }
  if (!answer.is_object() || !answer["batchItemFailures"].is_array()) {
    return std::nullopt;
  }
  std::set<std::string> ids;
  for (const auto& f : answer["batchItemFailures"]) {
    if (!f.is_object() || !f.contains("itemIdentifier") || !f["itemIdentifier"].is_string() ||
        f["itemIdentifier"].get<std::string>().empty()) {
      return std::nullopt;
    }
    ids.insert(f["itemIdentifier"].get<std::string>());
  }
  return ids;
}

// DeleteMessageBatch requests (10 entries each) for every message of a batch but those kept.
std::vector<Json> delete_batches(const std::string& url, const Json& messages,
                                 const std::set<std::string>& keep) {
  std::vector<Json> requests;
  Json entries = Json::array();
  auto flush = [&] {
    if (!entries.empty()) {
      requests.push_back(Json{{"QueueUrl", url}, {"Entries", std::move(entries)}});
      entries = Json::array();
    }
  };
  for (const auto& msg : messages) {
    if (!keep.contains(msg.value("MessageId", ""))) {
      entries.push_back({{"Id", std::to_string(entries.size())},
                         {"ReceiptHandle", msg.value("ReceiptHandle", "")}});
    }
    if (entries.size() == 10) {
      flush();
    }
  }
  flush();
  return requests;
}

}  // namespace

EventSources::EventSources(Backend& b)
    : b_(b),
      retry_ms_(static_cast<std::int64_t>(
          std::stod(b.env().config.option("lambda.stream-retry-seconds", "1")) * 1000)) {}

void EventSources::start(const std::string& uuid) {
  const auto m = b_.store().mapping(uuid);
  if (!m || m->config.value("State", "") == "Disabled" || stopping_) {
    running_.erase(uuid);
    return;
  }
  const auto generation = next_generation_++;
  running_[uuid] = generation;
  const bool queue = m->config.value("EventSourceArn", "").starts_with("arn:aws:sqs:");
  asio::co_spawn(b_.env().executor,
                 queue ? poll_queue(uuid, generation) : poll_stream(uuid, generation),
                 asio::detached);
}

void EventSources::resume() {
  for (const auto& m : b_.store().mappings()) {
    start(m.uuid);
  }
}

void EventSources::forget_all() {
  running_.clear();
}

std::optional<Mapping> EventSources::current(const std::string& uuid, std::uint64_t generation) {
  const auto it = running_.find(uuid);
  if (stopping_ || it == running_.end() || it->second != generation) {
    return std::nullopt;
  }
  auto m = b_.store().mapping(uuid);
  if (!m || m->config.value("State", "") == "Disabled") {
    running_.erase(uuid);
    return std::nullopt;
  }
  return m;
}

asio::awaitable<void> EventSources::poll_queue(std::string uuid, std::uint64_t generation) {
  const auto ex = b_.env().executor;
  std::string url;
  while (auto m = current(uuid, generation)) {
    const Json& c = m->config;
    const std::string source = c.value("EventSourceArn", "");
    const auto queue = sqs_client::parse_queue_arn(source);
    const core::CallerScope scope{queue ? queue->account_id : m->account_id,
                                  queue ? queue->region : m->region};
    try {
      if (url.empty()) {
        url = co_await sqs_client::queue_url(b_.env(), *queue);
      }
      // A batch: up to BatchSize messages, gathered for at most the batching window.
      const auto batch_size = c.value("BatchSize", std::int64_t{10});
      const auto window_ms = c.value("MaximumBatchingWindowInSeconds", std::int64_t{0}) * 1000;
      const auto until = unix_now_ms() + window_ms;
      Json messages = Json::array();
      for (;;) {
        const auto want =
            std::min<std::int64_t>(10, batch_size - static_cast<std::int64_t>(messages.size()));
        const auto left_ms = until - unix_now_ms();
        const Json all = Json::array({"All"});
        Json receive = Json::object();
        receive["QueueUrl"] = url;
        receive["MaxNumberOfMessages"] = want;
        receive["WaitTimeSeconds"] =
            messages.empty() ? 1 : std::max<std::int64_t>(0, left_ms / 1000);
        receive["AttributeNames"] = all;
        receive["MessageSystemAttributeNames"] = all;
        receive["MessageAttributeNames"] = all;
        const Json out =
            co_await core::call_service(b_.env(), "sqs", "ReceiveMessage", receive, scope);
        for (const auto& msg : out.value("Messages", Json::array())) {
          messages.push_back(msg);
        }
        if (static_cast<std::int64_t>(messages.size()) >= batch_size || unix_now_ms() >= until ||
            !current(uuid, generation) || out.value("Messages", Json::array()).empty()) {
          break;
        }
      }
      if (messages.empty()) {
        continue;
      }
      if (!current(uuid, generation)) {
        co_return;  // disabled meanwhile: the messages turn visible again
      }
      const auto ref = parse_function_ref(m->account_id, m->region, c.value("FunctionArn", ""));
      const Target target = b_.target(ref);
      std::string event = core::dump_json(sqs_event(messages, source, scope.region));
      const InvokeOutcome outcome = co_await b_.run(target, std::move(event), std::string(), true);
      std::set<std::string> keep;  // message ids left on the queue for a retry
      if (!outcome.function_error.empty()) {
        continue;
      }
      if (reports_item_failures(c)) {
        const auto failed = failed_items(outcome.payload);
        if (!failed) {
          continue;
        }
        keep = *failed;
      }
      for (const auto& request : delete_batches(url, messages, keep)) {
        co_await core::call_service(b_.env(), "sqs", "DeleteMessageBatch", request, scope);
      }
    } catch (const std::exception&) {
      // The queue or function is gone or failing: look again shortly, as Lambda's pollers do.
      url.clear();
    }
    if (url.empty()) {
      co_await sleep_ms(ex, 1000);
    }
  }
}

asio::awaitable<void> EventSources::poll_stream(std::string uuid, std::uint64_t generation) {
  const auto ex = b_.env().executor;
  std::string iterator;
  std::string shard;
  while (auto m = current(uuid, generation)) {
    Json& c = m->config;
    const std::string source = c.value("EventSourceArn", "");
    const core::CallerScope scope{m->account_id, m->region};
    try {
      if (iterator.empty()) {
        const Json describe{{"StreamArn", source}};
        const Json described = co_await core::call_service(b_.env(), "dynamodbstreams",
                                                           "DescribeStream", describe, scope);
        const Json& shards = described["StreamDescription"]["Shards"];
        if (shards.empty()) {
          co_await sleep_ms(ex, 250);
          continue;
        }
        shard = shards.back().value("ShardId", "");
        Json request{{"StreamArn", source}, {"ShardId", shard}};
        const std::string after =
            m->position.is_object() ? m->position.value(shard, "") : std::string();
        if (!after.empty()) {
          request["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER";
          request["SequenceNumber"] = after;
        } else {
          request["ShardIteratorType"] =
              c.value("StartingPosition", "LATEST") == "TRIM_HORIZON" ? "TRIM_HORIZON" : "LATEST";
        }
        iterator = (co_await core::call_service(b_.env(), "dynamodbstreams", "GetShardIterator",
                                                request, scope))
                       .value("ShardIterator", "");
      }
      const Json get{{"ShardIterator", iterator},
                     {"Limit", c.value("BatchSize", std::int64_t{100})}};
      const Json out =
          co_await core::call_service(b_.env(), "dynamodbstreams", "GetRecords", get, scope);
      const Json& records = out["Records"];
      if (records.empty()) {
        iterator = out.value("NextShardIterator", "");
        co_await sleep_ms(ex, 250);  // Lambda polls a shard four times a second
        continue;
      }
      const std::string payload = core::dump_json(stream_event(records, source));
      const auto max_retries = c.value("MaximumRetryAttempts", std::int64_t{-1});
      InvokeOutcome outcome;
      for (std::int64_t attempt = 0;; ++attempt) {
        if (!current(uuid, generation)) {
          co_return;  // the batch is retried by whoever runs the mapping next
        }
        const auto ref = parse_function_ref(m->account_id, m->region, c.value("FunctionArn", ""));
        const Target target = b_.target(ref);
        outcome = co_await b_.run(target, payload, std::string(), true);
        if (outcome.function_error.empty() || (max_retries >= 0 && attempt >= max_retries)) {
          break;
        }
        co_await sleep_ms(ex, retry_ms_);
      }
      const std::string on_failure = c.value("DestinationConfig", Json::object())
                                         .value("OnFailure", Json::object())
                                         .value("Destination", "");
      if (!outcome.function_error.empty() && on_failure.starts_with("arn:aws:sqs:")) {
        try {
          co_await sqs_client::send(
              b_.env(), on_failure,
              core::dump_json(stream_failure_record(c, records, source, shard, outcome)));
        } catch (const std::exception& e) {
          log::warn(std::string("lambda: could not send a failed stream batch to ") + on_failure +
                    ": " + e.what());
        }
      }
      // Checkpoint after the batch: a restart resumes after it.
      if (auto latest = current(uuid, generation)) {
        if (!latest->position.is_object()) {
          latest->position = Json::object();
        }
        latest->position[shard] = records.back()["dynamodb"].value("SequenceNumber", "");
        latest->config["LastProcessingResult"] =
            outcome.function_error.empty() ? "OK" : "PROBLEM: Function call failed";
        b_.store().put_mapping(*latest);
      }
      iterator = out.value("NextShardIterator", "");
    } catch (const std::exception&) {
      // The stream is gone or the iterator expired: start again from the checkpoint.
      iterator.clear();
    }
    if (iterator.empty()) {
      co_await sleep_ms(ex, 250);
    }
  }
}

}  // namespace preflight::lambda
