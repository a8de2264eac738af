#include <CLI/CLI.hpp>

#include <unistd.h>

#include <climits>
#include <iostream>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/options.h"
#include "harness/gate/gate.h"

namespace preflight::harness {

namespace {

// This executable: the gate's emulator is the same preflight that runs the gate.
std::string own_binary() {
  char path[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  return n > 0 ? std::string(path, static_cast<std::size_t>(n)) : "preflight";
}

struct GateArgs {
  GateOptions gate;
  std::vector<std::string> params;
};

}  // namespace

void add_gate_command(CLI::App& app, CommandRunner& run) {
  auto o = std::make_shared<GateArgs>();
  auto* cmd = app.add_subcommand(
      "gate",
      "The CI integration gate: start a fresh emulator (or use --endpoint), deploy, load "
      "fixtures, test beta, check prod did not change, promote, test prod. Exits non-zero on "
      "any failure.");
  cmd->add_option("template", o->gate.template_file, "The template (YAML or JSON)")->required();
  cmd->add_option("--test-command", o->gate.test_command,
                  "Shell command run against each stage (gets API_URL, PREFLIGHT_STAGE, AWS_* "
                  "and the stack outputs as UPPER_SNAKE_CASE variables)")
      ->required();
  cmd->add_option("--stack", o->gate.stack, "Stack name (default: the template's folder name)");
  cmd->add_option("--fixtures", o->gate.fixtures, "Fixture files loaded after the deploy");
  cmd->add_option("--param", o->params, "KEY=VALUE for a template parameter (repeatable)");
  cmd->add_option("--junit", o->gate.junit_file, "Write a JUnit XML report to FILE");
  cmd->add_option("--endpoint", o->gate.endpoint,
                  "Use this running emulator instead of starting one");
  cmd->add_option("--region", o->gate.region, "Region")->capture_default_str();
  cmd->add_option("--from", o->gate.from, "Stage tested first")->capture_default_str();
  cmd->add_option("--to", o->gate.to, "Stage promoted to")->capture_default_str();
  cmd->callback([o, &run] {
    run = [o] {
      return run_reporting_errors("gate", [&] {
        o->gate.params = key_values(o->params, "--param");
        o->gate.emulator_binary = own_binary();
        return run_gate(o->gate, std::cout);
      });
    };
  });
}

}  // namespace preflight::harness
