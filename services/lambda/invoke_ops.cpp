#include "emulator/common/crypto.h"
#include "emulator/service/input.h"
#include "services/lambda/async_invoker.h"
#include "services/lambda/errors.h"
#include "services/lambda/operations.h"

namespace preflight::lambda {
namespace input = core::input;

namespace {

// Lambda's payload limits: 6 MB for a synchronous invoke, 256 KB (since 2025: 1 MB) queued.
constexpr std::size_t kSyncPayload = 6 * 1024 * 1024;
constexpr std::size_t kAsyncPayload = 1024 * 1024;
constexpr std::size_t kTailBytes = 4096;

std::string tail_of(const std::string& log) {
  return log.size() <= kTailBytes ? log : log.substr(log.size() - kTailBytes);
}

}  // namespace

Result invoke(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = parse_function_ref(ctx, input::string(in, "FunctionName").value_or(""),
                                      input::string(in, "Qualifier"));
  const std::string type = input::string(in, "InvocationType").value_or("RequestResponse");
  if (type != "RequestResponse" && type != "Event" && type != "DryRun") {
    throw core::errors::validation(
        "1 validation error detected: Value '" + type +
        "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value "
        "set: [Event, RequestResponse, DryRun]");
  }
  std::string payload = input::string(in, "Payload").value_or("");
  if (payload.empty()) {
    payload = "{}";
  }
  if (payload.size() > (type == "Event" ? kAsyncPayload : kSyncPayload)) {
    throw errors::request_too_large(type == "Event" ? kAsyncPayload : kSyncPayload,
                                    "InvokeFunction");
  }
  if (!Json::accept(payload)) {
    throw errors::invalid_request_content(
        "Could not parse request body into json: Could not parse payload into json: "
        "Unexpected character: was expecting a JSON value");
  }
  const Target target = b.target(ref);
  if (type == "DryRun") {
    co_return Json{{"StatusCode", 204}};
  }
  if (type == "Event") {
    b.async().enqueue(ref.qualified_arn(), ref.account_id, ref.region, std::move(payload));
    co_return Json{{"StatusCode", 202}, {"Payload", ""}};
  }
  std::string client_context;
  if (auto cc = input::string(in, "ClientContext")) {
    client_context = base64_decode(*cc).value_or("");
  }
  const InvokeOutcome outcome =
      co_await b.run(target, std::move(payload), std::move(client_context), false);
  Json out{{"StatusCode", 200}, {"ExecutedVersion", target.version}, {"Payload", outcome.payload}};
  if (!outcome.function_error.empty()) {
    out["FunctionError"] = outcome.function_error;
  }
  if (input::string(in, "LogType").value_or("None") == "Tail") {
    out["LogResult"] = base64_encode(tail_of(outcome.log_tail));
  }
  co_return out;
}

}  // namespace preflight::lambda
