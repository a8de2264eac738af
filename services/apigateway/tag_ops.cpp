#include "services/apigateway/errors.h"
#include "services/apigateway/operations.h"

// Tags live in the tagged object's own document ("tags"), found from its ARN:
// arn:aws:apigateway:REGION::/restapis/ID[/stages/NAME], /apikeys/ID, /usageplans/ID,
// /domainnames/NAME.
namespace preflight::apigateway {
namespace {

struct Tagged {
  std::string_view kind;
  std::string parent;
  std::string id;
};

Tagged parse_arn(const std::string& arn) {
  const auto slash = arn.find(":/");
  if (!arn.starts_with("arn:aws:apigateway:") || slash == std::string::npos) {
    throw errors::bad_request("Invalid ARN specified in the request");
  }
  std::vector<std::string> parts;
  std::string cur;
  for (char c : arn.substr(slash + 2)) {
    if (c == '/') {
      parts.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  parts.push_back(std::move(cur));
  if (parts.size() == 2 && parts[0] == "restapis") {
    return {kind::api, "", parts[1]};
  }
  if (parts.size() == 4 && parts[0] == "restapis" && parts[2] == "stages") {
    return {kind::stage, parts[1], parts[3]};
  }
  if (parts.size() == 2 && parts[0] == "apikeys") {
    return {kind::api_key, "", parts[1]};
  }
  if (parts.size() == 2 && parts[0] == "usageplans") {
    return {kind::usage_plan, "", parts[1]};
  }
  if (parts.size() == 2 && parts[0] == "domainnames") {
    return {kind::domain, "", parts[1]};
  }
  throw errors::bad_request("Invalid ARN specified in the request");
}

Json tagged(Backend& b, const Scope& s, const Tagged& t) {
  auto doc = b.store().get(s, t.kind, t.parent, t.id);
  if (!doc) {
    throw errors::not_found("Invalid resource identifier specified");
  }
  return std::move(*doc);
}

}  // namespace

Result tag_resource(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const Tagged t = parse_arn(input.value("resourceArn", ""));
  Json doc = tagged(b, s, t);
  const Json tags = input.value("tags", Json::object());
  if (!tags.is_object()) {
    throw errors::bad_request("Invalid tags");
  }
  for (const auto& [k, v] : tags.items()) {
    doc["tags"][k] = v;
  }
  if (doc["tags"].size() > 50) {
    throw errors::bad_request("Too many tags: a resource may have at most 50");
  }
  b.store().put(s, t.kind, t.parent, t.id, doc);
  co_return Json::object();
}

Result untag_resource(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const Tagged t = parse_arn(input.value("resourceArn", ""));
  Json doc = tagged(b, s, t);
  if (doc.contains("tags") && input.contains("tagKeys") && input["tagKeys"].is_array()) {
    for (const auto& k : input["tagKeys"]) {
      if (k.is_string()) {
        doc["tags"].erase(k.get<std::string>());
      }
    }
  }
  b.store().put(s, t.kind, t.parent, t.id, doc);
  co_return Json::object();
}

Result get_tags(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Json doc = tagged(b, Backend::scope(ctx), parse_arn(input.value("resourceArn", "")));
  co_return Json{{"tags", doc.value("tags", Json::object())}};
}

}  // namespace preflight::apigateway
