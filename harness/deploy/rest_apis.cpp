#include "harness/deploy/rest_apis.h"

#include "harness/deploy/context.h"

namespace preflight::harness {

Json stack_apis(const AwsClient& aws, const std::string& stack) {
  Json out = Json::array();
  AwsClient::Query query = {{"limit", "500"}};
  while (true) {
    const Json page = aws.rest("apigateway", "GET", "/restapis", nullptr, query);
    for (const auto& api : field(page, "item")) {
      if (object_field(api, "tags").value(std::string(kStackTag), "") == stack) {
        out.push_back(api);
      }
    }
    if (!page.contains("position")) {
      return out;
    }
    query = {{"limit", "500"}, {"position", page["position"].get<std::string>()}};
  }
}

std::optional<Json> find_stack_api(const AwsClient& aws, const std::string& stack,
                                   const std::string& logical_id) {
  for (const auto& api : stack_apis(aws, stack)) {
    if (logical_id.empty() ||
        object_field(api, "tags").value(std::string(kLogicalIdTag), "") == logical_id) {
      return api;
    }
  }
  return std::nullopt;
}

std::string stage_path(const std::string& api_id, const std::string& stage) {
  return "/restapis/" + AwsClient::segment(api_id) + "/stages/" + AwsClient::segment(stage);
}

std::string rest_api_arn(const std::string& region, const std::string& api_id) {
  return "arn:aws:apigateway:" + region + "::/restapis/" + api_id;
}

std::string stage_url(const AwsClient& aws, const std::string& api_id, const std::string& stage) {
  const auto& endpoint = aws.target().endpoint;
  if (!endpoint.empty()) {
    return endpoint + "/_aws/execute-api/" + api_id + "/" + stage;
  }
  return "https://" + api_id + ".execute-api." + aws.target().region + ".amazonaws.com/" + stage;
}

}  // namespace preflight::harness
