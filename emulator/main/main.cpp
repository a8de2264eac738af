#include <CLI/CLI.hpp>

#include <iostream>

#include "emulator/common/log.h"
#include "emulator/common/version.h"
#include "emulator/main/serve.h"
#include "harness/cli/commands.h"

int main(int argc, char** argv) {
  using namespace preflight;
  CLI::App app{
      "Preflight: a local AWS emulator and integration-test harness.\n"
      "One process, one port: API Gateway, Lambda, Cognito, DynamoDB, SQS and STS for\n"
      "real AWS SDKs and the aws CLI (--endpoint-url http://localhost:4566).",
      "preflight"};
  app.set_version_flag("--version", kVersion);
  bool list_ops = false;
  app.add_flag("--list-operations", list_ops,
               "Print every emulated service and operation as a Markdown table and exit");

  ServeOptions opts;
  std::string log_format = "text";
  std::vector<std::string> credentials;
  int idle_timeout = 60;
  std::vector<std::string> service_options;
  auto* serve_cmd = app.add_subcommand(
      "serve",
      "Run the emulator until SIGINT/SIGTERM. Prints one line 'preflight ready on "
      "http://HOST:PORT' once it accepts connections.");
  serve_cmd->add_option("--host", opts.config.host, "Address to listen on")->capture_default_str();
  serve_cmd->add_option("--port", opts.config.port, "Port to listen on; 0 picks a free one")
      ->capture_default_str();
  serve_cmd->add_option("--data-dir", opts.config.data_dir,
                        "Persist state in DIR/preflight.db (SQLite WAL); default: in memory");
  serve_cmd
      ->add_option("--region", opts.config.region,
                   "Region for requests that do not carry one in their signature")
      ->capture_default_str();
  serve_cmd->add_option("--log-format", log_format, "Request log format on stderr")
      ->check(CLI::IsMember({"text", "json", "off"}))
      ->capture_default_str();
  serve_cmd->add_flag("--strict-auth", opts.config.strict_auth,
                      "Verify SigV4 signatures against --credentials and reject bad ones");
  serve_cmd
      ->add_option("--credentials", credentials,
                   "ACCESS_KEY:SECRET pairs accepted by --strict-auth (default test:test)")
      ->each([&opts](const std::string& pair) {
        // --fixtures are loaded as the first pair given.
        if (opts.fixtures_access_key.empty()) {
          opts.fixtures_access_key = pair.substr(0, pair.find(':'));
        }
      });
  serve_cmd
      ->add_option("--idle-timeout", idle_timeout,
                   "Seconds before an idle keep-alive connection is closed")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  serve_cmd->add_option("--fixtures", opts.fixtures,
                        "Load these fixtures files (YAML or JSON: userPools, tables, queues) "
                        "through the emulator's own API before it prints the ready line");
  serve_cmd->add_option("--option", service_options,
                        "NAME=VALUE service settings, e.g. dynamodb.ttl-sweep-seconds=1 "
                        "(see README)");

  harness::CommandRunner run_harness_command;
  harness::add_harness_commands(app, run_harness_command);

  CLI11_PARSE(app, argc, argv);

  if (list_ops) {
    return list_operations();
  }
  if (run_harness_command) {
    return run_harness_command();
  }
  if (!*serve_cmd) {
    std::cout << app.help();
    return 0;
  }
  log::set_format(log_format == "json"  ? log::Format::Json
                  : log_format == "off" ? log::Format::Off
                                        : log::Format::Text);
  if (!credentials.empty()) {
    opts.config.credentials.clear();
    for (const auto& pair : credentials) {
      const auto colon = pair.find(':');
      if (colon == std::string::npos || colon == 0) {
        std::cerr << "--credentials expects ACCESS_KEY:SECRET, got '" << pair << "'\n";
        return 2;
      }
      opts.config.credentials[pair.substr(0, colon)] = pair.substr(colon + 1);
    }
  }
  for (const auto& option : service_options) {
    const auto eq = option.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "--option expects NAME=VALUE, got '" << option << "'\n";
      return 2;
    }
    opts.config.options[option.substr(0, eq)] = option.substr(eq + 1);
  }
  opts.idle_timeout = std::chrono::seconds(idle_timeout);
  try {
    return serve(opts);
  } catch (const std::exception& e) {
    std::cerr << "preflight: " << e.what() << "\n";
    return 1;
  }
}
