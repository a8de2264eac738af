#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/json.h"
#include "harness/client/aws_client.h"

namespace preflight::harness {

// The id of the user pool whose id or name is `name_or_id` (ListUserPools, every page); an id
// match wins over a name match. nullopt when there is none.
std::optional<std::string> find_user_pool(const AwsClient& client, std::string_view name_or_id);

// The app clients of pool `pool_id` as ListUserPoolClients gives them ({ClientId, ClientName,
// UserPoolId}), every page, in the service's order.
Json list_user_pool_clients(const AwsClient& client, const std::string& pool_id);

// The summary ({ClientId, ClientName, ...}) of the app client of `pool_id` whose id or name is
// `name_or_id`; an id match wins over a name match. nullopt when there is none.
std::optional<Json> find_user_pool_client(const AwsClient& client, const std::string& pool_id,
                                          std::string_view name_or_id);

}  // namespace preflight::harness
