#include "emulator/service/request_context.h"
#include "services/cognito/http_reply.h"
#include "services/cognito/pool.h"
#include "services/cognito/routes.h"
#include "services/cognito/tokens.h"

namespace preflight::cognito {
namespace {

constexpr std::string_view kJwks = "/.well-known/jwks.json";
constexpr std::string_view kOpenId = "/.well-known/openid-configuration";
constexpr std::string_view kCodes = "/_preflight/cognito/codes";

// "/us-east-1_AbC/.well-known/jwks.json" -> "us-east-1_AbC"; empty when not that shape.
std::string_view pool_in(std::string_view path, std::string_view suffix) {
  if (!path.ends_with(suffix) || path.size() <= suffix.size() + 1 || path[0] != '/') {
    return {};
  }
  const auto id = path.substr(1, path.size() - suffix.size() - 1);
  return id.find('/') == std::string_view::npos && id.find('_') != std::string_view::npos
             ? id
             : std::string_view();
}

Json openid_configuration(const std::string& endpoint, const Pool& pool) {
  const auto iss = issuer(endpoint, pool.id);
  return {{"issuer", iss},
          {"jwks_uri", iss + std::string(kJwks)},
          {"authorization_endpoint", endpoint + "/oauth2/authorize"},
          {"token_endpoint", endpoint + "/oauth2/token"},
          {"userinfo_endpoint", endpoint + "/oauth2/userInfo"},
          {"revocation_endpoint", endpoint + "/oauth2/revoke"},
          {"end_session_endpoint", endpoint + "/logout"},
          {"response_types_supported", {"code"}},
          {"grant_types_supported", {"authorization_code", "refresh_token", "client_credentials"}},
          {"subject_types_supported", {"public"}},
          {"id_token_signing_alg_values_supported", {"RS256"}},
          {"scopes_supported", {"openid", "email", "phone", "profile"}},
          {"token_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post"}},
          {"code_challenge_methods_supported", {"S256", "plain"}}};
}

}  // namespace

void add_well_known_routes(core::Registry& registry, std::shared_ptr<Backend> backend) {
  registry.add_raw_route(
      {"cognito-idp",
       [](const HttpRequest& r) {
         return r.method == "GET" &&
                (!pool_in(r.path, kJwks).empty() || !pool_in(r.path, kOpenId).empty());
       },
       [backend](HttpRequest& r, std::string_view) -> boost::asio::awaitable<HttpResponse> {
         const bool jwks = r.path.ends_with(kJwks);
         const auto pool = backend->find_pool(pool_in(r.path, jwks ? kJwks : kOpenId));
         if (!pool) {
           co_return http::json(404, {{"message", "User pool does not exist."}});
         }
         if (jwks) {
           co_return http::json(200, {{"keys", {backend->key(*pool).public_jwk()}}});
         }
         co_return http::json(
             200, openid_configuration(core::endpoint_url(r, backend->env().bound_port), *pool));
       },
       64 * 1024});
}

void add_codes_route(core::Registry& registry, std::shared_ptr<Backend> backend) {
  registry.add_raw_route(
      {"cognito-idp", [](const HttpRequest& r) { return r.path == kCodes; },
       [backend](HttpRequest& r, std::string_view) -> boost::asio::awaitable<HttpResponse> {
         if (r.method != "GET") {
           co_return http::json(405, {{"error", "use GET"}});
         }
         const auto query = http::params(r);
         const auto pool = backend->find_pool(http::param(query, "userPoolId"));
         if (!pool) {
           co_return http::json(404, {{"error", "no such user pool (?userPoolId=)"}});
         }
         const auto user = backend->find_user(*pool, http::param(query, "username"));
         if (!user) {
           co_return http::json(404, {{"error", "no such user (?username=)"}});
         }
         Json codes = Json::array();
         for (const auto& c : backend->store().codes(pool->id, user->username)) {
           Json entry{{"userPoolId", c.pool_id}, {"username", c.username}, {"purpose", c.purpose},
                      {"code", c.code},          {"created", c.created},   {"expires", c.expires}};
           if (!c.attribute.empty()) {
             entry["attribute"] = c.attribute;
           }
           codes.push_back(std::move(entry));
         }
         co_return http::json(200, {{"codes", std::move(codes)}});
       },
       64 * 1024, true});
}

}  // namespace preflight::cognito
