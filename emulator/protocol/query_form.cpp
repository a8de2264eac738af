#include <algorithm>
#include <charconv>

#include "emulator/protocol/query_codec.h"

namespace preflight::core::query_codec {
namespace {

constexpr std::size_t kMaxKeyDepth = 16;

bool is_index(std::string_view s) {
  return is_all_digits(s) && s.size() < 10 && s != "0";
}

// Where form keys map to members: the operation's own rules first, then the service's.
struct Rules {
  const ServiceInfo& service;
  const Operation* operation;

  const QueryRule* for_wire(std::string_view wire) const {
    if (operation != nullptr) {
      for (const auto& r : operation->query_rules) {
        if (r.wire == wire && !r.output_only) {
          return &r;
        }
      }
    }
    for (const auto& r : service.query_rules) {
      if (r.wire == wire && !r.output_only) {
        return &r;
      }
    }
    return nullptr;
  }
};

// An object whose keys are all 1-based indexes becomes an array in index order.
Json as_list(Json node) {
  if (!node.is_object()) {
    return node.is_array() ? node : Json::array({std::move(node)});
  }
  std::vector<std::pair<long, Json>> items;
  for (auto& [k, v] : node.items()) {
    if (!is_index(k)) {
      return Json::array({std::move(node)});
    }
    items.emplace_back(std::stol(k), std::move(v));
  }
  std::sort(items.begin(), items.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  Json out = Json::array();
  for (auto& item : items) {
    out.push_back(std::move(item.second));
  }
  return out;
}

Json apply_scalar_rule(const QueryRule& rule, Json value) {
  if (!value.is_string()) {
    return value;
  }
  const auto& text = value.get_ref<const std::string&>();
  if (rule.kind == QueryRule::Kind::Integer) {
    long long n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size()) {
      return n;
    }
  } else if (rule.kind == QueryRule::Kind::Boolean && (text == "true" || text == "false")) {
    return text == "true";
  }
  return value;
}

Json normalize(const Rules& rules, Json node);

// A map member: entries are Name.N.<key>/<value> (flattened) or Name.entry.N.<key>/<value>,
// with the element names the rule gives.
Json decode_map(const Rules& rules, const QueryRule& rule, Json entries) {
  if (!rule.flattened && entries.is_object() && entries.contains("entry")) {
    entries = std::move(entries["entry"]);
  }
  Json out = Json::object();
  for (auto& entry : as_list(std::move(entries))) {
    if (entry.is_object() && entry.contains(rule.key_name) && entry[rule.key_name].is_string()) {
      out[entry[rule.key_name].get<std::string>()] =
          entry.contains(rule.value_name) ? normalize(rules, std::move(entry[rule.value_name]))
                                          : Json(nullptr);
    }
  }
  return out;
}

Json normalize(const Rules& rules, Json node) {
  if (!node.is_object()) {
    return node;
  }
  // Non-flattened wrappers of members without a rule: Name.member.N and Name.entry.N.key/value.
  if (node.size() == 1 && node.contains("member")) {
    return normalize(rules, as_list(std::move(node["member"])));
  }
  if (node.size() == 1 && node.contains("entry")) {
    static const QueryRule kEntryMap{QueryRule::Kind::Map, "entry", "", false, "key", "value"};
    return decode_map(rules, kEntryMap, std::move(node));
  }
  if (!node.empty() && std::all_of(node.items().begin(), node.items().end(),
                                   [](const auto& item) { return is_index(item.key()); })) {
    Json list = as_list(std::move(node));
    for (auto& item : list) {
      item = normalize(rules, std::move(item));
    }
    return list;
  }
  Json out = Json::object();
  for (auto& [key, value] : node.items()) {
    const QueryRule* rule = rules.for_wire(key);
    if (rule == nullptr) {
      out[key] = normalize(rules, std::move(value));
      continue;
    }
    const std::string& member = rule->member.empty() ? rule->wire : rule->member;
    switch (rule->kind) {
      case QueryRule::Kind::Map:
        out[member] = decode_map(rules, *rule, std::move(value));
        break;
      case QueryRule::Kind::List:
        out[member] = as_list(normalize(rules, std::move(value)));
        break;
      default:
        out[member] = apply_scalar_rule(*rule, normalize(rules, std::move(value)));
        break;
    }
  }
  return out;
}

}  // namespace

Json decode(const ServiceInfo& service, const Operation* operation, const FormParams& params) {
  Json root = Json::object();
  for (const auto& [key, value] : params) {
    if (key == "Action" || key == "Version") {
      continue;
    }
    const auto segments = split(key, '.');
    if (segments.size() > kMaxKeyDepth) {
      throw errors::malformed_query_string("Parameter name nests too deeply: " +
                                           key.substr(0, 100));
    }
    Json* node = &root;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const std::string seg(segments[i]);
      if (!node->is_object()) {
        *node = Json::object();  // a scalar and a structure under one name: the structure wins
      }
      if (i + 1 == segments.size()) {
        if (!node->contains(seg)) {
          (*node)[seg] = value;
        }
      } else {
        node = &(*node)[seg];
      }
    }
  }
  return normalize(Rules{service, operation}, std::move(root));
}

}  // namespace preflight::core::query_codec
