#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/lambda/errors.h"
#include "services/lambda/operations.h"

// Asynchronous invocation settings per qualifier: retries, event age, destinations.
namespace preflight::lambda {
namespace input = core::input;

namespace {

struct Scope {
  FunctionRef ref;
  Function f;
  std::string qualifier;  // "$LATEST" when unqualified
};

Scope scope(Backend& b, Ctx& ctx, const Json& in) {
  Scope s;
  s.ref = parse_function_ref(ctx, input::string(in, "FunctionName").value_or(""),
                             input::string(in, "Qualifier"));
  s.f = b.function(s.ref);
  if (!s.ref.qualifier.empty()) {
    b.qualified_config(s.ref);
  }
  s.qualifier = s.ref.qualifier.empty() ? std::string(kLatest) : s.ref.qualifier;
  return s;
}

void apply(Json& config, const Json& in) {
  if (auto n = input::integer(in, "MaximumRetryAttempts")) {
    if (*n < 0 || *n > 2) {
      throw core::errors::validation("1 validation error detected: Value '" + std::to_string(*n) +
                                     "' at 'maximumRetryAttempts' failed to satisfy constraint: "
                                     "Member must have value less than or equal to 2");
    }
    config["MaximumRetryAttempts"] = *n;
  }
  if (auto n = input::integer(in, "MaximumEventAgeInSeconds")) {
    if (*n < 60 || *n > 21600) {
      throw core::errors::validation(
          "1 validation error detected: Value '" + std::to_string(*n) +
          "' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value "
          "between 60 and 21600");
    }
    config["MaximumEventAgeInSeconds"] = *n;
  }
  if (const Json* dc = input::object(in, "DestinationConfig")) {
    Json out = Json::object();
    for (const char* which : {"OnSuccess", "OnFailure"}) {
      if (const Json* d = input::object(*dc, which)) {
        if (auto arn = input::string(*d, "Destination")) {
          out[which] = Json{{"Destination", *arn}};
        }
      }
    }
    config["DestinationConfig"] = std::move(out);
  }
}

Json presented(const Scope& s, Json config) {
  config["FunctionArn"] = function_arn(s.ref.region, s.ref.account_id, s.ref.name, s.qualifier);
  return config;
}

Result put_or_update(Backend& b, Ctx& ctx, const Json& in, bool replace) {
  Scope s = scope(b, ctx, in);
  Json& config = s.f.invoke_configs[s.qualifier];
  if (replace || config.is_null()) {
    config = Json::object();
  }
  apply(config, in);
  config["LastModified"] = static_cast<double>(unix_now_ms()) / 1000.0;
  b.store().update_function(s.f);
  co_return presented(s, config);
}

}  // namespace

Result put_function_event_invoke_config(Backend& b, Ctx& ctx, const Json& in) {
  return put_or_update(b, ctx, in, true);
}

Result update_function_event_invoke_config(Backend& b, Ctx& ctx, const Json& in) {
  return put_or_update(b, ctx, in, false);
}

Result get_function_event_invoke_config(Backend& b, Ctx& ctx, const Json& in) {
  const Scope s = scope(b, ctx, in);
  if (!s.f.invoke_configs.contains(s.qualifier)) {
    throw errors::not_found("The function " + s.ref.qualified_arn() +
                            " doesn't have an EventInvokeConfig");
  }
  co_return presented(s, s.f.invoke_configs[s.qualifier]);
}

Result delete_function_event_invoke_config(Backend& b, Ctx& ctx, const Json& in) {
  Scope s = scope(b, ctx, in);
  if (s.f.invoke_configs.erase(s.qualifier) == 0) {
    throw errors::not_found("The function " + s.ref.qualified_arn() +
                            " doesn't have an EventInvokeConfig");
  }
  b.store().update_function(s.f);
  co_return Json::object();
}

}  // namespace preflight::lambda
