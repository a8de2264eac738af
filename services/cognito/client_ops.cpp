#include <algorithm>
#include <cctype>

#include "emulator/common/ids.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/cognito/client.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"

namespace preflight::cognito {
namespace {

// Client ids and secrets look like Cognito's: lower-case letters and digits.
std::string random_lower(std::size_t n) {
  return to_lower(random_alnum(n));
}

// Scopes a client may be given: the OpenID ones and its pool's resource servers' ones.
void check_scopes(Backend& b, const Pool& pool, const Json& config) {
  for (const auto& scope : config.value("AllowedOAuthScopes", Json::array())) {
    const auto name = scope.is_string() ? scope.get<std::string>() : "";
    static const char* kStandard[] = {"openid", "email", "phone", "profile",
                                      "aws.cognito.signin.user.admin"};
    if (std::find(std::begin(kStandard), std::end(kStandard), name) != std::end(kStandard)) {
      continue;
    }
    const auto slash = name.rfind('/');
    bool found = false;
    if (slash != std::string::npos) {
      if (const auto server = b.store().resource_server(pool.id, name.substr(0, slash))) {
        for (const auto& s : server->scopes) {
          found |= s.value("ScopeName", "") == name.substr(slash + 1);
        }
      }
    }
    if (!found) {
      throw errors::scope_does_not_exist("Invalid scope requested: " + name);
    }
  }
}

Client configured(Backend& b, const Pool& pool, Client client, const Json& in) {
  client.name = required_string(in, "ClientName");
  client.config = client_config(in);
  check_scopes(b, pool, client.config);
  if (allows_oauth(client) && string_list(client, "AllowedOAuthFlows").empty()) {
    throw errors::invalid_oauth_flow(
        "AllowedOAuthFlows must be set when "
        "AllowedOAuthFlowsUserPoolClient is true.");
  }
  if (has_oauth_flow(client, "client_credentials") && client.secret.empty()) {
    throw errors::invalid_oauth_flow(
        "client_credentials flow can not be selected if client does not have a client secret.");
  }
  client.last_modified = unix_now();
  return client;
}

}  // namespace

Result create_user_pool_client(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  Client client;
  client.id = random_lower(26);
  client.pool_id = pool->id;
  if (core::input::boolean(in, "GenerateSecret").value_or(false)) {
    client.secret = random_lower(51);
  }
  client = configured(b, *pool, std::move(client), in);
  client.created = client.last_modified;
  b.store().put_client(client);
  co_return Json{{"UserPoolClient", describe_client(client)}};
}

Result describe_user_pool_client(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  co_return Json{{"UserPoolClient", describe_client(b.client_of(*pool, in))}};
}

Result list_user_pool_clients(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto limit = core::input::integer(in, "MaxResults").value_or(60);
  const auto token = core::input::string(in, "NextToken").value_or("");
  Json clients = Json::array();
  std::string next;
  bool started = token.empty();
  for (const auto& c : b.store().clients(pool->id)) {
    started |= c.id == token;
    if (!started) {
      continue;
    }
    if (static_cast<std::int64_t>(clients.size()) == limit) {
      next = c.id;
      break;
    }
    clients.push_back({{"ClientId", c.id}, {"UserPoolId", c.pool_id}, {"ClientName", c.name}});
  }
  Json out{{"UserPoolClients", std::move(clients)}};
  if (!next.empty()) {
    out["NextToken"] = next;
  }
  co_return out;
}

Result update_user_pool_client(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  Client current = b.client_of(*pool, in);
  Json given = in;
  given.emplace("ClientName", current.name);  // the one member an update may leave out
  Client client = configured(b, *pool, current, given);
  b.store().put_client(client);
  co_return Json{{"UserPoolClient", describe_client(client)}};
}

Result delete_user_pool_client(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  b.store().delete_client(b.client_of(*pool, in).id);
  co_return Json::object();
}

}  // namespace preflight::cognito
