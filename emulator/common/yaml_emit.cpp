// to_yaml: a small block-style writer. Written here rather than with yaml-cpp's emitter so the
// quoting rule is ours: a string is left plain only when every common YAML reader (1.1 or 1.2)
// would read it back as that same string.
#include <string>
#include <string_view>

#include "emulator/common/yaml.h"
#include "emulator/common/yaml_scalar.h"

namespace preflight {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// YAML 1.1 booleans that 1.2 reads as strings; quoted so older readers agree.
bool is_yaml11_word(std::string_view s) {
  static constexpr std::string_view kWords[] = {"y",  "Y",  "n",  "N",  "yes", "Yes", "YES", "no",
                                                "No", "NO", "on", "On", "ON",  "off", "Off", "OFF"};
  for (const auto word : kWords) {
    if (s == word) {
      return true;
    }
  }
  return false;
}

bool can_be_plain(std::string_view s) {
  if (s.empty() || !(is_alnum(s[0]) || s[0] == '/' || s[0] == '_' || s[0] == '$')) {
    return false;
  }
  if ((s[0] >= '0' && s[0] <= '9') || is_yaml11_word(s) || s.back() == ' ' || s.back() == ':') {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (is_alnum(c) || std::string_view("_-./+=@$(){}*,;").find(c) != std::string_view::npos) {
      continue;
    }
    if (c == ':' && i + 1 < s.size() && s[i + 1] != ' ') {
      continue;  // "arn:aws:..." is fine; ": " would start a mapping
    }
    if (c == ' ' && i + 1 < s.size() && s[i + 1] != ' ' && s[i + 1] != '#') {
      continue;
    }
    return false;
  }
  return yaml_scalar::plain_value(s).is_string();
}

std::string scalar_text(const Json& value) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (can_be_plain(s)) {
      return s;
    }
    // A JSON string literal is a valid YAML double-quoted scalar.
    return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool is_nested(const Json& value) {
  return (value.is_object() || value.is_array()) && !value.empty();
}

void emit(const Json& value, std::size_t indent, std::string& out);

// "- " replaces the two spaces a nested block would start with, so a list item's first key
// shares the dash's line.
void emit_item(const Json& item, std::size_t indent, std::string& out) {
  if (!is_nested(item)) {
    out.append(indent, ' ').append("- ").append(scalar_text(item)).append("\n");
    return;
  }
  std::string block;
  emit(item, indent + 2, block);
  block[indent] = '-';
  out += block;
}

void emit(const Json& value, std::size_t indent, std::string& out) {
  if (value.is_object() && !value.empty()) {
    for (const auto& [key, child] : value.items()) {
      out.append(indent, ' ').append(scalar_text(Json(key))).append(":");
      if (is_nested(child)) {
        out += "\n";
        emit(child, indent + 2, out);
      } else {
        out.append(" ").append(scalar_text(child)).append("\n");
      }
    }
  } else if (value.is_array() && !value.empty()) {
    for (const auto& item : value) {
      emit_item(item, indent, out);
    }
  } else {
    out.append(indent, ' ').append(scalar_text(value)).append("\n");
  }
}

}  // namespace

std::string to_yaml(const Json& value) {
  std::string out;
  emit(value, 0, out);
  return out;
}

}  // namespace preflight
