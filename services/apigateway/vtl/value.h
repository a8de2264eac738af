#pragma once

// The values a mapping template computes with. They mirror the Java objects Velocity sees in API
// Gateway: null, Boolean, Integer/Long, Double, String, ArrayList or json-smart's JSONArray,
// LinkedHashMap, Map.Entry, and host objects ($input, $util, $foreach).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace preflight::apigateway::vtl {

class Runtime;
struct List;
struct Map;
class Object;

struct Value {
  using Storage =
      std::variant<std::monostate, bool, std::int64_t, double, std::string, std::shared_ptr<List>,
                   std::shared_ptr<Map>, std::shared_ptr<Object>>;
  Storage v;

  Value() = default;
  Value(bool b) : v(b) {}
  Value(std::int64_t i) : v(i) {}
  Value(int i) : v(static_cast<std::int64_t>(i)) {}
  Value(double d) : v(d) {}
  Value(std::string s) : v(std::move(s)) {}
  Value(const char* s) : v(std::string(s)) {}
  Value(std::shared_ptr<List> l) : v(std::move(l)) {}
  Value(std::shared_ptr<Map> m) : v(std::move(m)) {}
  Value(std::shared_ptr<Object> o) : v(std::move(o)) {}

  bool is_null() const { return std::holds_alternative<std::monostate>(v); }
  bool is_number() const {
    return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v);
  }
  const bool* as_bool() const { return std::get_if<bool>(&v); }
  const std::int64_t* as_int() const { return std::get_if<std::int64_t>(&v); }
  const double* as_double() const { return std::get_if<double>(&v); }
  const std::string* as_string() const { return std::get_if<std::string>(&v); }
  List* as_list() const {
    auto p = std::get_if<std::shared_ptr<List>>(&v);
    return p ? p->get() : nullptr;
  }
  Map* as_map() const {
    auto p = std::get_if<std::shared_ptr<Map>>(&v);
    return p ? p->get() : nullptr;
  }
  Object* as_object() const {
    auto p = std::get_if<std::shared_ptr<Object>>(&v);
    return p ? p->get() : nullptr;
  }
  double number() const { return as_int() ? static_cast<double>(*as_int()) : *as_double(); }
};

// Everything that can hold other values derives from Container, so the per-render arena can empty
// them all at the end: templates can build cycles ($l.add($l)) and million-deep nests, and clearing
// flat avoids both leaks and recursive destruction.
struct Container {
  virtual ~Container() = default;
  virtual void clear_contents() = 0;
};

struct List : Container {
  std::vector<Value> items;
  // A JSONArray (from $input.path or $util.parseJson) prints as JSON; an ArrayList as [a, b].
  bool json_style = false;
  void clear_contents() override { items.clear(); }
};

// A LinkedHashMap: keys keep insertion order. Keys are strings (template keys are stringified).
struct Map : Container {
  std::vector<std::pair<std::string, Value>> entries;
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  // Returns the previous value (null when the key is new), like Map.put.
  Value put(std::string key, Value value);
  Value remove(std::string_view key);
  void clear_contents() override { entries.clear(); }
};

// A host object with Java-bean style properties and methods. Returning nullopt means "no such
// property or method", which Velocity renders like null.
class Object : public Container {
 public:
  virtual std::string text() const = 0;
  virtual bool property(Runtime& rt, std::string_view name, Value& out);
  virtual bool call(Runtime& rt, std::string_view name, std::vector<Value>& args, Value& out);
  void clear_contents() override {}
};

// Map.Entry from entrySet(): .key / .value / getKey() / getValue(), prints as key=value.
class Entry : public Object {
 public:
  Entry(std::string key, Value value) : key_(std::move(key)), value_(std::move(value)) {}
  std::string text() const override;
  bool property(Runtime& rt, std::string_view name, Value& out) override;
  bool call(Runtime& rt, std::string_view name, std::vector<Value>& args, Value& out) override;
  void clear_contents() override { value_ = Value(); }

 private:
  friend class Runtime;
  std::string key_;
  Value value_;
};

}  // namespace preflight::apigateway::vtl
