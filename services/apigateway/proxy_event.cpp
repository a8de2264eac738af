#include "services/apigateway/proxy_event.h"

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"

namespace preflight::apigateway {
namespace {

// {"k": last value} and {"k": [every value]}, or null for none: API Gateway's two views.
void single_and_multi(const std::vector<std::pair<std::string, std::string>>& pairs, Json& single,
                      Json& multi) {
  if (pairs.empty()) {
    single = nullptr;
    multi = nullptr;
    return;
  }
  single = Json::object();
  multi = Json::object();
  for (const auto& [k, v] : pairs) {
    single[k] = v;
    multi[k].push_back(v);
  }
}

bool add_header(HttpResponse& res, const std::string& name, const Json& value) {
  if (value.is_string()) {
    res.headers.add(name, value.get<std::string>());
  } else if (value.is_number() || value.is_boolean()) {
    res.headers.add(name, value.dump());
  } else if (!value.is_null()) {
    return false;
  }
  return true;
}

}  // namespace

Json proxy_event(const ProxyRequest& r) {
  Json event = Json::object();
  event["resource"] = r.resource_path;
  event["path"] = r.path;
  event["httpMethod"] = r.http.method;
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& f : r.http.headers) {
    headers.emplace_back(f.name, f.value);
  }
  single_and_multi(headers, event["headers"], event["multiValueHeaders"]);
  single_and_multi(parse_form(r.http.query).value_or(FormParams{}), event["queryStringParameters"],
                   event["multiValueQueryStringParameters"]);
  if (r.path_parameters.empty()) {
    event["pathParameters"] = nullptr;
  } else {
    event["pathParameters"] = Json(r.path_parameters);
  }
  event["stageVariables"] =
      r.stage_variables.is_object() && !r.stage_variables.empty() ? r.stage_variables : Json();
  event["requestContext"] = r.request_context;
  if (r.http.body.empty()) {
    event["body"] = nullptr;
    event["isBase64Encoded"] = false;
  } else if (r.binary_body) {
    event["body"] = base64_encode(r.http.body);
    event["isBase64Encoded"] = true;
  } else {
    event["body"] = r.http.body;
    event["isBase64Encoded"] = false;
  }
  return event;
}

std::optional<HttpResponse> proxy_response(const std::string& payload, bool decode_binary) {
  Json answer = Json::parse(payload, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) {
    return std::nullopt;
  }
  HttpResponse res;
  const Json status = answer.value("statusCode", Json(200));
  if (status.is_number_integer()) {
    res.status = status.get<int>();
  } else if (status.is_string() && is_all_digits(status.get<std::string>()) &&
             !status.get<std::string>().empty() && status.get<std::string>().size() <= 3) {
    res.status = std::stoi(status.get<std::string>());
  } else {
    return std::nullopt;
  }
  if (res.status < 100 || res.status > 599) {
    return std::nullopt;
  }
  // Only these members are allowed; anything else makes the answer malformed.
  for (const auto& [k, v] : answer.items()) {
    if (k != "statusCode" && k != "headers" && k != "multiValueHeaders" && k != "body" &&
        k != "isBase64Encoded") {
      return std::nullopt;
    }
  }
  const Json headers = answer.value("headers", Json::object());
  const Json multi = answer.value("multiValueHeaders", Json::object());
  if ((!headers.is_object() && !headers.is_null()) || (!multi.is_object() && !multi.is_null())) {
    return std::nullopt;
  }
  if (multi.is_object()) {
    for (const auto& [name, values] : multi.items()) {
      if (!values.is_array()) {
        return std::nullopt;
      }
      for (const auto& v : values) {
        if (!add_header(res, name, v)) {
          return std::nullopt;
        }
      }
    }
  }
  if (headers.is_object()) {
    for (const auto& [name, value] : headers.items()) {
      if (multi.is_object() && multi.contains(name)) {
        continue;
      }
      if (!add_header(res, name, value)) {
        return std::nullopt;
      }
    }
  }
  const Json body = answer.value("body", Json());
  if (body.is_string()) {
    res.body = body.get<std::string>();
  } else if (!body.is_null()) {
    return std::nullopt;
  }
  const Json b64 = answer.value("isBase64Encoded", Json(false));
  if (!b64.is_boolean()) {
    return std::nullopt;
  }
  if (b64.get<bool>() && decode_binary) {
    auto bytes = base64_decode(res.body);
    if (!bytes) {
      return std::nullopt;
    }
    res.body = std::move(*bytes);
  }
  if (!res.headers.contains("content-type")) {
    res.headers.add("Content-Type", "application/json");
  }
  return res;
}

bool is_binary_media_type(std::string_view content_type, const Json& binary_media_types) {
  if (!binary_media_types.is_array() || content_type.empty()) {
    return false;
  }
  std::string type = to_lower(trim(content_type.substr(0, content_type.find(';'))));
  for (const auto& entry : binary_media_types) {
    if (!entry.is_string()) {
      continue;
    }
    const std::string want = to_lower(entry.get<std::string>());
    if (want == type || want == "*/*") {
      return true;
    }
    if (want.ends_with("/*") && type.starts_with(want.substr(0, want.size() - 1))) {
      return true;
    }
  }
  return false;
}

}  // namespace preflight::apigateway
