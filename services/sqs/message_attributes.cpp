#include "services/sqs/message_attributes.h"

#include <algorithm>
#include <cctype>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "services/sqs/errors.h"

namespace preflight::sqs {
namespace {

constexpr std::size_t kMaxAttributes = 10;

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 256 || name.front() == '.' || name.back() == '.' ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

bool reserved_name(std::string_view name) {
  return starts_with_icase(name, "AWS.") || starts_with_icase(name, "Amazon.");
}

// "-12.5e3": what SQS accepts as a Number attribute.
bool is_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    ++i;
  }
  std::size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    ++i, ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i, ++digits;
    }
  }
  if (digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      ++i;
    }
    const std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
    }
    if (i == start) {
      return false;
    }
  }
  return i == s.size();
}

std::string base_type(std::string_view type) {
  const auto dot = type.find('.');
  return std::string(type.substr(0, dot));
}

core::AwsError attribute_error(std::string_view name, std::string reason) {
  return errors::invalid_parameter("Message (user) attribute '" + std::string(name) + "' " +
                                   reason);
}

std::string string_member(const Json& value, const char* member) {
  const auto it = value.find(member);
  return it != value.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void append_length_prefixed(std::string& out, std::string_view bytes) {
  const auto n = static_cast<std::uint32_t>(bytes.size());
  out.push_back(static_cast<char>(n >> 24));
  out.push_back(static_cast<char>(n >> 16));
  out.push_back(static_cast<char>(n >> 8));
  out.push_back(static_cast<char>(n));
  out.append(bytes);
}

}  // namespace

bool valid_message_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = 0;
    std::size_t len = 0;
    if (c < 0x80) {
      cp = c, len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, len = 4;
    } else {
      return false;
    }
    if (i + len > text.size()) {
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    const bool ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                    (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!ok) {
      return false;
    }
    i += len;
  }
  return true;
}

CheckedAttributes check_message_attributes(const Json* attributes) {
  CheckedAttributes out;
  if (attributes == nullptr || attributes->is_null() || attributes->empty()) {
    return out;
  }
  if (!attributes->is_object()) {
    throw errors::invalid_parameter("MessageAttributes must be a map of names to values.");
  }
  if (attributes->size() > kMaxAttributes) {
    throw errors::invalid_parameter("Number of message attributes [" +
                                    std::to_string(attributes->size()) +
                                    "] exceeds the allowed maximum [10].");
  }
  out.attributes = Json::object();
  for (const auto& [name, value] : attributes->items()) {
    if (!valid_name(name)) {
      throw attribute_error(name,
                            "can only contain alphanumeric characters, hyphens (-), "
                            "underscores (_), or periods (.), and must not start or end "
                            "with a period or contain consecutive periods.");
    }
    if (reserved_name(name)) {
      throw attribute_error(name, "must not use the reserved prefix AWS. or Amazon.");
    }
    if (!value.is_object()) {
      throw attribute_error(name, "must contain a message attribute value.");
    }
    const std::string type = string_member(value, "DataType");
    if (type.empty()) {
      throw attribute_error(name, "must contain a non-empty message attribute type.");
    }
    const std::string base = base_type(type);
    if ((base != "String" && base != "Number" && base != "Binary") || type.size() > 256 ||
        (type.size() > base.size() && type.size() == base.size() + 1)) {
      throw attribute_error(name,
                            "has an invalid message attribute type, the set of supported "
                            "type prefixes is Binary, Number, and String.");
    }
    Json kept = {{"DataType", type}};
    std::size_t value_size = 0;
    if (base == "Binary") {
      const std::string encoded = string_member(value, "BinaryValue");
      const auto bytes = base64_decode(encoded);
      if (encoded.empty() || !bytes || bytes->empty()) {
        throw attribute_error(name,
                              "must contain a non-empty message attribute value for "
                              "message attribute type '" +
                                  type + "'.");
      }
      value_size = bytes->size();
      kept["BinaryValue"] = encoded;
    } else {
      const std::string text = string_member(value, "StringValue");
      if (text.empty()) {
        throw attribute_error(name,
                              "must contain a non-empty message attribute value for "
                              "message attribute type '" +
                                  type + "'.");
      }
      if (base == "Number" && !is_number(text)) {
        throw errors::invalid_parameter("Can't cast the value of message (user) attribute '" +
                                        name + "' to a number.");
      }
      if (!valid_message_text(text)) {
        throw errors::invalid_message_contents(
            "Invalid characters found in the value of message attribute '" + name + "'.");
      }
      value_size = text.size();
      kept["StringValue"] = text;
    }
    out.size += name.size() + type.size() + value_size;
    out.attributes[name] = std::move(kept);
  }
  return out;
}

CheckedAttributes check_system_attributes(const Json* attributes) {
  CheckedAttributes out;
  if (attributes == nullptr || attributes->is_null() || attributes->empty()) {
    return out;
  }
  if (!attributes->is_object()) {
    throw errors::invalid_parameter("MessageSystemAttributes must be a map of names to values.");
  }
  for (const auto& [name, value] : attributes->items()) {
    if (name != "AWSTraceHeader") {
      throw errors::invalid_parameter("Message system attribute name '" + name + "' is invalid.");
    }
    const std::string type = value.is_object() ? string_member(value, "DataType") : "";
    const std::string text = value.is_object() ? string_member(value, "StringValue") : "";
    if (type != "String" || text.empty()) {
      throw errors::invalid_parameter(
          "Message system attribute 'AWSTraceHeader' must be a non-empty String.");
    }
  }
  out.attributes = Json::object();
  const auto& header = (*attributes)["AWSTraceHeader"];
  out.attributes["AWSTraceHeader"] = {{"DataType", "String"},
                                      {"StringValue", header["StringValue"]}};
  out.size = 0;  // system attributes do not count towards the message size
  return out;
}

std::string attributes_md5(const Json& attributes) {
  if (!attributes.is_object() || attributes.empty()) {
    return {};
  }
  // nlohmann's object iterates in key order: the sorted order AWS digests in.
  std::string buffer;
  for (const auto& [name, value] : attributes.items()) {
    const std::string type = string_member(value, "DataType");
    append_length_prefixed(buffer, name);
    append_length_prefixed(buffer, type);
    if (base_type(type) == "Binary") {
      buffer.push_back(2);
      append_length_prefixed(buffer,
                             base64_decode(string_member(value, "BinaryValue")).value_or(""));
    } else {
      buffer.push_back(1);
      append_length_prefixed(buffer, string_member(value, "StringValue"));
    }
  }
  return md5_hex(buffer);
}

Json select_attributes(const Json& attributes, const std::vector<std::string>& names) {
  if (!attributes.is_object() || names.empty()) {
    return nullptr;
  }
  Json out = Json::object();
  for (const auto& entry : attributes.items()) {
    const std::string& name = entry.key();  // clang < 16 cannot capture structured bindings
    const bool wanted = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
      if (n == "All" || n == ".*") {
        return true;
      }
      if (n.ends_with(".*")) {
        return name.starts_with(std::string_view(n).substr(0, n.size() - 1));
      }
      return n == name;
    });
    if (wanted) {
      out[name] = entry.value();
    }
  }
  return out.empty() ? Json(nullptr) : out;
}

}  // namespace preflight::sqs
