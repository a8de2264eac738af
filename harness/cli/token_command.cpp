#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>

#include "harness/cli/commands.h"
#include "harness/client/aws_client.h"
#include "harness/token.h"

namespace preflight::harness {

namespace {

constexpr const char* kDefaultEndpoint = "http://127.0.0.1:4566";

struct TokenOptions {
  TokenRequest request;
  std::string endpoint;
  std::string region;
};

int run_token(TokenOptions options) {
  try {
    if (options.request.password.empty()) {
      if (const char* env = std::getenv("PREFLIGHT_PASSWORD"); env && *env) {
        options.request.password = env;
      } else {
        throw std::runtime_error("no password: pass --password or set PREFLIGHT_PASSWORD");
      }
    }
    Target target = target_from_environment(options.endpoint);
    if (target.endpoint.empty()) {
      target.endpoint = kDefaultEndpoint;
    }
    if (!options.region.empty()) {
      target.region = options.region;
    }
    std::cout << issue_token(AwsClient(std::move(target)), options.request) << "\n";
    return 0;
  } catch (const AwsCallError& e) {
    // Its text is "service: message"; the code is the more useful prefix.
    std::string_view message = e.what();
    if (const auto colon = message.find(": "); colon != std::string_view::npos) {
      message.remove_prefix(colon + 2);
    }
    std::cerr << "preflight token: " << e.code() << ": " << message << "\n";
  } catch (const std::exception& e) {
    std::cerr << "preflight token: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace

void add_token_command(CLI::App& app, CommandRunner& run) {
  auto options = std::make_shared<TokenOptions>();
  auto* cmd = app.add_subcommand(
      "token",
      "Sign a user pool user in (AdminInitiateAuth) and print their ID token, for curl "
      "-H \"Authorization: $(preflight token ...)\"");
  cmd->add_option("--pool", options->request.pool, "User pool name or id")->required();
  cmd->add_option("--user", options->request.user, "Username")->required();
  cmd->add_option("--password", options->request.password,
                  "Password (default: $PREFLIGHT_PASSWORD)");
  cmd->add_option("--client", options->request.client,
                  "App client name or id (default: the pool's first client)");
  cmd->add_option("--endpoint", options->endpoint,
                  "Endpoint URL (default: $AWS_ENDPOINT_URL, else http://127.0.0.1:4566)");
  cmd->add_option("--region", options->region,
                  "Region (default: $AWS_REGION, $AWS_DEFAULT_REGION, else us-east-1)");
  cmd->add_flag("--access-token", options->request.access_token,
                "Print the access token instead of the ID token");
  cmd->callback([options, &run] { run = [options] { return run_token(*options); }; });
}

}  // namespace preflight::harness
