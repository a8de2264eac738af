// libFuzzer target: the SAM/CloudFormation template reader (YAML with short-form tags, Globals,
// parameters) and the intrinsic functions over every resource's properties, the conditions and
// the outputs. Bad input may only be refused with an exception (the CLI reports it and exits 1);
// a crash, a sanitizer report, a hang or runaway memory is a finding.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <set>
#include <string>
#include <string_view>

#include "harness/template/intrinsics.h"
#include "harness/template/template.h"

namespace {

using preflight::Json;
namespace h = preflight::harness;

// Every resource is "deployed": Ref and Fn::GetAtt give fixed strings.
class FakeRefs : public h::References {
 public:
  Json ref(const std::string& name) const override { return "ref-" + name; }
  Json get_att(const std::string& name, const std::string& attribute) const override {
    return "att-" + name + "-" + attribute;
  }
};

void evaluate_all(const h::Template& t) {
  FakeRefs refs;
  const h::Evaluator e(t, {{"AWS::Region", "us-east-1"}, {"AWS::AccountId", "000000000000"}}, refs);
  for (const auto& [id, resource] : t.body["Resources"].items()) {
    std::set<std::string> names;
    h::collect_references(resource, names);
    try {
      e.eval(resource.value("Properties", Json::object()), "Resources." + id);
    } catch (const std::exception&) {
    }
  }
  for (const char* section : {"Conditions", "Outputs"}) {
    if (!t.body.contains(section)) {
      continue;
    }
    for (const auto& [name, node] : t.body[section].items()) {
      try {
        if (std::string_view(section) == "Conditions") {
          e.condition(name);
        } else {
          e.eval(node, name);
        }
      } catch (const std::exception&) {
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    // A folder that does not exist: AWS::Include of a relative file finds nothing.
    const h::Template t = h::make_template("/nonexistent/preflight-fuzz/template.yaml",
                                           h::parse_cloudformation(text, "fuzz"), {});
    evaluate_all(t);
  } catch (const std::exception&) {
  }
  return 0;
}
