#include "services/cognito/http_reply.h"

#include "emulator/protocol/json_body.h"

namespace preflight::cognito::http {

HttpResponse json(int status, const Json& body) {
  HttpResponse res;
  res.status = status;
  res.headers.add("Content-Type", "application/json;charset=UTF-8");
  res.headers.add("Cache-Control", "no-store");
  res.body = core::dump_json(body);
  return res;
}

HttpResponse html(int status, std::string body) {
  HttpResponse res;
  res.status = status;
  res.headers.add("Content-Type", "text/html;charset=UTF-8");
  res.body = std::move(body);
  return res;
}

HttpResponse redirect(std::string location) {
  HttpResponse res;
  res.status = 302;
  res.headers.add("Location", std::move(location));
  return res;
}

HttpResponse oauth_error(int status, std::string_view error, std::string_view description) {
  Json body{{"error", error}};
  if (!description.empty()) {
    body["error_description"] = description;
  }
  return json(status, body);
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

FormParams params(const HttpRequest& request) {
  FormParams out = parse_form(request.query).value_or(FormParams{});
  if (request.method == "POST" &&
      starts_with_icase(request.content_type(), "application/x-www-form-urlencoded")) {
    for (auto& kv : parse_form(request.body).value_or(FormParams{})) {
      out.push_back(std::move(kv));
    }
  }
  return out;
}

std::string param(const FormParams& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

std::string with_query(std::string url, const FormParams& extra) {
  char sep = url.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [key, value] : extra) {
    url += sep;
    url += uri_encode(key);
    url += '=';
    url += uri_encode(value);
    sep = '&';
  }
  return url;
}

}  // namespace preflight::cognito::http
