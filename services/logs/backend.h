#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "emulator/service/environment.h"
#include "emulator/service/request_context.h"
#include "services/logs/store.h"

namespace preflight::logs {

// The CloudWatch Logs service's state: its store and the lookups every operation starts with.
// Nothing is cached in memory, so a reset or a restore needs no hook.
class Backend {
 public:
  explicit Backend(core::Environment& env) : env_(env), store_(env.db) {}

  Store& store() { return store_; }
  core::Environment& env() { return env_; }

  // The group named in this account and region. Throws ResourceNotFoundException.
  LogGroup group(const core::RequestContext& ctx, std::string_view name);
  // The group an input names by logGroupName (required) ...
  LogGroup group_of(const core::RequestContext& ctx, const Json& input);
  // ... or by logGroupName or logGroupIdentifier (a name or an ARN), exactly one of them.
  LogGroup group_by_identifier(const core::RequestContext& ctx, const Json& input);
  // The stream named in a group. Throws ResourceNotFoundException.
  LogStream stream(const LogGroup& group, std::string_view name);

 private:
  core::Environment& env_;
  Store store_;
};

// "arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]" -> its parts; nullopt when not one.
struct GroupArn {
  std::string region;
  std::string account;
  std::string name;
};
std::optional<GroupArn> parse_group_arn(std::string_view arn);

}  // namespace preflight::logs
