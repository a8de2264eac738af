#include "harness/cognito/user_pool_lookup.h"

#include <utility>

namespace preflight::harness {

namespace {

constexpr int kPageSize = 60;  // the most ListUserPools and ListUserPoolClients return at once

// Every element of `member` over all pages of `operation`.
Json all_pages(const AwsClient& client, std::string_view operation, Json input,
               const char* member) {
  Json all = Json::array();
  input["MaxResults"] = kPageSize;
  while (true) {
    const Json page = client.call("cognito-idp", operation, input);
    if (const auto it = page.find(member); it != page.end() && it->is_array()) {
      all.insert(all.end(), it->begin(), it->end());
    }
    const auto next = page.find("NextToken");
    if (next == page.end() || !next->is_string() || next->get_ref<const std::string&>().empty()) {
      return all;
    }
    input["NextToken"] = *next;
  }
}

// The element whose `id_key` is `wanted`, else the first whose `name_key` is.
std::optional<Json> pick(const Json& list, const char* id_key, const char* name_key,
                         std::string_view wanted) {
  for (const char* key : {id_key, name_key}) {
    for (const auto& element : list) {
      if (element.value(key, "") == wanted) {
        return element;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> find_user_pool(const AwsClient& client, std::string_view name_or_id) {
  const Json pools = all_pages(client, "ListUserPools", Json::object(), "UserPools");
  if (auto pool = pick(pools, "Id", "Name", name_or_id)) {
    return pool->value("Id", "");
  }
  return std::nullopt;
}

Json list_user_pool_clients(const AwsClient& client, const std::string& pool_id) {
  return all_pages(client, "ListUserPoolClients", {{"UserPoolId", pool_id}}, "UserPoolClients");
}

std::optional<Json> find_user_pool_client(const AwsClient& client, const std::string& pool_id,
                                          std::string_view name_or_id) {
  return pick(list_user_pool_clients(client, pool_id), "ClientId", "ClientName", name_or_id);
}

}  // namespace preflight::harness
