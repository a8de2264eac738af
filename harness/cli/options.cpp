#include "harness/cli/options.h"

#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace preflight::harness {

void TargetOptions::add_to(CLI::App& command) {
  command.add_option("--endpoint", endpoint,
                     "Endpoint URL (default: AWS_ENDPOINT_URL, else http://127.0.0.1:4566; "
                     "'aws' for the real AWS endpoints)");
  command.add_option("--region", region, "Region (default: AWS_REGION, else us-east-1)");
}

Target TargetOptions::target() const {
  std::string url = endpoint;
  if (url.empty()) {
    const char* env = std::getenv("AWS_ENDPOINT_URL");
    url = env && *env ? env : "http://127.0.0.1:4566";
  }
  Target t = target_from_environment(url == "aws" ? "" : url);
  if (url == "aws") {
    t.endpoint.clear();
  }
  if (!region.empty()) {
    t.region = region;
  }
  return t;
}

std::map<std::string, std::string> key_values(const std::vector<std::string>& pairs,
                                              const std::string& option) {
  std::map<std::string, std::string> out;
  for (const auto& pair : pairs) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw std::invalid_argument(option + " expects KEY=VALUE, got '" + pair + "'");
    }
    out[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  return out;
}

std::string default_stack_name(const std::string& template_file) {
  // A CloudFormation stack name: a letter, then letters, digits and hyphens.
  std::string name = std::filesystem::absolute(template_file).parent_path().filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      c = '-';
    }
  }
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name.front()))) {
    name.insert(0, "stack-");
  }
  return name;
}

int run_reporting_errors(const std::string& command, const std::function<int()>& body) {
  try {
    return body();
  } catch (const AwsCallError& e) {
    // Its text is "service: message"; the error code is the more useful prefix.
    std::string_view message = e.what();
    if (const auto colon = message.find(": "); colon != std::string_view::npos) {
      message.remove_prefix(colon + 2);
    }
    std::cerr << "preflight " << command << ": " << e.code() << ": " << message << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "preflight " << command << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace preflight::harness
