#include <algorithm>

#include "emulator/common/crypto.h"
#include "emulator/common/time_format.h"
#include "services/cognito/client.h"
#include "services/cognito/errors.h"
#include "services/cognito/http_reply.h"
#include "services/cognito/oauth_endpoints.h"
#include "services/cognito/password.h"
#include "services/cognito/pool.h"
#include "services/cognito/sign_in.h"

namespace preflight::cognito {
namespace {

constexpr std::int64_t kCodeSeconds = 300;
constexpr const char* kCarried[] = {
    "client_id", "redirect_uri",   "response_type",         "state",
    "scope",     "code_challenge", "code_challenge_method", "nonce"};

// The plain sign-in form: the authorize parameters ride along as hidden fields.
HttpResponse login_page(const FormParams& params, std::string_view message, bool new_password) {
  std::string page =
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>Sign in</title></head><body>"
      "<h1>Sign in</h1>";
  if (!message.empty()) {
    page += "<p class=\"error\" role=\"alert\">" + http::html_escape(message) + "</p>";
  }
  page += "<form method=\"post\">";
  for (const char* name : kCarried) {
    const auto value = http::param(params, name);
    if (!value.empty()) {
      page += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" +
              http::html_escape(value) + "\">";
    }
  }
  page += "<label>Username <input name=\"username\" autocomplete=\"username\" value=\"" +
          http::html_escape(http::param(params, "username")) +
          "\"></label>"
          "<label>Password <input name=\"password\" type=\"password\"></label>";
  if (new_password) {
    page += "<label>New password <input name=\"new_password\" type=\"password\"></label>";
  }
  page += "<button type=\"submit\">Sign in</button></form></body></html>";
  return http::html(200, std::move(page));
}

std::string carried_query(const FormParams& params) {
  FormParams carried;
  for (const char* name : kCarried) {
    if (auto value = http::param(params, name); !value.empty()) {
      carried.emplace_back(name, std::move(value));
    }
  }
  return http::with_query("", carried);
}

}  // namespace

HttpResponse authorize_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request) {
  const auto params = http::params(request);
  auto check = check_authorize(b, at, params);
  if (!check.request) {
    return check.error;
  }
  return http::redirect(at.prefix + "/login" + carried_query(params));
}

HttpResponse login_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request) {
  const auto params = http::params(request);
  auto check = check_authorize(b, at, params);
  if (!check.request) {
    return check.error;
  }
  if (request.method != "POST") {
    return login_page(params, "", false);
  }
  const auto& r = *check.request;
  User user;
  try {
    user = signing_in_user(b, *r.pool, r.client, http::param(params, "username"));
    check_password(user, http::param(params, "password"));
    check_may_sign_in(user);
    if (user.status == UserStatus::ForceChangePassword) {
      const auto proposed = http::param(params, "new_password");
      if (proposed.empty()) {
        return login_page(params, "Please set a new password.", true);
      }
      check_password_policy(password_policy(*r.pool), proposed);
      b.set_password(*r.pool, user, proposed);
      user.status = UserStatus::Confirmed;
      b.save_user(*r.pool, user);
    }
  } catch (const core::AwsError& e) {
    // The page shows what the API would have said; a user that does not exist looks like a
    // wrong password, as on Cognito's hosted UI.
    const bool unknown = e.code == "UserNotFoundException";
    return login_page(params, unknown ? "Incorrect username or password." : e.message,
                      user.status == UserStatus::ForceChangePassword && !unknown);
  }
  const auto code = b.put_authorization_code(
      {r.pool->id, r.client.id, user.username, r.redirect_uri, r.scopes, r.code_challenge,
       r.code_challenge_method, r.nonce, unix_now(), unix_now() + kCodeSeconds});
  FormParams query{{"code", code}};
  if (!r.state.empty()) {
    query.emplace_back("state", r.state);
  }
  return http::redirect(http::with_query(r.redirect_uri, query));
}

HttpResponse logout_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request) {
  const auto params = http::params(request);
  const auto client = b.store().client(http::param(params, "client_id"));
  if (!client) {
    return http::html(400, "<!doctype html><p>Invalid client_id.</p>");
  }
  const auto logout_uri = http::param(params, "logout_uri");
  if (!logout_uri.empty()) {
    const auto allowed = string_list(*client, "LogoutURLs");
    if (std::find(allowed.begin(), allowed.end(), logout_uri) == allowed.end()) {
      return http::html(400,
                        "<!doctype html><p>logout_uri is not a sign-out URL of the client.</p>");
    }
    return http::redirect(logout_uri);
  }
  // Without logout_uri Cognito signs out and shows the login page again for redirect_uri.
  if (!http::param(params, "redirect_uri").empty()) {
    return http::redirect(at.prefix + "/login" + carried_query(params));
  }
  return http::html(400, "<!doctype html><p>logout_uri or redirect_uri is required.</p>");
}

}  // namespace preflight::cognito
