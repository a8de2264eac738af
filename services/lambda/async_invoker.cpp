#include "services/lambda/async_invoker.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "emulator/common/ids.h"
#include "emulator/common/log.h"
#include "emulator/common/time_format.h"
#include "emulator/protocol/json_body.h"
#include "services/lambda/backend.h"
#include "services/lambda/sqs_client.h"

namespace preflight::lambda {

namespace asio = boost::asio;

namespace {

Json parsed(const std::string& text) {
  Json value = Json::parse(text, nullptr, false);
  return value.is_discarded() ? Json(text) : value;
}

std::string destination(const Json& config, const char* which) {
  const auto dc = config.find("DestinationConfig");
  if (dc == config.end() || !dc->is_object() || !dc->contains(which)) {
    return "";
  }
  return (*dc)[which].value("Destination", "");
}

}  // namespace

AsyncInvoker::AsyncInvoker(Backend& b)
    : b_(b),
      retry_ms_(static_cast<std::int64_t>(
          std::stod(b.env().config.option("lambda.async-retry-seconds", "60")) * 1000)) {}

void AsyncInvoker::enqueue(std::string qualified_arn, std::string account_id, std::string region,
                           std::string payload) {
  AsyncEvent e;
  e.account_id = std::move(account_id);
  e.region = std::move(region);
  e.function_arn = std::move(qualified_arn);
  e.payload = std::move(payload);
  e.request_id = new_uuid();
  e.created_ms = unix_now_ms();
  e.next_attempt_ms = e.created_ms;
  e.id = b_.store().insert_async(e);
  asio::co_spawn(b_.env().executor, process(std::move(e), generation_), asio::detached);
}

void AsyncInvoker::resume() {
  for (auto& e : b_.store().async_events()) {
    asio::co_spawn(b_.env().executor, process(std::move(e), generation_), asio::detached);
  }
}

void AsyncInvoker::forget_all() {
  ++generation_;
}

asio::awaitable<void> AsyncInvoker::process(AsyncEvent e, std::uint64_t generation) {
  asio::steady_timer timer(b_.env().executor);
  for (;;) {
    const auto wait_ms = e.next_attempt_ms - unix_now_ms();
    if (wait_ms > 0) {
      timer.expires_after(std::chrono::milliseconds(wait_ms));
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (generation != generation_) {
      co_return;
    }
    Json invoke_config = Json::object();
    std::string executed_version;
    InvokeOutcome outcome;
    try {
      const auto ref = parse_function_ref(e.account_id, e.region, e.function_arn);
      const Function f = b_.function(ref);
      const std::string qualifier = ref.qualifier.empty() ? "$LATEST" : ref.qualifier;
      invoke_config = f.invoke_configs.value(qualifier, Json::object());
      const Target target = b_.target(ref);
      executed_version = target.version;
      outcome = co_await b_.run(target, e.payload, std::string(), true);
    } catch (const std::exception& ex) {
      // The function is gone or cannot run: nothing more to retry.
      log::warn("lambda: dropping asynchronous event " + e.request_id + " for " + e.function_arn +
                ": " + ex.what());
      b_.store().delete_async(e.id);
      co_return;
    }
    if (generation != generation_) {
      co_return;
    }
    ++e.attempts;
    const bool failed = !outcome.function_error.empty();
    const auto max_retries = invoke_config.value("MaximumRetryAttempts", std::int64_t{2});
    const auto max_age_ms =
        invoke_config.value("MaximumEventAgeInSeconds", std::int64_t{21600}) * 1000;
    const auto next = unix_now_ms() + retry_ms_ * e.attempts;
    if (failed && e.attempts <= max_retries && next - e.created_ms <= max_age_ms) {
      e.next_attempt_ms = next;
      b_.store().update_async(e);
      continue;
    }
    b_.store().delete_async(e.id);
    co_await deliver(e, invoke_config, !failed, executed_version, outcome.payload,
                     outcome.function_error, outcome.error_type);
    co_return;
  }
}

asio::awaitable<void> AsyncInvoker::deliver(const AsyncEvent& e, const Json& invoke_config,
                                            bool success, const std::string& executed_version,
                                            const std::string& response,
                                            const std::string& function_error,
                                            std::string_view error_type) {
  const std::string target = destination(invoke_config, success ? "OnSuccess" : "OnFailure");
  std::string dead_letter;
  if (!success && target.empty()) {
    try {
      const auto ref = parse_function_ref(e.account_id, e.region, e.function_arn);
      const Json config = b_.qualified_config(ref);
      dead_letter = config.value("DeadLetterConfig", Json::object()).value("TargetArn", "");
    } catch (const std::exception&) {
    }
  }
  try {
    if (!target.empty()) {
      Json record{{"version", "1.0"},
                  {"timestamp", iso8601_ms(unix_now_ms())},
                  {"requestContext",
                   {{"requestId", e.request_id},
                    {"functionArn", e.function_arn},
                    {"condition", success ? "Success" : "RetriesExhausted"},
                    {"approximateInvokeCount", e.attempts}}},
                  {"requestPayload", parsed(e.payload)},
                  {"responseContext", {{"statusCode", 200}, {"executedVersion", executed_version}}},
                  {"responsePayload", parsed(response)}};
      if (!function_error.empty()) {
        record["responseContext"]["functionError"] = function_error;
      }
      if (target.starts_with("arn:aws:sqs:")) {
        co_await sqs_client::send(b_.env(), target, core::dump_json(record));
      } else if (target.starts_with("arn:aws:lambda:")) {
        const auto ref = parse_function_ref(e.account_id, e.region, target);
        enqueue(ref.qualified_arn(), ref.account_id, ref.region, core::dump_json(record));
      } else {
        log::warn("lambda: destination " + target + " is not supported (SQS and Lambda are)");
      }
    } else if (!dead_letter.empty()) {
      Json attributes{{"RequestID", {{"DataType", "String"}, {"StringValue", e.request_id}}},
                      {"ErrorCode", {{"DataType", "Number"}, {"StringValue", "200"}}},
                      {"ErrorMessage",
                       {{"DataType", "String"},
                        {"StringValue", error_type.empty() ? response : std::string(error_type)}}}};
      co_await sqs_client::send(b_.env(), dead_letter, e.payload, std::move(attributes));
    }
  } catch (const std::exception& ex) {
    log::warn("lambda: could not deliver the result of " + e.request_id + " to " +
              (target.empty() ? dead_letter : target) + ": " + ex.what());
  }
}

}  // namespace preflight::lambda
