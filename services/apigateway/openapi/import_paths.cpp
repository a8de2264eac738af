// paths -> resources (every prefix of every path) and their methods: parameters, responses,
// security and the integration.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "emulator/common/strings.h"
#include "services/apigateway/openapi/import_context.h"

namespace preflight::apigateway::openapi::detail {
namespace {

constexpr std::pair<std::string_view, std::string_view> kOperations[] = {
    {"get", "GET"},         {"put", "PUT"},
    {"post", "POST"},       {"delete", "DELETE"},
    {"patch", "PATCH"},     {"head", "HEAD"},
    {"options", "OPTIONS"}, {"x-amazon-apigateway-any-method", "ANY"}};

// A path item's other members: not operations, nothing to warn about.
bool is_path_item_field(std::string_view key) {
  return key == "parameters" || key == "summary" || key == "description" || key == "servers" ||
         key == "$ref" || (key.starts_with("x-") && !key.starts_with("x-amazon-apigateway-"));
}

bool is_param_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// Checks a path template; returns its segments (empty for "/"), or nullopt with an error.
std::optional<std::vector<std::string>> split_path(ImportContext& ctx, const std::string& path) {
  const auto bad = [&](const std::string& why) {
    ctx.error("Invalid resource path '" + path + "': " + why);
    return std::nullopt;
  };
  if (!path.starts_with("/")) {
    return bad("a path must start with '/'");
  }
  std::vector<std::string> segments;
  std::set<std::string> names;
  if (path == "/") {
    return segments;
  }
  for (const auto part : split(std::string_view(path).substr(1), '/')) {
    if (part.empty()) {
      return bad("empty path part");
    }
    if (!segments.empty() && segments.back().ends_with("+}")) {
      return bad("a greedy path variable ({name+}) must be the last path part");
    }
    for (const char c : part) {
      if (static_cast<unsigned char>(c) <= ' ' || c == '?' || c == '#' || c == '\\' || c == '%') {
        return bad("invalid character in path part '" + std::string(part) + "'");
      }
    }
    const bool braces = part.find_first_of("{}") != std::string_view::npos;
    if (braces) {
      if (part.size() < 3 || part.front() != '{' || part.back() != '}') {
        return bad("a path variable must be a whole path part, like {id}");
      }
      std::string_view name = part.substr(1, part.size() - 2);
      if (name.ends_with("+")) {
        name.remove_suffix(1);
      }
      if (name.empty() || !std::all_of(name.begin(), name.end(), is_param_name_char)) {
        return bad("invalid path variable '" + std::string(part) + "'");
      }
      if (!names.insert(std::string(name)).second) {
        return bad("path variable '" + std::string(name) + "' appears twice");
      }
    }
    segments.emplace_back(part);
  }
  return segments;
}

std::string param_key(const std::string& in, const std::string& name) {
  return in + "\n" + name;
}

// Path-level parameters, then the operation's (which override by in+name), $refs followed.
std::map<std::string, const Json*> collect_parameters(ImportContext& ctx, const Json* path_params,
                                                      const Json& operation,
                                                      const std::string& where) {
  std::map<std::string, const Json*> params;
  const auto add = [&](const Json* list) {
    if (list == nullptr) {
      return;
    }
    for (const Json& raw : *list) {
      const Json* p = ctx.resolve(raw, where + ".parameters");
      if (p == nullptr) {
        continue;
      }
      const auto in = string_member(ctx, *p, "in", where + ".parameters");
      const auto name = string_member(ctx, *p, "name", where + ".parameters");
      if (!in || !name) {
        ctx.error(where + ": each parameter needs 'in' and 'name'");
        continue;
      }
      params[param_key(*in, *name)] = p;
    }
  };
  add(path_params);
  add(array_member(ctx, operation, "parameters", where));
  return params;
}

std::vector<std::string> media_types(ImportContext& ctx, const Json& operation,
                                     std::string_view key, const std::string& where) {
  auto list = string_list_member(ctx, operation, key, where);
  if (!list) {
    list = string_list_member(ctx, ctx.doc, key, "");
  }
  std::vector<std::string> out;
  if (list) {
    for (const Json& t : *list) {
      out.push_back(t.get<std::string>());
    }
  }
  if (out.empty()) {
    out.emplace_back("application/json");
  }
  return out;
}

void import_parameters(ImportContext& ctx, const Json* path_params, const Json& operation,
                       Json& method, const std::string& where) {
  Json request = Json::object();
  Json models = Json::object();
  for (const auto& [key, p] : collect_parameters(ctx, path_params, operation, where)) {
    const std::string in = p->at("in").get<std::string>();
    const std::string name = p->at("name").get<std::string>();
    const bool required = bool_member(ctx, *p, "required", where).value_or(false);
    if (in == "path") {
      request["method.request.path." + name] = true;
    } else if (in == "query") {
      request["method.request.querystring." + name] = required;
    } else if (in == "header") {
      request["method.request.header." + name] = required;
    } else if (in == "body" && ctx.swagger2) {
      const Json* schema = member(*p, "schema");
      const auto model = schema ? model_ref_name(*schema) : std::nullopt;
      if (model) {
        for (const auto& type : media_types(ctx, operation, "consumes", where)) {
          models[type] = *model;
        }
      }
    } else {
      ctx.warn(where + ": parameter '" + name + "' in " + in + " is not supported. Ignoring.");
    }
  }
  if (!ctx.swagger2) {
    if (const Json* body = object_member(ctx, operation, "requestBody", where)) {
      const Json* resolved = ctx.resolve(*body, where + ".requestBody");
      const Json* content =
          resolved ? object_member(ctx, *resolved, "content", where + ".requestBody") : nullptr;
      if (content != nullptr) {
        for (const auto& [type, media] : content->items()) {
          const Json* schema = member(media, "schema");
          if (auto model = schema ? model_ref_name(*schema) : std::nullopt) {
            models[type] = *model;
          }
        }
      }
    }
  }
  if (!request.empty()) {
    method["requestParameters"] = request;
  }
  if (!models.empty()) {
    method["requestModels"] = models;
  }
}

bool is_status_code(const std::string& s) {
  return s.size() == 3 && s[0] >= '1' && s[0] <= '5' && is_all_digits(s);
}

Json import_response(ImportContext& ctx, const std::string& code, const Json& response,
                     const Json& operation, const std::string& at) {
  Json shape = {{"statusCode", code}};
  if (const Json* headers = object_member(ctx, response, "headers", at)) {
    for (const auto& [name, header] : headers->items()) {
      shape["responseParameters"]["method.response.header." + name] = false;
    }
  }
  Json models = Json::object();
  if (ctx.swagger2) {
    const Json* schema = member(response, "schema");
    if (auto model = schema ? model_ref_name(*schema) : std::nullopt) {
      for (const auto& type : media_types(ctx, operation, "produces", at)) {
        models[type] = *model;
      }
    }
  } else if (const Json* content = object_member(ctx, response, "content", at)) {
    for (const auto& [type, media] : content->items()) {
      const Json* schema = member(media, "schema");
      if (auto model = schema ? model_ref_name(*schema) : std::nullopt) {
        models[type] = *model;
      }
    }
  }
  if (!models.empty()) {
    shape["responseModels"] = models;
  }
  return shape;
}

void import_responses(ImportContext& ctx, const Json& operation, Json& method,
                      const std::string& where) {
  const Json* responses = object_member(ctx, operation, "responses", where);
  if (responses == nullptr) {
    return;
  }
  Json out = Json::object();
  for (const auto& [code, raw] : responses->items()) {
    const std::string at = where + ".responses." + code;
    if (!is_status_code(code)) {
      if (!code.starts_with("x-")) {
        ctx.warn(at + ": API Gateway method responses need a status code. Ignoring.");
      }
      continue;
    }
    const Json* response = ctx.resolve(raw, at);
    if (response == nullptr) {
      continue;
    }
    if (!response->is_object()) {
      ctx.error(at + " must be an object");
      continue;
    }
    out[code] = import_response(ctx, code, *response, operation, at);
  }
  if (!out.empty()) {
    method["methodResponses"] = out;
  }
}

Json import_operation(ImportContext& ctx, std::string_view http_method, const Json& operation,
                      const Json* path_params, const std::string& where) {
  Json method = {
      {"httpMethod", http_method}, {"authorizationType", "NONE"}, {"apiKeyRequired", false}};
  if (auto id = string_member(ctx, operation, "operationId", where)) {
    method["operationName"] = *id;
  }
  import_parameters(ctx, path_params, operation, method, where);
  import_responses(ctx, operation, method, where);
  apply_security(ctx, operation, method, where);
  if (const Json* auth = object_member(ctx, operation, "x-amazon-apigateway-auth", where)) {
    const auto type = string_member(ctx, *auth, "type", where + ".x-amazon-apigateway-auth");
    if (type && iequals(*type, "aws_iam")) {
      method["authorizationType"] = "AWS_IAM";
    }
  }
  auto validator = string_member(ctx, operation, "x-amazon-apigateway-request-validator", where);
  if (!validator && !ctx.default_validator.empty()) {
    validator = ctx.default_validator;
  }
  if (validator) {
    if (!ctx.out.request_validators.contains(*validator)) {
      ctx.error(where + ": unable to find request validator '" + *validator + "'");
    }
    method["requestValidatorName"] = *validator;
  }
  if (const Json* ext = member(operation, "x-amazon-apigateway-integration")) {
    if (auto integration = import_integration(ctx, *ext, where)) {
      method["methodIntegration"] = *integration;
    }
  }
  return method;
}

void import_path_item(ImportContext& ctx, const std::string& path, const Json& raw_item,
                      Json& methods) {
  const std::string where = "paths." + path;
  const Json* item = ctx.resolve(raw_item, where);
  if (item == nullptr) {
    return;
  }
  if (!item->is_object()) {
    ctx.error(where + " must be an object");
    return;
  }
  const Json* path_params = array_member(ctx, *item, "parameters", where);
  for (const auto& [key, operation] : item->items()) {
    const std::string_view name = key;  // clang 14 cannot capture a structured binding
    const auto op = std::find_if(std::begin(kOperations), std::end(kOperations),
                                 [name](const auto& o) { return o.first == name; });
    if (op == std::end(kOperations)) {
      if (!is_path_item_field(key)) {
        ctx.warn(where + ": '" + key + "' is not supported by API Gateway. Ignoring.");
      }
      continue;
    }
    const std::string at = where + "." + key;
    if (!operation.is_object()) {
      ctx.error(at + " must be an object");
      continue;
    }
    const std::string http_method(op->second);
    if (methods.contains(http_method)) {
      ctx.error("Duplicate method " + http_method + " for resource at path '" + path + "'");
      continue;
    }
    methods[http_method] = import_operation(ctx, http_method, operation, path_params, at);
  }
}

// API Gateway allows one variable path part ({id} or {proxy+}) among a resource's children.
void check_variable_siblings(ImportContext& ctx, const std::map<std::string, Json>& resources) {
  std::map<std::string, std::string> variable_child;  // parent path -> child part
  for (const auto& [path, methods] : resources) {
    if (path == "/") {
      continue;
    }
    const auto slash = path.rfind('/');
    const std::string parent = slash == 0 ? "/" : path.substr(0, slash);
    const std::string part = path.substr(slash + 1);
    if (!part.starts_with("{")) {
      continue;
    }
    auto [it, inserted] = variable_child.emplace(parent, part);
    if (!inserted && it->second != part) {
      ctx.error("Unable to create resource at path '" + path + "': A sibling (" + it->second +
                ") of this resource already has a variable path part -- only one is allowed");
    }
  }
}

}  // namespace

void import_paths(ImportContext& ctx) {
  std::map<std::string, Json> resources = {{"/", Json::object()}};
  const Json* paths = object_member(ctx, ctx.doc, "paths", "");
  if (paths != nullptr) {
    for (const auto& [raw_path, item] : paths->items()) {
      if (raw_path.starts_with("x-")) {
        continue;  // extensions may sit among the paths
      }
      std::string path = raw_path;
      if (path.size() > 1 && path.ends_with("/")) {
        path.pop_back();
        ctx.warn("Resource path '" + raw_path + "' ends with '/'; imported as '" + path + "'");
      }
      const auto segments = split_path(ctx, path);
      if (!segments) {
        continue;
      }
      std::string prefix;
      for (const auto& segment : *segments) {
        prefix += "/" + segment;
        resources.try_emplace(prefix, Json::object());
      }
      import_path_item(ctx, path, item, resources[path]);
    }
  }
  check_variable_siblings(ctx, resources);
  for (auto& [path, methods] : resources) {
    ctx.out.resources.push_back({path, std::move(methods)});
  }
}

}  // namespace preflight::apigateway::openapi::detail
