#include "services/apigateway/vtl/runtime.h"

#include "emulator/common/text_scan.h"

namespace preflight::apigateway::vtl {

namespace {

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return false;
    }
  }
  return true;
}

template <typename J>
Value convert(Runtime& rt, const J& json, int depth) {
  if (depth > kMaxValueDepth) {
    throw LimitError("JSON is nested too deeply");
  }
  rt.charge(1);
  switch (json.type()) {
    case nlohmann::json::value_t::object: {
      auto map = rt.new_map();
      map->entries.reserve(json.size());
      for (auto it = json.begin(); it != json.end(); ++it) {
        rt.charge(it.key().size());
        map->entries.emplace_back(it.key(), convert(rt, it.value(), depth + 1));
      }
      return map;
    }
    case nlohmann::json::value_t::array: {
      auto list = rt.new_list(true);
      list->items.reserve(json.size());
      for (const auto& item : json) {
        list->items.push_back(convert(rt, item, depth + 1));
      }
      return list;
    }
    case nlohmann::json::value_t::string: {
      const auto& s = json.template get_ref<const std::string&>();
      rt.charge(s.size());
      return Value(s);
    }
    case nlohmann::json::value_t::boolean:
      return Value(json.template get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Value(json.template get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      const auto u = json.template get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(INT64_MAX)) {
        return Value(static_cast<std::int64_t>(u));
      }
      return Value(static_cast<double>(u));
    }
    case nlohmann::json::value_t::number_float:
      return Value(json.template get<double>());
    default:
      return Value();
  }
}

}  // namespace

Runtime::~Runtime() {
  // Empty every container first: this breaks cycles and makes destruction flat.
  for (auto& container : owned_) {
    container->clear_contents();
  }
}

std::shared_ptr<List> Runtime::new_list(bool json_style) {
  auto list = std::make_shared<List>();
  list->json_style = json_style;
  owned_.push_back(list);
  return list;
}

std::shared_ptr<Map> Runtime::new_map() {
  auto map = std::make_shared<Map>();
  owned_.push_back(map);
  return map;
}

void Runtime::charge(std::size_t units) {
  work_ += units + 1;
  if (work_ > limits_.max_work) {
    throw LimitError("mapping template did too much work");
  }
}

void Runtime::count_iteration() {
  if (++iterations_ > limits_.max_total_iterations) {
    throw LimitError("mapping template loops ran more than " +
                     std::to_string(limits_.max_total_iterations) + " iterations");
  }
}

const nlohmann::ordered_json* Runtime::body_json() {
  if (!body_parsed_) {
    body_parsed_ = true;
    if (is_blank(input_.body)) {
      body_ = nlohmann::ordered_json::object();
    } else {
      body_ = parse_json_text(input_.body);
    }
  }
  return body_ ? &*body_ : nullptr;
}

std::optional<nlohmann::ordered_json> parse_json_text(std::string_view text) {
  if (!json_nesting_within(text, kMaxValueDepth)) {
    return std::nullopt;
  }
  auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
  if (parsed.is_discarded()) {
    return std::nullopt;
  }
  return parsed;
}

Value Runtime::from_json(const nlohmann::ordered_json& json, int depth) {
  return convert(*this, json, depth);
}

Value Runtime::from_json(const Json& json, int depth) {
  return convert(*this, json, depth);
}

}  // namespace preflight::apigateway::vtl
