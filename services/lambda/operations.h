#pragma once

#include <boost/asio/awaitable.hpp>

#include "emulator/common/json.h"
#include "emulator/service/request_context.h"
#include "services/lambda/backend.h"

// Lambda's operation handlers, one file per resource.
namespace preflight::lambda {

using Result = boost::asio::awaitable<Json>;
using Ctx = core::RequestContext;

// function_ops.cpp
Result create_function(Backend& b, Ctx& ctx, const Json& input);
Result get_function(Backend& b, Ctx& ctx, const Json& input);
Result get_function_configuration(Backend& b, Ctx& ctx, const Json& input);
Result list_functions(Backend& b, Ctx& ctx, const Json& input);
Result delete_function(Backend& b, Ctx& ctx, const Json& input);
// function_update_ops.cpp
Result update_function_code(Backend& b, Ctx& ctx, const Json& input);
Result update_function_configuration(Backend& b, Ctx& ctx, const Json& input);
// version_ops.cpp
Result publish_version(Backend& b, Ctx& ctx, const Json& input);
Result list_versions_by_function(Backend& b, Ctx& ctx, const Json& input);
// alias_ops.cpp
Result create_alias(Backend& b, Ctx& ctx, const Json& input);
Result get_alias(Backend& b, Ctx& ctx, const Json& input);
Result update_alias(Backend& b, Ctx& ctx, const Json& input);
Result delete_alias(Backend& b, Ctx& ctx, const Json& input);
Result list_aliases(Backend& b, Ctx& ctx, const Json& input);
// policy_ops.cpp
Result add_permission(Backend& b, Ctx& ctx, const Json& input);
Result remove_permission(Backend& b, Ctx& ctx, const Json& input);
Result get_policy(Backend& b, Ctx& ctx, const Json& input);
// settings_ops.cpp
Result put_function_concurrency(Backend& b, Ctx& ctx, const Json& input);
Result get_function_concurrency(Backend& b, Ctx& ctx, const Json& input);
Result delete_function_concurrency(Backend& b, Ctx& ctx, const Json& input);
Result tag_resource(Backend& b, Ctx& ctx, const Json& input);
Result untag_resource(Backend& b, Ctx& ctx, const Json& input);
Result list_tags(Backend& b, Ctx& ctx, const Json& input);
Result get_account_settings(Backend& b, Ctx& ctx, const Json& input);
// event_invoke_ops.cpp
Result put_function_event_invoke_config(Backend& b, Ctx& ctx, const Json& input);
Result update_function_event_invoke_config(Backend& b, Ctx& ctx, const Json& input);
Result get_function_event_invoke_config(Backend& b, Ctx& ctx, const Json& input);
Result delete_function_event_invoke_config(Backend& b, Ctx& ctx, const Json& input);
// mapping_ops.cpp
Result create_event_source_mapping(Backend& b, Ctx& ctx, const Json& input);
Result get_event_source_mapping(Backend& b, Ctx& ctx, const Json& input);
Result update_event_source_mapping(Backend& b, Ctx& ctx, const Json& input);
Result delete_event_source_mapping(Backend& b, Ctx& ctx, const Json& input);
Result list_event_source_mappings(Backend& b, Ctx& ctx, const Json& input);
// invoke_ops.cpp
Result invoke(Backend& b, Ctx& ctx, const Json& input);

}  // namespace preflight::lambda
