#include "services/logs/backend.h"

#include "emulator/common/strings.h"
#include "emulator/service/input.h"
#include "services/logs/errors.h"
#include "services/logs/params.h"

namespace preflight::logs {

std::optional<GroupArn> parse_group_arn(std::string_view arn) {
  auto parts = split(arn, ':');
  if (parts.size() == 8 && parts[7] == "*") {
    parts.pop_back();
  }
  if (parts.size() != 7 || parts[0] != "arn" || parts[2] != "logs" || parts[5] != "log-group" ||
      parts[6].empty()) {
    return std::nullopt;
  }
  return GroupArn{std::string(parts[3]), std::string(parts[4]), std::string(parts[6])};
}

LogGroup Backend::group(const core::RequestContext& ctx, std::string_view name) {
  auto group = store_.find_group(ctx.account_id, ctx.region, name);
  if (!group) {
    throw errors::group_not_found();
  }
  return std::move(*group);
}

LogGroup Backend::group_of(const core::RequestContext& ctx, const Json& input) {
  return group(ctx, params::group_name(input));
}

LogGroup Backend::group_by_identifier(const core::RequestContext& ctx, const Json& input) {
  const auto name = core::input::string(input, "logGroupName");
  const auto identifier = core::input::string(input, "logGroupIdentifier");
  if (name && identifier) {
    throw errors::invalid_parameter(
        "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  if (name) {
    params::check_group_name(*name);
    return group(ctx, *name);
  }
  if (!identifier) {
    throw errors::invalid_parameter("Should provide either name or ARN of the log group.");
  }
  if (identifier->starts_with("arn:")) {
    const auto arn = parse_group_arn(*identifier);
    if (!arn || arn->region != ctx.region || arn->account != ctx.account_id) {
      throw errors::group_not_found();
    }
    return group(ctx, arn->name);
  }
  params::check_group_name(*identifier, "logGroupIdentifier");
  return group(ctx, *identifier);
}

LogStream Backend::stream(const LogGroup& group, std::string_view name) {
  auto stream = store_.find_stream(group.id, name);
  if (!stream) {
    throw errors::stream_not_found();
  }
  return std::move(*stream);
}

}  // namespace preflight::logs
