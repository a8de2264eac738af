#pragma once

// The host objects of API Gateway's templates: $input, $util, and the $foreach loop scope.

#include <cstdint>
#include <string>

#include "services/apigateway/vtl/runtime.h"
#include "services/apigateway/vtl/value.h"

namespace preflight::apigateway::vtl {

// $input: body, json(path), path(path), params(), params(name).
class InputObject : public Object {
 public:
  std::string text() const override { return "$input"; }
  bool property(Runtime& rt, std::string_view name, Value& out) override;
  bool call(Runtime& rt, std::string_view name, std::vector<Value>& args, Value& out) override;
};

// $util: escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode.
class UtilObject : public Object {
 public:
  std::string text() const override { return "$util"; }
  bool call(Runtime& rt, std::string_view name, std::vector<Value>& args, Value& out) override;
};

// $foreach inside a loop: index (from 0), count (from 1), hasNext, first, last, parent. One per
// loop, advanced each iteration, as Velocity's ForeachScope is. It only ever refers to enclosing
// scopes, so it cannot be part of a cycle and needs no arena.
class ForeachScope : public Object {
 public:
  explicit ForeachScope(Value parent) : parent_(std::move(parent)) {}
  void advance(std::int64_t index, bool has_next) {
    index_ = index;
    has_next_ = has_next;
  }
  std::string text() const override { return "$foreach"; }
  bool property(Runtime& rt, std::string_view name, Value& out) override;
  bool call(Runtime& rt, std::string_view name, std::vector<Value>& args, Value& out) override;
  void clear_contents() override { parent_ = Value(); }

 private:
  std::int64_t index_ = 0;
  bool has_next_ = false;
  Value parent_;
};

}  // namespace preflight::apigateway::vtl
