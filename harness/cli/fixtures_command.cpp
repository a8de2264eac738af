#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/options.h"
#include "harness/fixtures/fixtures.h"

namespace preflight::harness {

namespace {

struct FixturesOptions {
  std::vector<std::string> files;
  TargetOptions target;
};

}  // namespace

void add_fixtures_command(CLI::App& app, CommandRunner& run) {
  auto o = std::make_shared<FixturesOptions>();
  auto* cmd = app.add_subcommand(
      "fixtures", "Load fixtures files (user pools, tables, queues) into a running emulator");
  cmd->add_option("files", o->files, "Fixtures files (YAML or JSON)")->required();
  o->target.add_to(*cmd);
  cmd->callback([o, &run] {
    run = [o] {
      return run_reporting_errors("fixtures", [&] {
        const AwsClient aws(o->target.target());
        for (const auto& file : o->files) {
          load_fixtures(aws, file, std::cerr);
        }
        return 0;
      });
    };
  });
}

}  // namespace preflight::harness
