#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"

namespace preflight::cognito {
namespace {

bool valid_prefix(std::string_view domain) {
  if (domain.empty() || domain.size() > 63 || domain.front() == '-' || domain.back() == '-') {
    return false;
  }
  for (const char c : domain) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
      return false;
    }
  }
  return true;
}

Json server_json(const ResourceServer& s) {
  return {{"UserPoolId", s.pool_id},
          {"Identifier", s.identifier},
          {"Name", s.name},
          {"Scopes", s.scopes}};
}

ResourceServer server_from(const Pool& pool, const Json& in) {
  ResourceServer s{pool.id, required_string(in, "Identifier"), required_string(in, "Name"),
                   Json::array()};
  if (const Json* scopes = core::input::array(in, "Scopes")) {
    for (const auto& scope : *scopes) {
      if (!scope.is_object() || !scope.contains("ScopeName") ||
          !scope.contains("ScopeDescription")) {
        throw errors::invalid_parameter("Each scope needs a ScopeName and a ScopeDescription.");
      }
      s.scopes.push_back(scope);
    }
  }
  return s;
}

}  // namespace

Result create_user_pool_domain(Backend& b, core::RequestContext& ctx, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto& domain = required_string(in, "Domain");
  if (!valid_prefix(domain)) {
    throw errors::invalid_parameter(
        "1 validation error detected: Value '" + domain +
        "' at 'domain' failed to satisfy constraint: Member must satisfy regular expression "
        "pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$");
  }
  if (b.store().domain(domain)) {
    throw errors::invalid_parameter("Domain already associated with another user pool.");
  }
  if (b.store().domain_of_pool(pool->id)) {
    throw errors::invalid_parameter("User pool already has a domain configured.");
  }
  Domain d{domain, pool->id, ctx.account_id, Json::object(), unix_now()};
  if (const Json* custom = core::input::object(in, "CustomDomainConfig")) {
    d.config["CustomDomainConfig"] = *custom;
  }
  b.store().insert_domain(d);
  Json out = Json::object();
  if (d.config.contains("CustomDomainConfig")) {
    out["CloudFrontDomain"] = domain;
  }
  co_return out;
}

Result describe_user_pool_domain(Backend& b, core::RequestContext&, const Json& in) {
  const auto d = b.store().domain(required_string(in, "Domain"));
  if (!d) {
    co_return Json{{"DomainDescription", Json::object()}};
  }
  Json description{
      {"UserPoolId", d->pool_id}, {"AWSAccountId", d->account_id},
      {"Domain", d->domain},      {"CloudFrontDistribution", d->domain + ".auth.localhost"},
      {"Version", "1"},           {"Status", "ACTIVE"}};
  if (d->config.contains("CustomDomainConfig")) {
    description["CustomDomainConfig"] = d->config["CustomDomainConfig"];
  }
  co_return Json{{"DomainDescription", std::move(description)}};
}

Result delete_user_pool_domain(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto& domain = required_string(in, "Domain");
  const auto d = b.store().domain(domain);
  if (!d || d->pool_id != pool->id) {
    throw errors::invalid_parameter("No such domain or user pool exists.");
  }
  b.store().delete_domain(domain);
  co_return Json::object();
}

Result create_resource_server(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  auto server = server_from(*pool, in);
  if (b.store().resource_server(pool->id, server.identifier)) {
    throw errors::invalid_parameter(server.identifier + " already exists in user pool " + pool->id +
                                    ".");
  }
  b.store().put_resource_server(server);
  co_return Json{{"ResourceServer", server_json(server)}};
}

Result describe_resource_server(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto server = b.store().resource_server(pool->id, required_string(in, "Identifier"));
  if (!server) {
    throw errors::resource_not_found("Resource server " + in["Identifier"].get<std::string>() +
                                     " does not exist.");
  }
  co_return Json{{"ResourceServer", server_json(*server)}};
}

Result list_resource_servers(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto limit = core::input::integer(in, "MaxResults").value_or(50);
  const auto token = core::input::string(in, "NextToken").value_or("");
  Json servers = Json::array();
  std::string next;
  for (const auto& s : b.store().resource_servers(pool->id)) {
    if (s.identifier < token) {
      continue;
    }
    if (static_cast<std::int64_t>(servers.size()) == limit) {
      next = s.identifier;
      break;
    }
    servers.push_back(server_json(s));
  }
  Json out{{"ResourceServers", std::move(servers)}};
  if (!next.empty()) {
    out["NextToken"] = next;
  }
  co_return out;
}

Result update_resource_server(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  auto server = server_from(*pool, in);
  if (!b.store().resource_server(pool->id, server.identifier)) {
    throw errors::resource_not_found("Resource server " + server.identifier + " does not exist.");
  }
  b.store().put_resource_server(server);
  co_return Json{{"ResourceServer", server_json(server)}};
}

Result delete_resource_server(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto& identifier = required_string(in, "Identifier");
  if (!b.store().resource_server(pool->id, identifier)) {
    throw errors::resource_not_found("Resource server " + identifier + " does not exist.");
  }
  b.store().delete_resource_server(pool->id, identifier);
  co_return Json::object();
}

}  // namespace preflight::cognito
