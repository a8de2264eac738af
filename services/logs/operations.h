#pragma once

#include "emulator/service/request_context.h"
#include "services/logs/backend.h"

namespace preflight::logs {

// Operations without an output shape answer {}.
using Result = boost::asio::awaitable<Json>;

// group_ops.cpp
Result create_log_group(Backend& b, core::RequestContext& ctx, const Json& input);
Result describe_log_groups(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_log_group(Backend& b, core::RequestContext& ctx, const Json& input);
Result put_retention_policy(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_retention_policy(Backend& b, core::RequestContext& ctx, const Json& input);

// stream_ops.cpp
Result create_log_stream(Backend& b, core::RequestContext& ctx, const Json& input);
Result describe_log_streams(Backend& b, core::RequestContext& ctx, const Json& input);
Result delete_log_stream(Backend& b, core::RequestContext& ctx, const Json& input);

// put_events.cpp
Result put_log_events(Backend& b, core::RequestContext& ctx, const Json& input);

// get_events.cpp
Result get_log_events(Backend& b, core::RequestContext& ctx, const Json& input);

// filter_events.cpp
Result filter_log_events(Backend& b, core::RequestContext& ctx, const Json& input);

// tag_ops.cpp: the log-group tag calls and their ARN-based successors
Result tag_log_group(Backend& b, core::RequestContext& ctx, const Json& input);
Result untag_log_group(Backend& b, core::RequestContext& ctx, const Json& input);
Result list_tags_log_group(Backend& b, core::RequestContext& ctx, const Json& input);
Result tag_resource(Backend& b, core::RequestContext& ctx, const Json& input);
Result untag_resource(Backend& b, core::RequestContext& ctx, const Json& input);
Result list_tags_for_resource(Backend& b, core::RequestContext& ctx, const Json& input);

}  // namespace preflight::logs
