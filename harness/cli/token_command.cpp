#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/options.h"
#include "harness/token.h"

namespace preflight::harness {

namespace {

struct TokenOptions {
  TokenRequest request;
  TargetOptions target;
};

int run_token(TokenOptions options) {
  if (options.request.password.empty()) {
    if (const char* env = std::getenv("PREFLIGHT_PASSWORD"); env && *env) {
      options.request.password = env;
    } else {
      throw std::runtime_error("no password: pass --password or set PREFLIGHT_PASSWORD");
    }
  }
  std::cout << issue_token(AwsClient(options.target.target()), options.request) << "\n";
  return 0;
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
  options->target.add_to(*cmd);
  cmd->add_flag("--access-token", options->request.access_token,
                "Print the access token instead of the ID token");
  cmd->callback([options, &run] {
    run = [options] { return run_reporting_errors("token", [&] { return run_token(*options); }); };
  });
}

}  // namespace preflight::harness
