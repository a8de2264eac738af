#include "services/apigateway/vtl/methods.h"

#include <cmath>
#include <limits>

#include "services/apigateway/vtl/string_methods.h"

namespace preflight::apigateway::vtl {

namespace {

std::size_t max_text(Runtime& rt) {
  return rt.limits().max_output_bytes;
}

// A list index as Java takes it; nullopt when out of range (IndexOutOfBoundsException).
std::optional<std::size_t> list_position(const List& list, const Value& index,
                                         bool allow_negative) {
  const std::int64_t* i = index.as_int();
  if (i == nullptr) {
    return std::nullopt;
  }
  std::int64_t at = *i;
  if (at < 0 && allow_negative) {
    at += static_cast<std::int64_t>(list.items.size());
  }
  if (at < 0 || at >= static_cast<std::int64_t>(list.items.size())) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(at);
}

bool call_list_method(Runtime& rt, List& list, std::string_view name, std::vector<Value>& args,
                      Value& out) {
  const std::size_t n = args.size();
  if (name == "size" && n == 0) {
    out = static_cast<std::int64_t>(list.items.size());
  } else if (name == "isEmpty" && n == 0) {
    out = list.items.empty();
  } else if (name == "get" && n == 1) {
    auto at = list_position(list, args[0], false);
    out = at ? list.items[*at] : Value();
  } else if (name == "contains" && n == 1) {
    bool found = false;
    for (const auto& item : list.items) {
      if (values_equal(item, args[0])) {
        found = true;
        break;
      }
    }
    out = found;
  } else if (name == "indexOf" && n == 1) {
    std::int64_t found = -1;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      if (values_equal(list.items[i], args[0])) {
        found = static_cast<std::int64_t>(i);
        break;
      }
    }
    out = found;
  } else if (name == "add" && n == 1) {
    rt.charge(sizeof(Value));
    list.items.push_back(args[0]);
    out = true;
  } else if (name == "add" && n == 2 && args[0].as_int()) {
    const std::int64_t at = *args[0].as_int();
    if (at < 0 || at > static_cast<std::int64_t>(list.items.size())) {
      out = Value();
      return true;
    }
    rt.charge(sizeof(Value));
    list.items.insert(list.items.begin() + at, args[1]);
    out = void_result();
  } else if (name == "addAll" && n == 1 && args[0].as_list()) {
    const std::vector<Value> more = args[0].as_list()->items;  // may be this very list
    rt.charge(more.size() * sizeof(Value));
    list.items.insert(list.items.end(), more.begin(), more.end());
    out = !more.empty();
  } else if (name == "set" && n == 2) {
    auto at = list_position(list, args[0], false);
    if (!at) {
      out = Value();
      return true;
    }
    out = std::exchange(list.items[*at], args[1]);
  } else if (name == "remove" && n == 1) {
    if (args[0].as_int()) {  // remove(int index)
      auto at = list_position(list, args[0], false);
      if (!at) {
        out = Value();
        return true;
      }
      out = list.items[*at];
      list.items.erase(list.items.begin() + static_cast<std::ptrdiff_t>(*at));
    } else {  // remove(Object)
      out = false;
      for (auto it = list.items.begin(); it != list.items.end(); ++it) {
        if (values_equal(*it, args[0])) {
          list.items.erase(it);
          out = true;
          break;
        }
      }
    }
  } else if (name == "clear" && n == 0) {
    list.items.clear();
    out = void_result();
  } else {
    return false;
  }
  return true;
}

bool call_map_method(Runtime& rt, Map& map, std::string_view name, std::vector<Value>& args,
                     Value& out) {
  const std::size_t n = args.size();
  auto key = [&](std::size_t i) { return to_text(args[i], max_text(rt)); };
  if (name == "get" && n == 1) {
    const Value* found = map.find(key(0));
    out = found ? *found : Value();
  } else if (name == "getOrDefault" && n == 2) {
    const Value* found = map.find(key(0));
    out = found ? *found : args[1];
  } else if (name == "containsKey" && n == 1) {
    out = map.find(key(0)) != nullptr;
  } else if (name == "containsValue" && n == 1) {
    bool found = false;
    for (const auto& entry : map.entries) {
      found = found || values_equal(entry.second, args[0]);
    }
    out = found;
  } else if (name == "put" && n == 2) {
    std::string k = key(0);
    rt.charge(k.size() + sizeof(Value));
    out = map.put(std::move(k), args[1]);
  } else if (name == "putAll" && n == 1 && args[0].as_map()) {
    const auto more = args[0].as_map()->entries;
    rt.charge(more.size() * sizeof(Value));
    for (const auto& [k, v] : more) {
      map.put(k, v);
    }
    out = void_result();
  } else if (name == "remove" && n == 1) {
    out = map.remove(key(0));
  } else if (name == "size" && n == 0) {
    out = static_cast<std::int64_t>(map.entries.size());
  } else if (name == "isEmpty" && n == 0) {
    out = map.entries.empty();
  } else if (name == "clear" && n == 0) {
    map.entries.clear();
    out = void_result();
  } else if ((name == "keySet" || name == "values" || name == "entrySet") && n == 0) {
    auto list = rt.new_list();
    rt.charge(map.entries.size() * sizeof(Value));
    for (const auto& [k, v] : map.entries) {
      if (name == "keySet") {
        list->items.emplace_back(k);
      } else if (name == "values") {
        list->items.push_back(v);
      } else {
        list->items.emplace_back(rt.new_object<Entry>(k, v));
      }
    }
    out = list;
  } else {
    return false;
  }
  return true;
}

bool call_number_method(const Value& number, std::string_view name, std::vector<Value>& args,
                        Value& out) {
  if (!args.empty()) {
    return false;
  }
  const double d = number.number();
  if (name == "intValue") {
    // Java narrows: a long keeps its low 32 bits, a double saturates.
    if (auto i = number.as_int()) {
      out = static_cast<std::int64_t>(static_cast<std::int32_t>(static_cast<std::uint32_t>(*i)));
    } else if (std::isnan(d)) {
      out = std::int64_t{0};
    } else {
      out = static_cast<std::int64_t>(
          std::fmax(std::fmin(std::trunc(d), 2147483647.0), -2147483648.0));
    }
  } else if (name == "longValue") {
    if (auto i = number.as_int()) {
      out = *i;
    } else if (std::isnan(d)) {
      out = std::int64_t{0};
    } else if (d >= 9.2233720368547758e18) {
      out = std::numeric_limits<std::int64_t>::max();
    } else if (d <= -9.2233720368547758e18) {
      out = std::numeric_limits<std::int64_t>::min();
    } else {
      out = static_cast<std::int64_t>(d);
    }
  } else if (name == "doubleValue" || name == "floatValue") {
    out = d;
  } else {
    return false;
  }
  return true;
}

std::string capitalized(std::string_view name) {
  std::string out(name);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

}  // namespace

bool truthy(const Value& value) {
  if (value.is_null()) {
    return false;
  }
  if (auto b = value.as_bool()) {
    return *b;
  }
  return true;
}

bool call_method(Runtime& rt, const Value& target, std::string_view name, std::vector<Value>& args,
                 Value& out) {
  if (auto o = target.as_object()) {
    return o->call(rt, name, args, out);
  }
  // Every Java object has these.
  if (name == "toString" && args.empty()) {
    out = to_text(target, max_text(rt));
    return true;
  }
  if (name == "equals" && args.size() == 1 && !target.as_string()) {
    out = values_equal(target, args[0]);
    return true;
  }
  if (auto s = target.as_string()) {
    return call_string_method(rt, *s, name, args, out);
  }
  if (auto l = target.as_list()) {
    return call_list_method(rt, *l, name, args, out);
  }
  if (auto m = target.as_map()) {
    return call_map_method(rt, *m, name, args, out);
  }
  if (target.is_number()) {
    return call_number_method(target, name, args, out);
  }
  if (auto b = target.as_bool()) {
    if (name == "booleanValue" && args.empty()) {
      out = *b;
      return true;
    }
  }
  return false;
}

bool get_property(Runtime& rt, const Value& target, std::string_view name, Value& out) {
  if (auto m = target.as_map()) {
    const Value* found = m->find(name);
    out = found ? *found : Value();
    return true;
  }
  if (auto o = target.as_object()) {
    if (o->property(rt, name, out)) {
      return true;
    }
  }
  std::vector<Value> none;
  const std::string suffix = capitalized(name);
  return call_method(rt, target, "get" + suffix, none, out) ||
         call_method(rt, target, "is" + suffix, none, out);
}

Value get_index(Runtime& rt, const Value& target, const Value& index) {
  if (auto l = target.as_list()) {
    auto at = list_position(*l, index, true);
    return at ? l->items[*at] : Value();
  }
  if (auto m = target.as_map()) {
    if (index.is_null()) {
      return Value();
    }
    const Value* found = m->find(to_text(index, max_text(rt)));
    return found ? *found : Value();
  }
  return Value();
}

}  // namespace preflight::apigateway::vtl
