#include "emulator/service/input.h"
#include "services/logs/errors.h"
#include "services/logs/operations.h"
#include "services/logs/params.h"

namespace preflight::logs {
namespace {

constexpr std::size_t kMaxTags = 50;

// The log group a resourceArn names in this account and region.
LogGroup group_of_arn(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto arn = params::required_string(input, "resourceArn");
  const auto parsed = parse_group_arn(arn);
  if (!parsed) {
    if (arn.starts_with("arn:aws:logs:")) {
      throw errors::resource_not_found("The specified resource does not exist.");
    }
    throw errors::invalid_parameter("Invalid resourceArn: " + arn);
  }
  if (parsed->region != ctx.region || parsed->account != ctx.account_id) {
    throw errors::resource_not_found("The specified resource does not exist.");
  }
  auto group = b.store().find_group(ctx.account_id, ctx.region, parsed->name);
  if (!group) {
    throw errors::resource_not_found("The specified resource does not exist.");
  }
  return std::move(*group);
}

std::vector<std::string> keys_of(const Json& input, std::string_view member, bool allow_empty) {
  const Json* list = core::input::array(input, member);
  if (list == nullptr) {
    throw errors::missing(member);
  }
  if ((!allow_empty && list->empty()) || list->size() > kMaxTags) {
    throw errors::constraint(member, list->dump(),
                             "Member must have length less than or equal to 50 and greater "
                             "than or equal to 1");
  }
  std::vector<std::string> keys;
  for (const auto& key : *list) {
    if (!key.is_string()) {
      throw core::errors::serialization("Expected a string in " + std::string(member));
    }
    keys.push_back(key.get<std::string>());
  }
  return keys;
}

// Adds tags; false when the group would then have more than 50.
bool add_tags(Backend& b, LogGroup group, const Json& input) {
  const auto given = params::tags(input, "tags");
  if (given.empty()) {
    throw errors::missing("tags");
  }
  for (const auto& [key, value] : given) {
    group.tags[key] = value;
  }
  if (group.tags.size() > kMaxTags) {
    return false;
  }
  b.store().set_tags(group);
  return true;
}

void remove_tags(Backend& b, LogGroup group, const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    group.tags.erase(key);
  }
  b.store().set_tags(group);
}

}  // namespace

Result tag_log_group(Backend& b, core::RequestContext& ctx, const Json& input) {
  if (!add_tags(b, b.group_of(ctx, input), input)) {
    throw errors::invalid_parameter("A log group can have no more than 50 tags.");
  }
  co_return Json::object();
}

Result untag_log_group(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto group = b.group_of(ctx, input);
  remove_tags(b, group, keys_of(input, "tags", false));
  co_return Json::object();
}

Result list_tags_log_group(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return Json{{"tags", b.group_of(ctx, input).tags}};
}

Result tag_resource(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto group = group_of_arn(b, ctx, input);
  if (!add_tags(b, group, input)) {
    throw errors::too_many_tags(params::required_string(input, "resourceArn"));
  }
  co_return Json::object();
}

Result untag_resource(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto group = group_of_arn(b, ctx, input);
  remove_tags(b, group, keys_of(input, "tagKeys", true));
  co_return Json::object();
}

Result list_tags_for_resource(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return Json{{"tags", group_of_arn(b, ctx, input).tags}};
}

}  // namespace preflight::logs
