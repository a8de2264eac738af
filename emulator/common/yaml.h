#pragma once

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "emulator/common/json.h"

namespace preflight {

// A YAML document that cannot be read, or that is too big once its aliases are expanded.
// line and column are 1-based (0 when unknown).
class YamlError : public std::runtime_error {
 public:
  YamlError(const std::string& message, int line = 0, int column = 0);
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  int line_;
  int column_;
};

// Bounds that keep hostile input (deep nesting, "billion laughs" alias bombs) from exhausting
// the stack or memory: depth counts nested collections, nodes and scalar_bytes count the output
// after aliases are expanded.
struct YamlLimits {
  std::size_t max_depth = 128;
  std::size_t max_nodes = 1'000'000;
  std::size_t max_scalar_bytes = 64 << 20;
};

// Called for a node carrying a local tag other than the non-specific "!" (CloudFormation's
// `!Ref x`, `!Sub [...]`, `!GetAtt a.b`) with the tag as written and the node's value (a tagged
// scalar is always passed as a string); its result replaces the node.
using YamlTagHook = std::function<Json(std::string_view tag, Json value)>;

// One YAML document (a stream with several documents is an error) to JSON.
// Plain scalars are typed by the YAML 1.2 core schema: null/Null/NULL/~/empty -> null,
// true/false (any of the three casings; not yes/no/on/off, which YAML 1.1 had) -> bool,
// decimal / 0x / 0o integers -> numbers, decimal floats -> numbers. Deliberate differences, so no
// text is silently altered: integers outside int64/uint64, integers with leading zeros ("0123",
// e.g. account ids) and .inf/.nan (JSON has no such numbers) stay strings. Quoted scalars are
// always strings. Anchors, aliases and merge keys (<<) are resolved; duplicate keys and
// non-scalar keys are errors. Without a hook, local tags are dropped (their scalar stays a string).
Json parse_yaml(std::string_view text, const YamlLimits& limits = {});
Json parse_yaml(std::string_view text, const YamlTagHook& hook, const YamlLimits& limits = {});

// JSON when the text starts (after whitespace) with '{' or '[' and parses as JSON, else YAML.
// JSON nesting is held to limits.max_depth as well.
Json parse_json_or_yaml(std::string_view text, const YamlLimits& limits = {});

// Block-style YAML for a JSON value; strings that would read back as something else (numbers,
// booleans, null, or text with YAML syntax) are double-quoted, so parse_yaml(to_yaml(j)) == j.
std::string to_yaml(const Json& value);

}  // namespace preflight
