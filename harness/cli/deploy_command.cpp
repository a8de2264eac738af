#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/options.h"
#include "harness/deploy/stack.h"

namespace preflight::harness {

namespace {

struct DeployOptions {
  std::string template_file;
  std::string stack;
  std::vector<std::string> params;
  TargetOptions target;
};

int deploy(const DeployOptions& o) {
  const Template t = load_template(o.template_file, key_values(o.params, "--param"));
  const std::string stack = o.stack.empty() ? default_stack_name(o.template_file) : o.stack;
  const Json report = deploy_stack(AwsClient(o.target.target()), t, stack, std::cerr);
  std::cout << report.dump(2) << "\n";
  return 0;
}

}  // namespace

void add_deploy_command(CLI::App& app, CommandRunner& run) {
  auto o = std::make_shared<DeployOptions>();
  auto* cmd = app.add_subcommand(
      "deploy",
      "Create or update a SAM/CloudFormation stack through the AWS APIs; prints progress on "
      "stderr and the stack's outputs and stage URLs as JSON on stdout.");
  cmd->add_option("template", o->template_file, "The template (YAML or JSON)")->required();
  cmd->add_option("--stack", o->stack, "Stack name (default: the template's folder name)");
  cmd->add_option("--param", o->params, "KEY=VALUE for a template parameter (repeatable)");
  o->target.add_to(*cmd);
  cmd->callback([o, &run] {
    run = [o] { return run_reporting_errors("deploy", [&] { return deploy(*o); }); };
  });
}

}  // namespace preflight::harness
