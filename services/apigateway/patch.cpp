#include "services/apigateway/patch.h"

#include <algorithm>
#include <charconv>

#include "services/apigateway/errors.h"

namespace preflight::apigateway {
namespace {

// Members of nested objects (canary and access-log settings, throttles, quotas) that are not
// strings.
FieldType nested_type(std::string_view name) {
  static const std::map<std::string_view, FieldType> types = {
      {"percentTraffic", FieldType::Number},
      {"useStageCache", FieldType::Boolean},
      {"burstLimit", FieldType::Integer},
      {"rateLimit", FieldType::Number},
      {"limit", FieldType::Integer},
      {"offset", FieldType::Integer},
      {"stageVariableOverrides", FieldType::StringMap},
      {"types", FieldType::StringList},
  };
  const auto it = types.find(name);
  return it == types.end() ? FieldType::String : it->second;
}

std::string value_text(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  return value.is_null() ? "" : value.dump();
}

[[noreturn]] void invalid(std::string_view path) {
  throw errors::bad_request("Invalid patch path '" + std::string(path) + "'");
}

void add_to_list(Json& list, const std::string& item) {
  if (!list.is_array()) {
    list = Json::array();
  }
  if (std::find(list.begin(), list.end(), Json(item)) == list.end()) {
    list.push_back(item);
  }
}

void remove_from_list(Json& list, const std::string& item) {
  if (!list.is_array()) {
    return;
  }
  list.erase(std::remove(list.begin(), list.end(), Json(item)), list.end());
  if (list.empty()) {
    list = Json::array();
  }
}

// Applies one op at doc[segments...] once the top-level member's type is known.
void apply_one(Json& doc, std::string_view op, const std::vector<std::string>& seg, FieldType type,
               const Json& value, std::string_view path) {
  const std::string& top = seg[0];
  const bool removing = op == "remove";
  switch (type) {
    case FieldType::StringList: {
      const std::string item = seg.size() > 1 ? seg[1] : value_text(value);
      if (seg.size() > 2) {
        invalid(path);
      }
      if (removing) {
        if (item.empty()) {
          doc.erase(top);
        } else {
          remove_from_list(doc[top], item);
        }
      } else if (op == "replace" && seg.size() > 1) {
        remove_from_list(doc[top], seg[1]);
        add_to_list(doc[top], value_text(value));
      } else {
        add_to_list(doc[top], item);
      }
      return;
    }
    case FieldType::StringMap:
    case FieldType::BooleanMap: {
      if (seg.size() != 2) {
        if (seg.size() == 1 && removing) {
          doc.erase(top);
          return;
        }
        invalid(path);
      }
      if (removing) {
        if (doc.contains(top) && doc[top].is_object()) {
          doc[top].erase(seg[1]);
        }
        return;
      }
      Json v = type == FieldType::BooleanMap ? patch_value(seg[1], value, FieldType::Boolean)
                                             : Json(value_text(value));
      doc[top][seg[1]] = std::move(v);
      return;
    }
    case FieldType::Object: {
      if (seg.size() == 1) {
        if (!removing) {
          invalid(path);
        }
        doc.erase(top);
        return;
      }
      Json& obj = doc[top];
      if (!obj.is_object()) {
        obj = Json::object();
      }
      std::vector<std::string> rest(seg.begin() + 1, seg.end());
      const FieldType inner = nested_type(rest[0]);
      if (inner == FieldType::StringMap || inner == FieldType::StringList || rest.size() == 1) {
        apply_one(obj, op, rest, inner, value, path);
      } else {
        invalid(path);
      }
      return;
    }
    default:
      if (seg.size() != 1) {
        invalid(path);
      }
      if (removing) {
        doc.erase(top);
      } else {
        doc[top] = patch_value(top, value, type);
      }
  }
}

}  // namespace

std::vector<std::string> patch_path(std::string_view path) {
  std::vector<std::string> out;
  if (path.empty() || path[0] != '/') {
    return out;
  }
  std::string cur;
  for (std::size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      out.push_back(std::move(cur));
      cur.clear();
    } else if (path[i] == '~' && i + 1 < path.size() &&
               (path[i + 1] == '1' || path[i + 1] == '0')) {
      cur.push_back(path[i + 1] == '1' ? '/' : '~');
      ++i;
    } else {
      cur.push_back(path[i]);
    }
  }
  return out;
}

Json patch_value(std::string_view member, const Json& value, FieldType type) {
  const std::string text = value_text(value);
  auto bad = [&]() -> core::AwsError {
    return errors::bad_request("Invalid value '" + text + "' for " + std::string(member));
  };
  switch (type) {
    case FieldType::Boolean:
      if (text != "true" && text != "false") {
        throw bad();
      }
      return text == "true";
    case FieldType::Integer: {
      long long n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size()) {
        throw bad();
      }
      return n;
    }
    case FieldType::Number: {
      double d = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
      if (ec != std::errc() || end != text.data() + text.size()) {
        throw bad();
      }
      return d;
    }
    default:
      return text;
  }
}

void apply_patch(Json& doc, const Json& operations, const PatchRules& rules) {
  if (operations.is_null()) {
    return;
  }
  if (!operations.is_array()) {
    throw errors::bad_request("patchOperations must be a list");
  }
  for (const auto& operation : operations) {
    if (!operation.is_object()) {
      throw errors::bad_request("Invalid patch operation");
    }
    const std::string op = operation.value("op", "");
    const std::string path = operation.value("path", "");
    const Json value = operation.contains("value") ? operation["value"] : Json();
    if (op != "add" && op != "remove" && op != "replace" && op != "move" && op != "copy") {
      throw errors::bad_request(
          "Invalid patch operation specified. Must be one of: [add, remove, "
          "replace, move, copy]");
    }
    const auto seg = patch_path(path);
    if (seg.empty() || seg[0].empty()) {
      invalid(path);
    }
    const auto rule = rules.find(seg[0]);
    if (rule == rules.end()) {
      invalid(path);
    }
    if (op == "move" || op == "copy") {
      // "from" names the source; copy its value to path (and drop it for move).
      const auto from = patch_path(operation.value("from", ""));
      if (from.empty() || !doc.contains(from[0]) || !rules.contains(from[0])) {
        invalid(operation.value("from", ""));
      }
      Json source = doc[from[0]];
      if (from.size() == 2 && source.is_object()) {
        source = source.value(from[1], Json());
      }
      if (op == "move") {
        apply_one(doc, "remove", from, rules.at(from[0]), Json(), path);
      }
      apply_one(doc, "replace", seg, rule->second, source, path);
      continue;
    }
    apply_one(doc, op, seg, rule->second, value, path);
  }
}

}  // namespace preflight::apigateway
