#include <pugixml.hpp>

#include "emulator/common/time_format.h"
#include "emulator/protocol/query_codec.h"

namespace preflight::core::query_codec {
namespace {

// How JSON members map to XML: the operation's own rules first, then the service's.
struct Rules {
  const ServiceInfo* service;
  const Operation* operation;

  const QueryRule* for_member(std::string_view member) const {
    for (const auto* rules : {operation != nullptr ? &operation->query_rules : nullptr,
                              service != nullptr ? &service->query_rules : nullptr}) {
      if (rules == nullptr) {
        continue;
      }
      for (const auto& r : *rules) {
        if ((r.member.empty() ? r.wire : r.member) == member) {
          return &r;
        }
      }
    }
    return nullptr;
  }
};

std::string scalar_text(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? "true" : "false";
  }
  return value.dump();
}

void write_value(pugi::xml_node parent, const Rules& rules, const Json& value);

void write_member(pugi::xml_node parent, const Rules& rules, const std::string& name,
                  const Json& value) {
  if (value.is_null()) {
    return;
  }
  const QueryRule* rule = rules.for_member(name);
  if (rule != nullptr && rule->kind == QueryRule::Kind::List && value.is_array()) {
    pugi::xml_node holder = rule->flattened ? parent : parent.append_child(name.c_str());
    const char* item_name = rule->flattened ? rule->wire.c_str() : "member";
    for (const auto& item : value) {
      write_value(holder.append_child(item_name), rules, item);
    }
    return;
  }
  if (rule != nullptr && rule->kind == QueryRule::Kind::Map && value.is_object()) {
    pugi::xml_node holder = rule->flattened ? parent : parent.append_child(name.c_str());
    const char* entry_name = rule->flattened ? rule->wire.c_str() : "entry";
    for (const auto& [k, v] : value.items()) {
      auto entry = holder.append_child(entry_name);
      entry.append_child(rule->key_name.c_str()).text().set(k.c_str());
      write_value(entry.append_child(rule->value_name.c_str()), rules, v);
    }
    return;
  }
  if (rule != nullptr && rule->kind == QueryRule::Kind::Timestamp && value.is_number()) {
    parent.append_child(name.c_str())
        .text()
        .set(iso8601(static_cast<std::int64_t>(value.get<double>())).c_str());
    return;
  }
  write_value(parent.append_child(name.c_str()), rules, value);
}

void write_value(pugi::xml_node node, const Rules& rules, const Json& value) {
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      write_member(node, rules, k, v);
    }
  } else if (value.is_array()) {
    for (const auto& item : value) {
      write_value(node.append_child("member"), rules, item);
    }
  } else if (!value.is_null()) {
    node.text().set(scalar_text(value).c_str());
  }
}

std::string to_string(const pugi::xml_document& doc) {
  struct Writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override {
      out.append(static_cast<const char*>(data), size);
    }
  } writer;
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return std::move(writer.out);
}

HttpResponse xml_response(int status, const pugi::xml_document& doc) {
  HttpResponse res;
  res.status = status;
  res.headers.add("Content-Type", "text/xml");
  res.body = to_string(doc);
  return res;
}

}  // namespace

HttpResponse encode(const ServiceInfo& service, const Operation& operation, const Json& output,
                    std::string_view request_id) {
  pugi::xml_document doc;
  const std::string& op = operation.name;
  auto root = doc.append_child((op + "Response").c_str());
  if (!service.xml_namespace.empty()) {
    root.append_attribute("xmlns").set_value(service.xml_namespace.c_str());
  }
  // An operation with an output shape answers <OpResult/> even when it is empty (SDKs look for
  // it); one without (a handler returning null) has no Result element.
  if (output.is_object()) {
    write_value(root.append_child((op + "Result").c_str()), Rules{&service, &operation}, output);
  }
  root.append_child("ResponseMetadata")
      .append_child("RequestId")
      .text()
      .set(std::string(request_id).c_str());
  return xml_response(200, doc);
}

HttpResponse encode_error(const ServiceInfo* service, const AwsError& error,
                          std::string_view request_id) {
  pugi::xml_document doc;
  auto root = doc.append_child("ErrorResponse");
  if (service != nullptr && !service->xml_namespace.empty()) {
    root.append_attribute("xmlns").set_value(service->xml_namespace.c_str());
  }
  auto err = root.append_child("Error");
  err.append_child("Type").text().set(error.sender_fault ? "Sender" : "Receiver");
  err.append_child("Code").text().set(
      (error.query_code.empty() ? error.code : error.query_code).c_str());
  err.append_child("Message").text().set(error.message.c_str());
  root.append_child("RequestId").text().set(std::string(request_id).c_str());
  return xml_response(error.status, doc);
}

}  // namespace preflight::core::query_codec
