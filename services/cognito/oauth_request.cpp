#include "services/cognito/oauth_request.h"

#include <algorithm>

#include "emulator/common/strings.h"
#include "emulator/service/request_context.h"
#include "services/cognito/client.h"
#include "services/cognito/http_reply.h"

namespace preflight::cognito {
namespace {

constexpr std::string_view kAwsPrefix = "/_aws/cognito-idp";
constexpr std::string_view kDomainSuffix = ".auth.localhost";

bool is_oauth_path(std::string_view path) {
  return path == "/oauth2/authorize" || path == "/oauth2/token" || path == "/oauth2/userInfo" ||
         path == "/oauth2/userinfo" || path == "/oauth2/revoke" || path == "/login" ||
         path == "/logout";
}

HttpResponse error_page(std::string_view error, std::string_view description) {
  return http::html(400, "<!doctype html><title>Error</title><h1>" + http::html_escape(error) +
                             "</h1><p>" + http::html_escape(description) + "</p>");
}

}  // namespace

std::optional<OAuthAddress> oauth_address(const HttpRequest& request, std::uint16_t bound_port) {
  OAuthAddress at;
  std::string host(request.headers.get_or("host"));
  const auto colon = host.rfind(':');
  const std::string hostname = to_lower(colon == std::string::npos ? host : host.substr(0, colon));
  const std::string port = colon == std::string::npos ? "" : host.substr(colon);
  if (hostname.ends_with(kDomainSuffix) && hostname.size() > kDomainSuffix.size()) {
    at.domain = hostname.substr(0, hostname.size() - kDomainSuffix.size());
    at.endpoint = "http://localhost" + port;  // tokens name the emulator, not the domain host
  } else {
    at.endpoint = core::endpoint_url(request, bound_port);
  }
  std::string_view path = request.path;
  if (path.starts_with(kAwsPrefix)) {
    at.prefix = std::string(kAwsPrefix);
    path.remove_prefix(kAwsPrefix.size());
  }
  if (!is_oauth_path(path)) {
    return std::nullopt;
  }
  at.path = std::string(path);
  return at;
}

AuthorizeCheck check_authorize(Backend& b, const OAuthAddress& at, const FormParams& params) {
  AuthorizeCheck out;
  const auto client_id = http::param(params, "client_id");
  auto client = b.store().client(client_id);
  PoolPtr pool = client ? b.find_pool(client->pool_id) : nullptr;
  if (!client || !pool) {
    out.error = error_page("invalid_request", "Invalid client_id.");
    return out;
  }
  if (!at.domain.empty()) {
    const auto domain = b.store().domain(at.domain);
    if (!domain || domain->pool_id != pool->id) {
      out.error = error_page("invalid_request", "The client does not belong to this domain.");
      return out;
    }
  }
  const auto redirect_uri = http::param(params, "redirect_uri");
  const auto callbacks = string_list(*client, "CallbackURLs");
  if (redirect_uri.empty() ||
      std::find(callbacks.begin(), callbacks.end(), redirect_uri) == callbacks.end()) {
    out.error =
        error_page("redirect_mismatch", "redirect_uri is not a callback URL of the client.");
    return out;
  }
  const auto state = http::param(params, "state");
  const auto fail = [&](std::string_view error) {
    FormParams query{{"error", std::string(error)}};
    if (!state.empty()) {
      query.emplace_back("state", state);
    }
    out.error = http::redirect(http::with_query(redirect_uri, query));
    return out;
  };
  const auto response_type = http::param(params, "response_type");
  if (response_type != "code" && response_type != "token") {
    return fail("unsupported_response_type");
  }
  if (!allows_oauth(*client) || !has_oauth_flow(*client, "code")) {
    return fail("unauthorized_client");
  }
  if (response_type == "token") {
    // The implicit grant is not emulated; a client allowed it is told so.
    return fail(has_oauth_flow(*client, "implicit") ? "unsupported_response_type"
                                                    : "unauthorized_client");
  }
  const auto allowed = string_list(*client, "AllowedOAuthScopes");
  std::string scopes;
  const auto requested = http::param(params, "scope");
  for (const auto scope : split(requested, ' ')) {
    if (scope.empty()) {
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), scope) == allowed.end()) {
      return fail("invalid_scope");
    }
    scopes += (scopes.empty() ? "" : " ") + std::string(scope);
  }
  if (requested.empty()) {
    for (const auto& scope : allowed) {
      scopes += (scopes.empty() ? "" : " ") + scope;
    }
  }
  AuthorizeRequest r{pool,
                     std::move(*client),
                     redirect_uri,
                     state,
                     scopes,
                     http::param(params, "code_challenge"),
                     http::param(params, "code_challenge_method"),
                     http::param(params, "nonce")};
  if (!r.code_challenge.empty()) {
    if (r.code_challenge_method.empty()) {
      r.code_challenge_method = "plain";
    }
    if (r.code_challenge_method != "S256" && r.code_challenge_method != "plain") {
      return fail("invalid_request");
    }
  }
  out.request = std::move(r);
  return out;
}

}  // namespace preflight::cognito
