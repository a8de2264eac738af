#pragma once

// API Gateway's mapping templates: Apache Velocity 1.7 with API Gateway's $input, $util, $context
// and $stageVariables.

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "emulator/common/json.h"

namespace preflight::apigateway::vtl {

// What a mapping template can read.
struct Input {
  std::string body;                       // $input.body; $input.json/$input.path parse it as JSON
  Json path = Json::object();             // $input.params().path     (string -> string)
  Json querystring = Json::object();      // $input.params().querystring
  Json header = Json::object();           // $input.params().header (names as received)
  Json context = Json::object();          // $context.* (nested objects)
  Json stage_variables = Json::object();  // $stageVariables.*
};

// A template that does not parse; the message names the line and column.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A render that went past one of the Limits (output size, loop iterations, work); API Gateway
// answers such a request with a 500.
struct LimitError : Error {
  using Error::Error;
};

// Bounds that keep a hostile template from exhausting the process.
struct Limits {
  std::size_t max_output_bytes = 10u << 20;
  // Each #foreach stops quietly after this many items, as API Gateway's quota (1,000) does.
  std::size_t max_loop_iterations = 1000;
  // Iterations of all loops in one render together (nested loops multiply).
  std::size_t max_total_iterations = 1'000'000;
  std::size_t max_range_size = 100'000;
  // Bytes of strings and elements of lists and maps built during one render.
  std::size_t max_work = 64u << 20;
};

struct Program;

// Parses once, renders many times (the data plane caches compiled templates per deployment).
// Rendering is const and may run concurrently on one Template.
class Template {
 public:
  // Throws Error when `text` does not parse.
  explicit Template(std::string_view text);
  ~Template();
  Template(Template&&) noexcept;
  Template& operator=(Template&&) noexcept;

  // Runtime problems (unknown reference, bad JSONPath, null argument) render as Velocity does: a
  // missing `$x` is the literal text "$x", a quiet `$!x` is "". Throws LimitError only.
  std::string render(const Input& input, const Limits& limits = {}) const;

 private:
  std::unique_ptr<Program> program_;
};

// Parses and renders in one go. Throws Error for a syntax error, LimitError past the limits.
std::string render(std::string_view text, const Input& input);

}  // namespace preflight::apigateway::vtl
