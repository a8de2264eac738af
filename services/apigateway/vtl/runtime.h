#pragma once

// The state of one render: the input, the limits and what has been spent of them, and the arena
// that owns every container the template builds.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/apigateway/vtl/template.h"
#include "services/apigateway/vtl/value.h"

namespace preflight::apigateway::vtl {

// Nesting deeper than this (of values being printed or compared, of JSON bodies) is refused:
// recursion over it must stay well inside the stack.
inline constexpr int kMaxValueDepth = 200;

class Runtime {
 public:
  Runtime(const Input& input, const Limits& limits) : input_(input), limits_(limits) {}
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  const Input& input() const { return input_; }
  const Limits& limits() const { return limits_; }

  std::shared_ptr<List> new_list(bool json_style = false);
  std::shared_ptr<Map> new_map();
  template <typename T, typename... Args>
  std::shared_ptr<T> new_object(Args&&... args) {
    auto object = std::make_shared<T>(std::forward<Args>(args)...);
    owned_.push_back(object);
    return object;
  }

  // Accounts for `units` of work (bytes of a new string, elements of a list); throws LimitError
  // once a render has spent Limits::max_work.
  void charge(std::size_t units);
  void count_iteration();

  // The request body parsed as JSON (nlohmann keeps key order like json-smart does). An empty
  // body is {} (what API Gateway's passthrough shows for a GET); a body that is not JSON is
  // nullptr, so $input.path/$input.json find nothing.
  const nlohmann::ordered_json* body_json();

  // JSON (from the body, $util.parseJson, $context) as template values: objects become maps,
  // arrays JSON-style lists.
  Value from_json(const nlohmann::ordered_json& json, int depth = 0);
  Value from_json(const Json& json, int depth = 0);

 private:
  const Input& input_;
  const Limits& limits_;
  std::vector<std::shared_ptr<Container>> owned_;
  std::size_t work_ = 0;
  std::size_t iterations_ = 0;
  bool body_parsed_ = false;
  std::optional<nlohmann::ordered_json> body_;
};

// JSON text parsed (key order kept); nullopt when it is not JSON or is nested deeper than
// kMaxValueDepth (nlohmann recurses per level).
std::optional<nlohmann::ordered_json> parse_json_text(std::string_view text);

// Java's toString() of a value: how Velocity prints it. Throws LimitError past `max_bytes` or
// kMaxValueDepth.
void append_text(std::string& out, const Value& value, std::size_t max_bytes);
std::string to_text(const Value& value, std::size_t max_bytes);
// Compact JSON of a value (json-smart's JSONArray.toString).
void append_json(std::string& out, const Value& value, std::size_t max_bytes, int depth = 0);
// Java equals(): numbers by value, strings and collections by content.
bool values_equal(const Value& a, const Value& b, int depth = 0);

}  // namespace preflight::apigateway::vtl
