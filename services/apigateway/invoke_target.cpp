#include "services/apigateway/invoke_target.h"

#include "emulator/common/strings.h"

namespace preflight::apigateway {
namespace {

constexpr std::string_view kExecuteApi = ".execute-api.";
constexpr std::string_view kAwsPrefix = "/_aws/execute-api/";
constexpr std::string_view kUserRequest = "/_user_request_";

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) {
    return false;
  }
  for (const char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

// "{stage}/{path}" after a prefix: the stage is the first segment.
std::optional<InvokeTarget> with_stage(std::string api_id, std::string_view rest) {
  auto [stage, path] = first_segment(rest);
  if (!valid_id(api_id) || stage.empty()) {
    return std::nullopt;
  }
  return InvokeTarget{std::move(api_id), std::move(stage), std::move(path)};
}

}  // namespace

std::pair<std::string, std::string> first_segment(std::string_view path) {
  if (path.starts_with('/')) {
    path.remove_prefix(1);
  }
  const auto slash = path.find('/');
  if (slash == std::string_view::npos) {
    return {std::string(path), "/"};
  }
  return {std::string(path.substr(0, slash)), std::string(path.substr(slash))};
}

std::string host_name(const HttpRequest& request) {
  std::string host = to_lower(request.headers.get_or("host"));
  if (!host.empty() && host.front() != '[') {
    if (const auto colon = host.find(':'); colon != std::string::npos) {
      host.resize(colon);
    }
  }
  return host;
}

std::optional<InvokeTarget> parse_invoke_target(const HttpRequest& request) {
  const std::string host = host_name(request);
  if (const auto at = host.find(kExecuteApi); at != std::string::npos && at > 0) {
    return with_stage(host.substr(0, at), request.path);
  }
  if (request.path.starts_with(kAwsPrefix)) {
    auto [api_id, rest] =
        first_segment(std::string_view(request.path).substr(kAwsPrefix.size() - 1));
    return with_stage(std::move(api_id), rest);
  }
  if (request.path.starts_with("/restapis/")) {
    // /restapis/{id}/{stage}/_user_request_/{path}
    auto [api_id, after_api] = first_segment(std::string_view(request.path).substr(9));
    auto [stage, after_stage] = first_segment(after_api);
    if (!after_stage.starts_with(kUserRequest)) {
      return std::nullopt;
    }
    std::string_view rest = std::string_view(after_stage).substr(kUserRequest.size());
    if (!rest.empty() && rest.front() != '/') {
      return std::nullopt;
    }
    std::string path(rest.empty() ? std::string_view("/") : rest);
    if (!valid_id(api_id) || stage.empty()) {
      return std::nullopt;
    }
    return InvokeTarget{std::move(api_id), std::move(stage), std::move(path)};
  }
  return std::nullopt;
}

}  // namespace preflight::apigateway
