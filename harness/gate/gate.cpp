#include "harness/gate/gate.h"

#include <cctype>
#include <chrono>
#include <functional>
#include <memory>
#include <sstream>

#include "harness/cli/options.h"
#include "harness/deploy/stack.h"
#include "harness/fixtures/fixtures.h"
#include "harness/gate/junit_report.h"
#include "harness/gate/shell_command.h"
#include "harness/process/emulator_process.h"
#include "harness/promote/promotion.h"

namespace preflight::harness {

namespace {

using Clock = std::chrono::steady_clock;

// Runs the steps in order; after a failure the rest are recorded as skipped.
class StepRunner {
 public:
  explicit StepRunner(std::ostream& out) : out_(out) {}

  // `body` returns "" when the step passed, else why it failed; exceptions fail it too.
  bool run(const std::string& name, const std::function<std::string()>& body) {
    GateStep step{name};
    if (failed_) {
      step.message = "an earlier step failed";
      steps_.push_back(step);
      return false;
    }
    out_ << "\n== " << name << "\n" << std::flush;
    const auto started = Clock::now();
    try {
      step.message = body();
    } catch (const std::exception& e) {
      step.message = e.what();
    }
    step.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    step.outcome = step.message.empty() ? GateStep::Outcome::Passed : GateStep::Outcome::Failed;
    failed_ = step.outcome == GateStep::Outcome::Failed;
    if (failed_) {
      out_ << "FAILED: " << step.message << "\n";
    }
    steps_.push_back(step);
    return !failed_;
  }

  bool failed() const { return failed_; }
  const std::vector<GateStep>& steps() const { return steps_; }

 private:
  std::ostream& out_;
  std::vector<GateStep> steps_;
  bool failed_ = false;
};

void print_summary(std::ostream& out, const std::vector<GateStep>& steps, double total) {
  out << "\n== preflight gate summary\n";
  for (const auto& step : steps) {
    const char* mark = step.outcome == GateStep::Outcome::Passed   ? "PASS"
                       : step.outcome == GateStep::Outcome::Failed ? "FAIL"
                                                                   : "SKIP";
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%7.2fs", step.seconds);
    out << "  " << mark << "  " << seconds << "  " << step.name;
    if (step.outcome == GateStep::Outcome::Failed) {
      out << ": " << step.message;
    }
    out << "\n";
  }
  char line[64];
  std::snprintf(line, sizeof line, "%.2fs", total);
  bool failed = false;
  for (const auto& step : steps) {
    failed = failed || step.outcome == GateStep::Outcome::Failed;
  }
  out << (failed ? "GATE FAILED" : "GATE PASSED") << " in " << line << "\n";
}

std::map<std::string, std::string> output_values(const Json& outputs) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : outputs.items()) {
    out[name] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return out;
}

}  // namespace

std::string upper_snake_case(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool upper = std::isupper(static_cast<unsigned char>(c));
    if (upper && i > 0) {
      const bool prev_lower = std::islower(static_cast<unsigned char>(name[i - 1])) ||
                              std::isdigit(static_cast<unsigned char>(name[i - 1]));
      const bool next_lower =
          i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
      const bool prev_upper = std::isupper(static_cast<unsigned char>(name[i - 1]));
      if (prev_lower || (prev_upper && next_lower)) {
        out += '_';
      }
    }
    out += std::isalnum(static_cast<unsigned char>(c))
               ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
               : '_';
  }
  return out;
}

std::map<std::string, std::string> stage_environment(
    const std::string& stage, const std::string& api_url, const std::string& endpoint,
    const std::string& region, const std::map<std::string, std::string>& outputs) {
  std::map<std::string, std::string> env;
  for (const auto& [name, value] : outputs) {
    env[upper_snake_case(name)] = value;
  }
  env["API_URL"] = api_url;
  env["PREFLIGHT_STAGE"] = stage;
  env["AWS_ENDPOINT_URL"] = endpoint;
  env["AWS_REGION"] = region;
  env["AWS_DEFAULT_REGION"] = region;
  env["AWS_ACCESS_KEY_ID"] = "test";
  env["AWS_SECRET_ACCESS_KEY"] = "test";
  return env;
}

int run_gate(const GateOptions& o, std::ostream& out) {
  const auto started = Clock::now();
  const std::string stack = o.stack.empty() ? default_stack_name(o.template_file) : o.stack;
  StepRunner steps(out);
  std::unique_ptr<EmulatorProcess> emulator;
  std::string endpoint = o.endpoint;
  if (endpoint.empty()) {
    steps.run("start emulator", [&] {
      EmulatorOptions eo;
      eo.binary = o.emulator_binary;
      eo.region = o.region;
      emulator = std::make_unique<EmulatorProcess>(eo);
      endpoint = emulator->endpoint();
      out << "emulator on " << endpoint << " (pid " << emulator->pid() << ")\n";
      return std::string();
    });
  }
  Target target;
  target.endpoint = endpoint;
  target.region = o.region;
  const AwsClient aws(target);
  Json report;
  steps.run("deploy", [&] {
    const Template t = load_template(o.template_file, o.params);
    report = deploy_stack(aws, t, stack, out);
    out << report.dump(2) << "\n";
    for (const auto& stage : {o.from, o.to}) {
      if (!report["Stages"].contains(stage)) {
        return "the template has no API stage named " + stage;
      }
    }
    return std::string();
  });
  if (!o.fixtures.empty()) {
    steps.run("load fixtures", [&] {
      for (const auto& file : o.fixtures) {
        load_fixtures(aws, file, out);
      }
      return std::string();
    });
  }
  const auto outputs =
      output_values(report.is_object() ? report.value("Outputs", Json::object()) : Json::object());
  auto test_stage = [&](const std::string& stage) {
    const std::string url = report["Stages"].value(stage, "");
    const auto env = stage_environment(stage, url, endpoint, o.region, outputs);
    out << "API_URL=" << url << "\n$ " << o.test_command << "\n" << std::flush;
    const int code = run_shell_command(o.test_command, env);
    return code == 0 ? std::string() : "the test command exited with " + std::to_string(code);
  };
  Json before;
  steps.run("tests on " + o.from, [&] {
    before = served_state(aws, stack, o.to);
    return test_stage(o.from);
  });
  steps.run(o.to + " unchanged by " + o.from, [&] {
    const Json after = served_state(aws, stack, o.to);
    if (after != before) {
      return o.to + " changed while only " + o.from + " should have: before " + before.dump() +
             ", after " + after.dump();
    }
    out << o.to << " still serves " << after.dump() << "\n";
    return std::string();
  });
  steps.run("promote " + o.from + " -> " + o.to, [&] {
    PromoteOptions po;
    po.stack = stack;
    po.from = o.from;
    po.to = o.to;
    promote(aws, po, out);
    return std::string();
  });
  steps.run("tests on " + o.to, [&] { return test_stage(o.to); });
  if (emulator) {
    emulator->stop();
  }
  const double total = std::chrono::duration<double>(Clock::now() - started).count();
  print_summary(out, steps.steps(), total);
  if (!o.junit_file.empty()) {
    write_junit_report(o.junit_file, "preflight gate", steps.steps());
    out << "JUnit report: " << o.junit_file << "\n";
  }
  return steps.failed() ? 1 : 0;
}

}  // namespace preflight::harness
