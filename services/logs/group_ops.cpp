#include <algorithm>
#include <array>

#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/logs/errors.h"
#include "services/logs/operations.h"
#include "services/logs/params.h"

namespace preflight::logs {
namespace {

// The retention periods CloudWatch Logs accepts, in days.
constexpr auto kRetentionDays =
    std::to_array<std::int64_t>({1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653});

std::string retention_values() {
  std::string out = "[";
  for (std::size_t i = 0; i < kRetentionDays.size(); ++i) {
    out += (i == 0 ? "" : ", ") + std::to_string(kRetentionDays[i]);
  }
  return out + "]";
}

Json describe(const LogGroup& g) {
  Json out{{"logGroupName", g.name}, {"creationTime", g.created_ms},
           {"metricFilterCount", 0}, {"arn", g.arn() + ":*"},
           {"logGroupArn", g.arn()}, {"storedBytes", g.stored_bytes}};
  if (g.retention_days) {
    out["retentionInDays"] = *g.retention_days;
  }
  if (!g.kms_key_id.empty()) {
    out["kmsKeyId"] = g.kms_key_id;
  }
  return out;
}

}  // namespace

Result create_log_group(Backend& b, core::RequestContext& ctx, const Json& input) {
  LogGroup group;
  group.name = params::group_name(input);
  group.tags = params::tags(input, "tags");
  group.kms_key_id = core::input::string(input, "kmsKeyId").value_or("");
  if (group.kms_key_id.size() > 256) {
    throw errors::constraint("kmsKeyId", group.kms_key_id,
                             "Member must have length less than or equal to 256");
  }
  if (b.store().find_group(ctx.account_id, ctx.region, group.name)) {
    throw errors::group_exists();
  }
  group.account_id = ctx.account_id;
  group.region = ctx.region;
  group.created_ms = unix_now_ms();
  b.store().insert_group(group);
  co_return Json::object();
}

Result describe_log_groups(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto limit = params::integer(input, "limit", 1, 50).value_or(50);
  const auto prefix = core::input::string(input, "logGroupNamePrefix");
  const auto pattern = core::input::string(input, "logGroupNamePattern");
  if (prefix) {
    params::check_group_name(*prefix, "logGroupNamePrefix");
  }
  if (prefix && pattern) {
    throw errors::invalid_parameter(
        "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  }
  auto groups =
      b.store().list_groups(ctx.account_id, ctx.region, prefix.value_or(""), pattern.value_or(""),
                            params::page_key(input), static_cast<int>(limit) + 1);
  Json out{{"logGroups", Json::array()}};
  for (std::size_t i = 0; i < groups.size() && i < static_cast<std::size_t>(limit); ++i) {
    out["logGroups"].push_back(describe(groups[i]));
  }
  if (groups.size() > static_cast<std::size_t>(limit)) {
    out["nextToken"] = params::page_token(groups[limit - 1].name);
  }
  co_return out;
}

Result delete_log_group(Backend& b, core::RequestContext& ctx, const Json& input) {
  b.store().delete_group(b.group_of(ctx, input).id);
  co_return Json::object();
}

Result put_retention_policy(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto name = params::group_name(input);
  const auto days = core::input::integer(input, "retentionInDays");
  if (!days) {
    throw errors::missing("retentionInDays");
  }
  if (std::find(kRetentionDays.begin(), kRetentionDays.end(), *days) == kRetentionDays.end()) {
    throw errors::constraint("retentionInDays", std::to_string(*days),
                             "Member must satisfy enum value set: " + retention_values());
  }
  b.store().set_retention(b.group(ctx, name).id, *days);
  co_return Json::object();
}

Result delete_retention_policy(Backend& b, core::RequestContext& ctx, const Json& input) {
  b.store().set_retention(b.group_of(ctx, input).id, std::nullopt);
  co_return Json::object();
}

}  // namespace preflight::logs
