#include "services/apigateway/usage.h"

#include <algorithm>
#include <ctime>

#include "emulator/common/time_format.h"
#include "services/apigateway/backend.h"
#include "services/apigateway/data_plane.h"
#include "services/apigateway/exchange.h"

namespace preflight::apigateway {

std::int64_t quota_window(const std::string& period, std::int64_t epoch) {
  const std::int64_t day = epoch / 86400;
  if (period == "WEEK") {
    return (day + 3) / 7;  // weeks start on Monday; 1970-01-01 was a Thursday
  }
  if (period == "MONTH") {
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return static_cast<std::int64_t>(tm.tm_year) * 12 + tm.tm_mon;
  }
  return day;
}

UsageMeter::Verdict UsageMeter::take(const std::string& key, const Json& throttle,
                                     const Json& quota) {
  Meter& m = meters_[key];
  const auto now = std::chrono::steady_clock::now();
  if (throttle.is_object()) {
    const double rate = throttle.value("rateLimit", 0.0);
    const double burst = std::max(1.0, throttle.value("burstLimit", 0.0));
    if (rate > 0 || throttle.contains("burstLimit")) {
      if (m.tokens < 0) {
        m.tokens = burst;
      } else {
        const std::chrono::duration<double> elapsed = now - m.refilled;
        m.tokens = std::min(burst, m.tokens + elapsed.count() * rate);
      }
      m.refilled = now;
      if (m.tokens < 1.0) {
        return Verdict::Throttled;
      }
    }
  }
  if (quota.is_object() && quota.value("limit", 0LL) > 0) {
    const std::int64_t window = quota_window(quota.value("period", "DAY"), unix_now());
    if (window != m.window) {
      m.window = window;
      m.used = 0;
    }
    if (m.used >= quota.value("limit", 0LL)) {
      return Verdict::QuotaExceeded;
    }
    ++m.used;
  }
  if (m.tokens >= 1.0) {
    m.tokens -= 1.0;
  }
  return Verdict::Ok;
}

void UsageMeter::forget(const std::string& plan_id) {
  const std::string prefix = plan_id + "/";
  std::erase_if(meters_, [&](const auto& e) { return e.first.starts_with(prefix); });
}

namespace {

// The usage plan that lets this key call this API's stage, if any.
std::optional<Json> plan_for(Store& store, const Scope& s, const std::string& key_id,
                             const std::string& api_id, const std::string& stage) {
  for (auto& plan : store.list(s, kind::usage_plan, "")) {
    const std::string plan_id = plan["id"];
    if (!store.get(s, kind::plan_key, "plan:" + plan_id, key_id)) {
      continue;
    }
    for (const auto& st : member(plan, "apiStages")) {
      if (st.value("apiId", "") == api_id && st.value("stage", "") == stage) {
        return std::move(plan);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<HttpResponse> check_api_key(Exchange& x) {
  if (!x.method().value("apiKeyRequired", false)) {
    return std::nullopt;
  }
  const std::string source = x.deployment->snapshot["api"].value("apiKeySource", "HEADER");
  const std::string value = source == "AUTHORIZER"
                                ? x.usage_identifier_key
                                : std::string(x.http.headers.get_or("x-api-key"));
  if (value.empty()) {
    return gateway_response(x, "INVALID_API_KEY", "Forbidden");
  }
  Store& store = x.backend.store();
  std::optional<Json> key;
  for (auto& k : store.list(x.scope, kind::api_key, "")) {
    if (k.value("value", "") == value) {
      key = std::move(k);
      break;
    }
  }
  if (!key || !key->value("enabled", false)) {
    return gateway_response(x, "INVALID_API_KEY", "Forbidden");
  }
  const std::string key_id = (*key)["id"];
  const auto plan = plan_for(store, x.scope, key_id, x.api_id, x.stage_name);
  if (!plan) {
    return gateway_response(x, "INVALID_API_KEY", "Forbidden");
  }
  x.context["identity"]["apiKey"] = value;
  x.context["identity"]["apiKeyId"] = key_id;
  const std::string meter = (*plan)["id"].get<std::string>() + "/" + key_id;
  switch (x.backend.data_plane().usage().take(meter, plan->value("throttle", Json()),
                                              plan->value("quota", Json()))) {
    case UsageMeter::Verdict::Throttled:
      return gateway_response(x, "THROTTLED", "Too Many Requests");
    case UsageMeter::Verdict::QuotaExceeded:
      return gateway_response(x, "QUOTA_EXCEEDED", "Limit Exceeded");
    case UsageMeter::Verdict::Ok:
      break;
  }
  return std::nullopt;
}

}  // namespace preflight::apigateway
