#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/options.h"
#include "harness/promote/promotion.h"

namespace preflight::harness {

namespace {

struct PromoteArgs {
  PromoteOptions promote;
  double canary = 0;
  std::string stage = "prod";
  TargetOptions target;
};

}  // namespace

void add_promote_commands(CLI::App& app, CommandRunner& run) {
  auto o = std::make_shared<PromoteArgs>();
  auto* promote_cmd = app.add_subcommand(
      "promote",
      "Promote a deployed stack: publish a version of each changed function, move its alias (or "
      "split traffic with --canary) and point the target stage at the source stage's deployment.");
  promote_cmd->add_option("--stack", o->promote.stack, "Stack name")->required();
  promote_cmd->add_option("--from", o->promote.from, "Source stage")->capture_default_str();
  promote_cmd->add_option("--to", o->promote.to, "Target stage")->capture_default_str();
  auto* canary = promote_cmd->add_option(
      "--canary", o->canary, "Send only PERCENT of the target's traffic to what is promoted");
  o->target.add_to(*promote_cmd);
  promote_cmd->callback([o, canary, &run] {
    if (canary->count() > 0) {
      o->promote.canary_percent = o->canary;
    }
    run = [o] {
      return run_reporting_errors("promote", [&] {
        promote(AwsClient(o->target.target()), o->promote, std::cout);
        return 0;
      });
    };
  });

  auto* rollback_cmd = app.add_subcommand(
      "rollback",
      "Undo the last promote of a stack to a stage: aliases and the stage's deployment go back "
      "to what they served before it.");
  rollback_cmd->add_option("--stack", o->promote.stack, "Stack name")->required();
  rollback_cmd->add_option("--stage", o->stage, "The stage to roll back")->capture_default_str();
  o->target.add_to(*rollback_cmd);
  rollback_cmd->callback([o, &run] {
    run = [o] {
      return run_reporting_errors("rollback", [&] {
        rollback(AwsClient(o->target.target()), o->promote.stack, o->stage, std::cout);
        return 0;
      });
    };
  });
}

}  // namespace preflight::harness
