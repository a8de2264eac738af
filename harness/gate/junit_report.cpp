#include "harness/gate/junit_report.h"

#include <pugixml.hpp>

#include <stdexcept>

namespace preflight::harness {

void write_junit_report(const std::string& path, const std::string& suite,
                        const std::vector<GateStep>& steps) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto suites = doc.append_child("testsuites");
  auto ts = suites.append_child("testsuite");
  int failures = 0;
  int skipped = 0;
  double total = 0;
  for (const auto& step : steps) {
    failures += step.outcome == GateStep::Outcome::Failed;
    skipped += step.outcome == GateStep::Outcome::Skipped;
    total += step.seconds;
  }
  ts.append_attribute("name") = suite.c_str();
  ts.append_attribute("tests") = static_cast<int>(steps.size());
  ts.append_attribute("failures") = failures;
  ts.append_attribute("errors") = 0;
  ts.append_attribute("skipped") = skipped;
  ts.append_attribute("time") = total;
  for (const auto& step : steps) {
    auto tc = ts.append_child("testcase");
    tc.append_attribute("classname") = suite.c_str();
    tc.append_attribute("name") = step.name.c_str();
    tc.append_attribute("time") = step.seconds;
    if (step.outcome == GateStep::Outcome::Failed) {
      auto failure = tc.append_child("failure");
      failure.append_attribute("message") = step.message.c_str();
      failure.text() = step.message.c_str();
    } else if (step.outcome == GateStep::Outcome::Skipped) {
      tc.append_child("skipped").append_attribute("message") = step.message.c_str();
    }
  }
  if (!doc.save_file(path.c_str(), "  ")) {
    throw std::runtime_error("cannot write the JUnit report to " + path);
  }
}

}  // namespace preflight::harness
