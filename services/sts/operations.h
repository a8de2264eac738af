#pragma once

#include "emulator/service/request_context.h"
#include "services/sts/store.h"

namespace preflight::sts {

boost::asio::awaitable<Json> get_caller_identity(Store& store, core::RequestContext& ctx,
                                                 const Json& input);
boost::asio::awaitable<Json> get_access_key_info(Store& store, core::RequestContext& ctx,
                                                 const Json& input);
boost::asio::awaitable<Json> assume_role(Store& store, core::RequestContext& ctx,
                                         const Json& input);
boost::asio::awaitable<Json> get_session_token(Store& store, core::RequestContext& ctx,
                                               const Json& input);

}  // namespace preflight::sts
