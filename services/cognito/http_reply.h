#pragma once

#include <string>
#include <string_view>

#include "emulator/common/http_message.h"
#include "emulator/common/json.h"
#include "emulator/common/strings.h"

// Small builders for the answers Cognito's non-API endpoints give.
namespace preflight::cognito::http {

HttpResponse json(int status, const Json& body);
HttpResponse html(int status, std::string body);
HttpResponse redirect(std::string location);
// RFC 6749 section 5.2: {"error": code[, "error_description": ...]}.
HttpResponse oauth_error(int status, std::string_view error, std::string_view description = {});

std::string html_escape(std::string_view text);
// The query string (and, for a form POST, the body) as one parameter list, query first.
FormParams params(const HttpRequest& request);
std::string param(const FormParams& params, std::string_view name);
// "a?x=1" + {k: v} -> "a?x=1&k=v"
std::string with_query(std::string url, const FormParams& extra);

}  // namespace preflight::cognito::http
