#include "services/apigateway/openapi/import_context.h"

#include <cctype>

namespace preflight::apigateway::openapi::detail {
namespace {

constexpr int kMaxRefHops = 16;

// "~1" and "~0" escapes of a JSON pointer segment (RFC 6901).
std::string unescape_pointer_segment(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '~' && i + 1 < s.size() && (s[i + 1] == '0' || s[i + 1] == '1')) {
      out += s[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Walks "#/a/b/c" from the document root through objects only.
const Json* follow_pointer(const Json& doc, std::string_view ref) {
  if (!ref.starts_with("#/")) {
    return nullptr;
  }
  const Json* node = &doc;
  std::string_view rest = ref.substr(2);
  while (node != nullptr) {
    const auto slash = rest.find('/');
    node = member(*node, unescape_pointer_segment(rest.substr(0, slash)));
    if (slash == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(slash + 1);
  }
  return node;
}

std::string key_path(const std::string& where, std::string_view key) {
  return where + "." + std::string(key);
}

}  // namespace

const Json* ImportContext::resolve(const Json& value, const std::string& where) {
  const Json* node = &value;
  for (int hop = 0; hop < kMaxRefHops; ++hop) {
    const Json* ref = member(*node, "$ref");
    if (ref == nullptr) {
      return node;
    }
    if (!ref->is_string()) {
      error(where + ": $ref must be a string");
      return nullptr;
    }
    const Json* target = follow_pointer(doc, ref->get<std::string>());
    if (target == nullptr) {
      error(where + ": unable to resolve reference " + ref->get<std::string>());
      return nullptr;
    }
    node = target;
  }
  error(where + ": too many chained references");
  return nullptr;
}

const Json* member(const Json& obj, std::string_view key) {
  if (!obj.is_object()) {
    return nullptr;
  }
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::optional<std::string> string_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                         const std::string& where) {
  const Json* v = member(obj, key);
  if (v == nullptr || v->is_null()) {
    return std::nullopt;
  }
  if (!v->is_string()) {
    ctx.error(key_path(where, key) + " must be a string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> text_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                       const std::string& where) {
  const Json* v = member(obj, key);
  if (v != nullptr && v->is_number_integer()) {
    return v->dump();
  }
  return string_member(ctx, obj, key, where);
}

std::optional<bool> bool_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                const std::string& where) {
  const Json* v = member(obj, key);
  if (v == nullptr || v->is_null()) {
    return std::nullopt;
  }
  if (v->is_string() && (*v == "true" || *v == "false")) {
    return *v == "true";
  }
  if (!v->is_boolean()) {
    ctx.error(key_path(where, key) + " must be a boolean");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<long long> int_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                    const std::string& where) {
  const Json* v = member(obj, key);
  if (v == nullptr || v->is_null()) {
    return std::nullopt;
  }
  if (v->is_number_integer() &&
      !(v->is_number_unsigned() && v->get<unsigned long long>() > (1ULL << 62))) {
    return v->get<long long>();
  }
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (!s.empty() && s.size() < 16 && s.find_first_not_of("0123456789") == std::string::npos) {
      return std::stoll(s);
    }
  }
  ctx.error(key_path(where, key) + " must be an integer");
  return std::nullopt;
}

const Json* object_member(ImportContext& ctx, const Json& obj, std::string_view key,
                          const std::string& where) {
  const Json* v = member(obj, key);
  if (v == nullptr || v->is_null()) {
    return nullptr;
  }
  if (!v->is_object()) {
    ctx.error(key_path(where, key) + " must be an object");
    return nullptr;
  }
  return v;
}

const Json* array_member(ImportContext& ctx, const Json& obj, std::string_view key,
                         const std::string& where) {
  const Json* v = member(obj, key);
  if (v == nullptr || v->is_null()) {
    return nullptr;
  }
  if (!v->is_array()) {
    ctx.error(key_path(where, key) + " must be an array");
    return nullptr;
  }
  return v;
}

std::optional<Json> string_list_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                       const std::string& where) {
  const Json* list = array_member(ctx, obj, key, where);
  if (list == nullptr) {
    return std::nullopt;
  }
  for (const Json& item : *list) {
    if (!item.is_string()) {
      ctx.error(key_path(where, key) + " must be a list of strings");
      return std::nullopt;
    }
  }
  return *list;
}

std::optional<Json> string_map_member(ImportContext& ctx, const Json& obj, std::string_view key,
                                      const std::string& where) {
  const Json* map = object_member(ctx, obj, key, where);
  if (map == nullptr) {
    return std::nullopt;
  }
  for (const auto& [name, value] : map->items()) {
    if (!value.is_string()) {
      ctx.error(key_path(where, key) + "." + name + " must be a string");
      return std::nullopt;
    }
  }
  return *map;
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<std::string> model_ref_name(const Json& schema) {
  const Json* ref = member(schema, "$ref");
  if (ref == nullptr || !ref->is_string()) {
    return std::nullopt;
  }
  const auto& s = ref->get_ref<const std::string&>();
  const auto slash = s.rfind('/');
  if (slash == std::string::npos || slash + 1 == s.size()) {
    return std::nullopt;
  }
  return s.substr(slash + 1);
}

}  // namespace preflight::apigateway::openapi::detail
