#include <cmath>

#include "services/apigateway/vtl/java_text.h"
#include "services/apigateway/vtl/runtime.h"
#include "services/apigateway/vtl/value.h"

namespace preflight::apigateway::vtl {

namespace {

void check_size(const std::string& out, std::size_t max_bytes) {
  if (out.size() > max_bytes) {
    throw LimitError("mapping template output is larger than " + std::to_string(max_bytes) +
                     " bytes");
  }
}

void check_depth(int depth) {
  if (depth > kMaxValueDepth) {
    throw LimitError("mapping template value is nested too deeply");
  }
}

void append_text_at(std::string& out, const Value& value, std::size_t max_bytes, int depth,
                    const void* self);

void append_element(std::string& out, const Value& item, std::size_t max_bytes, int depth,
                    const void* self, const char* self_text) {
  const void* inner = item.as_list() ? static_cast<const void*>(item.as_list())
                                     : static_cast<const void*>(item.as_map());
  if (inner != nullptr && inner == self) {
    out += self_text;  // AbstractCollection/AbstractMap print themselves this way
  } else {
    append_text_at(out, item, max_bytes, depth + 1, nullptr);
  }
}

void append_text_at(std::string& out, const Value& value, std::size_t max_bytes, int depth,
                    const void*) {
  check_depth(depth);
  if (value.is_null()) {
    out += "null";
  } else if (auto b = value.as_bool()) {
    out += *b ? "true" : "false";
  } else if (auto i = value.as_int()) {
    out += std::to_string(*i);
  } else if (auto d = value.as_double()) {
    out += java_double(*d);
  } else if (auto s = value.as_string()) {
    out += *s;
  } else if (auto l = value.as_list()) {
    if (l->json_style) {
      append_json(out, value, max_bytes, depth);
      return;
    }
    out += '[';
    for (std::size_t k = 0; k < l->items.size(); ++k) {
      if (k > 0) {
        out += ", ";
      }
      append_element(out, l->items[k], max_bytes, depth, l, "(this Collection)");
      check_size(out, max_bytes);
    }
    out += ']';
  } else if (auto m = value.as_map()) {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : m->entries) {
      if (!first) {
        out += ", ";
      }
      first = false;
      out += key;
      out += '=';
      append_element(out, item, max_bytes, depth, m, "(this Map)");
      check_size(out, max_bytes);
    }
    out += '}';
  } else if (auto o = value.as_object()) {
    out += o->text();
  }
  check_size(out, max_bytes);
}

}  // namespace

const Value* Map::find(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.first == key) {
      return &entry.second;
    }
  }
  return nullptr;
}

Value* Map::find(std::string_view key) {
  for (auto& entry : entries) {
    if (entry.first == key) {
      return &entry.second;
    }
  }
  return nullptr;
}

Value Map::put(std::string key, Value value) {
  if (Value* existing = find(key)) {
    Value previous = std::move(*existing);
    *existing = std::move(value);
    return previous;
  }
  entries.emplace_back(std::move(key), std::move(value));
  return Value();
}

Value Map::remove(std::string_view key) {
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    if (it->first == key) {
      Value previous = std::move(it->second);
      entries.erase(it);
      return previous;
    }
  }
  return Value();
}

bool Object::property(Runtime&, std::string_view, Value&) {
  return false;
}
bool Object::call(Runtime&, std::string_view, std::vector<Value>&, Value&) {
  return false;
}

std::string Entry::text() const {
  return key_ + "=" + to_text(value_, 1u << 20);
}

bool Entry::property(Runtime&, std::string_view name, Value& out) {
  if (name == "key") {
    out = key_;
    return true;
  }
  if (name == "value") {
    out = value_;
    return true;
  }
  return false;
}

bool Entry::call(Runtime&, std::string_view name, std::vector<Value>& args, Value& out) {
  if (name == "getKey" && args.empty()) {
    out = key_;
    return true;
  }
  if (name == "getValue" && args.empty()) {
    out = value_;
    return true;
  }
  if (name == "toString" && args.empty()) {
    out = text();
    return true;
  }
  return false;
}

void append_text(std::string& out, const Value& value, std::size_t max_bytes) {
  append_text_at(out, value, max_bytes, 0, nullptr);
}

std::string to_text(const Value& value, std::size_t max_bytes) {
  std::string out;
  append_text(out, value, max_bytes);
  return out;
}

void append_json(std::string& out, const Value& value, std::size_t max_bytes, int depth) {
  check_depth(depth);
  if (value.is_null()) {
    out += "null";
  } else if (auto b = value.as_bool()) {
    out += *b ? "true" : "false";
  } else if (auto i = value.as_int()) {
    out += std::to_string(*i);
  } else if (auto d = value.as_double()) {
    out += java_double(*d);
  } else if (auto s = value.as_string()) {
    append_json_string(out, *s);
  } else if (auto l = value.as_list()) {
    out += '[';
    for (std::size_t k = 0; k < l->items.size(); ++k) {
      if (k > 0) {
        out += ',';
      }
      append_json(out, l->items[k], max_bytes, depth + 1);
      check_size(out, max_bytes);
    }
    out += ']';
  } else if (auto m = value.as_map()) {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : m->entries) {
      if (!first) {
        out += ',';
      }
      first = false;
      append_json_string(out, key);
      out += ':';
      append_json(out, item, max_bytes, depth + 1);
      check_size(out, max_bytes);
    }
    out += '}';
  } else if (auto o = value.as_object()) {
    append_json_string(out, o->text());
  }
  check_size(out, max_bytes);
}

bool values_equal(const Value& a, const Value& b, int depth) {
  check_depth(depth);
  if (a.is_number() && b.is_number()) {
    if (a.as_int() && b.as_int()) {
      return *a.as_int() == *b.as_int();
    }
    return a.number() == b.number();
  }
  if (a.v.index() != b.v.index()) {
    return false;
  }
  if (a.is_null()) {
    return true;
  }
  if (auto x = a.as_bool()) {
    return *x == *b.as_bool();
  }
  if (auto x = a.as_string()) {
    return *x == *b.as_string();
  }
  if (auto x = a.as_list()) {
    const List* y = b.as_list();
    if (x == y) {
      return true;
    }
    if (x->items.size() != y->items.size()) {
      return false;
    }
    for (std::size_t k = 0; k < x->items.size(); ++k) {
      if (!values_equal(x->items[k], y->items[k], depth + 1)) {
        return false;
      }
    }
    return true;
  }
  if (auto x = a.as_map()) {
    const Map* y = b.as_map();
    if (x == y) {
      return true;
    }
    if (x->entries.size() != y->entries.size()) {
      return false;
    }
    for (const auto& [key, item] : x->entries) {
      const Value* other = y->find(key);
      if (other == nullptr || !values_equal(item, *other, depth + 1)) {
        return false;
      }
    }
    return true;
  }
  return a.as_object() == b.as_object();
}

}  // namespace preflight::apigateway::vtl
