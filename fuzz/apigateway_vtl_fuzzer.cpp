// libFuzzer target: API Gateway mapping templates. The input is a template; it may be refused
// only with a vtl::Error. A template that parses is rendered against a request with a JSON body,
// parameters, context and stage variables, where only a vtl::LimitError may come out. Any other
// exception, a crash, a hang or a sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "services/apigateway/vtl/template.h"

namespace {

namespace vtl = preflight::apigateway::vtl;

const vtl::Input& sample_input() {
  static const vtl::Input input = [] {
    vtl::Input in;
    in.body = R"({"name": "Ada", "n": 3, "d": 1.5, "ok": true, "none": null,
      "items": [{"id": "a", "tags": ["x"]}, {"id": "b"}], "nested": {"deep": {"name": "in"}}})";
    in.path = {{"id", "42"}};
    in.querystring = {{"q", "it's \"quoted\""}};
    in.header = {{"X-Trace", "t"}, {"Accept", "*/*"}};
    in.context = {{"identity", {{"sourceIp", "1.2.3.4"}}}, {"requestId", "r"}};
    in.stage_variables = {{"env", "beta"}};
    return in;
  }();
  return input;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const vtl::Template parsed(text);
    // Small limits keep each input fast; the limits themselves are what is being exercised.
    vtl::Limits limits;
    limits.max_output_bytes = 1 << 20;
    limits.max_total_iterations = 20'000;
    limits.max_range_size = 10'000;
    limits.max_work = 4 << 20;
    parsed.render(sample_input(), limits);
  } catch (const vtl::Error&) {
    // a syntax error or a limit: both are answers
  }
  return 0;
}
