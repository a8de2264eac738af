#pragma once

#include "emulator/service/request_context.h"

namespace preflight::sts {

boost::asio::awaitable<Json> get_caller_identity(core::RequestContext& ctx, const Json& input);
boost::asio::awaitable<Json> get_access_key_info(core::RequestContext& ctx, const Json& input);

}  // namespace preflight::sts
