#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace preflight::harness {

// What a chosen subcommand does once the command line is parsed; returns the exit code.
using CommandRunner = std::function<int()>;

// Each adds its subcommand(s) to `app`; when one is chosen, parsing sets `run` to it.
void add_deploy_command(CLI::App& app, CommandRunner& run);
void add_promote_commands(CLI::App& app, CommandRunner& run);  // promote, rollback
void add_gate_command(CLI::App& app, CommandRunner& run);
void add_token_command(CLI::App& app, CommandRunner& run);
void add_fixtures_command(CLI::App& app, CommandRunner& run);

// Every harness subcommand.
inline void add_harness_commands(CLI::App& app, CommandRunner& run) {
  add_deploy_command(app, run);
  add_promote_commands(app, run);
  add_gate_command(app, run);
  add_token_command(app, run);
  add_fixtures_command(app, run);
}

}  // namespace preflight::harness
