#include "harness/deploy/lambda_functions.h"

#include "harness/deploy/context.h"

namespace preflight::harness {

std::string function_path(const std::string& name) {
  return "/2015-03-31/functions/" + AwsClient::segment(name);
}

Json function_settings(const Json& config) {
  const Json& variables = field(field(config, "Environment"), "Variables");
  return {{"Runtime", config.value("Runtime", "")},
          {"Handler", config.value("Handler", "")},
          {"Timeout", config.value("Timeout", 3)},
          {"MemorySize", config.value("MemorySize", 128)},
          {"Description", config.value("Description", "")},
          {"Role", config.value("Role", "")},
          {"Environment", {{"Variables", variables.is_object() ? variables : Json::object()}}}};
}

std::vector<StackFunction> stack_functions(const AwsClient& aws, const std::string& stack) {
  std::vector<StackFunction> out;
  AwsClient::Query query = {{"MaxItems", "50"}};
  while (true) {
    const Json page = aws.rest("lambda", "GET", "/2015-03-31/functions/", nullptr, query);
    for (const auto& fn : field(page, "Functions")) {
      const std::string arn = fn.value("FunctionArn", "");
      const Json tags =
          field(aws.rest("lambda", "GET", "/2017-03-31/tags/" + AwsClient::segment(arn)), "Tags");
      if (tags.value(std::string(kStackTag), "") == stack) {
        out.push_back(
            {fn.value("FunctionName", ""), arn, tags.value(std::string(kAliasTag), ""), tags});
      }
    }
    if (!page.contains("NextMarker") || page["NextMarker"].is_null()) {
      return out;
    }
    query = {{"MaxItems", "50"}, {"Marker", page["NextMarker"].get<std::string>()}};
  }
}

}  // namespace preflight::harness
