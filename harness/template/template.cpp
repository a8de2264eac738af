#include "harness/template/template.h"

#include <fstream>
#include <set>
#include <sstream>

#include "emulator/common/yaml.h"

namespace preflight::harness {

namespace {

// `!Ref x` -> {"Ref": "x"}, `!GetAtt a.b` -> {"Fn::GetAtt": ["a", "b"]}, `!Condition c` ->
// {"Condition": "c"}, any other `!Name v` -> {"Fn::Name": v}.
Json expand_tag(std::string_view tag, Json value) {
  const std::string name(tag.substr(1));
  if (name == "Ref" || name == "Condition") {
    return Json{{name, std::move(value)}};
  }
  if (name == "GetAtt" && value.is_string()) {
    const std::string text = value.get<std::string>();
    const auto dot = text.find('.');
    if (dot == std::string::npos) {
      throw YamlError("!GetAtt expects Resource.Attribute, got '" + text + "'");
    }
    return Json{{"Fn::GetAtt", Json::array({text.substr(0, dot), text.substr(dot + 1)})}};
  }
  return Json{{"Fn::" + name, std::move(value)}};
}

// SAM's Globals rule: the resource's own scalars win, maps merge, lists are concatenated.
Json merge_global(const Json& global, Json own) {
  if (global.is_object() && own.is_object()) {
    for (const auto& [key, value] : global.items()) {
      auto it = own.find(key);
      own[key] = it == own.end() ? value : merge_global(value, std::move(*it));
    }
    return own;
  }
  if (global.is_array() && own.is_array()) {
    Json merged = global;
    for (auto& item : own) {
      merged.push_back(std::move(item));
    }
    return merged;
  }
  return own;
}

void apply_globals(Json& body) {
  auto globals = body.find("Globals");
  if (globals == body.end()) {
    return;
  }
  static const std::map<std::string, std::string> kTypes = {
      {"Function", "AWS::Serverless::Function"}, {"Api", "AWS::Serverless::Api"}};
  for (const auto& [section, values] : globals->items()) {
    auto type = kTypes.find(section);
    if (type == kTypes.end()) {
      throw TemplateError("Globals." + section +
                          " is not supported (only Globals.Function and Globals.Api are)");
    }
    for (auto& [id, resource] : body["Resources"].items()) {
      if (resource.value("Type", "") == type->second) {
        resource["Properties"] = merge_global(values, resource.value("Properties", Json::object()));
      }
    }
  }
  body.erase("Globals");
}

std::string scalar_text(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

void bind_parameters(Template& t, const std::map<std::string, std::string>& overrides) {
  const Json declared = t.body.value("Parameters", Json::object());
  for (const auto& [name, value] : overrides) {
    if (!declared.contains(name)) {
      throw TemplateError("--param " + name + ": the template declares no such parameter");
    }
  }
  for (const auto& [name, spec] : declared.items()) {
    const std::string type = spec.is_object() ? spec.value("Type", "String") : "";
    if (type != "String" && type != "Number" && type != "CommaDelimitedList" &&
        !type.starts_with("List<") && !type.starts_with("AWS::EC2::")) {
      throw TemplateError("Parameters." + name + ": Type '" + type +
                          "' is not supported (String, Number, CommaDelimitedList, List<...>)");
    }
    std::string value;
    if (auto it = overrides.find(name); it != overrides.end()) {
      value = it->second;
    } else if (spec.contains("Default")) {
      value = scalar_text(spec["Default"]);
    } else {
      throw TemplateError("Parameters." + name + " has no Default; give it with --param " + name +
                          "=VALUE");
    }
    if (auto allowed = spec.find("AllowedValues"); allowed != spec.end()) {
      bool ok = false;
      for (const auto& option : *allowed) {
        ok = ok || scalar_text(option) == value;
      }
      if (!ok) {
        throw TemplateError("Parameters." + name + ": '" + value + "' is not one of " +
                            allowed->dump());
      }
    }
    t.parameters[name] = value;
  }
}

}  // namespace

Json parse_cloudformation(std::string_view text, const std::string& source) {
  try {
    return parse_yaml(text, YamlTagHook(expand_tag));
  } catch (const YamlError& e) {
    throw TemplateError(source + ": " + e.what());
  }
}

Json read_cloudformation_file(const std::filesystem::path& file) {
  constexpr std::uintmax_t kMaxBytes = 16 << 20;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw TemplateError("cannot read " + file.string() + ": not a file");
  }
  if (std::filesystem::file_size(file, ec) > kMaxBytes) {
    throw TemplateError(file.string() + ": larger than 16 MiB");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw TemplateError("cannot read " + file.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_cloudformation(text.str(), file.string());
}

Template load_template(const std::filesystem::path& file,
                       const std::map<std::string, std::string>& overrides) {
  return make_template(file, read_cloudformation_file(file), overrides);
}

Template make_template(const std::filesystem::path& file, Json body,
                       const std::map<std::string, std::string>& overrides) {
  Template t;
  t.file = file;
  t.body = std::move(body);
  if (!t.body.is_object() || !t.body.contains("Resources") || !t.body["Resources"].is_object()) {
    throw TemplateError(file.string() + ": a template needs a Resources map");
  }
  static const std::set<std::string> kSections = {"AWSTemplateFormatVersion",
                                                  "Transform",
                                                  "Description",
                                                  "Metadata",
                                                  "Parameters",
                                                  "Mappings",
                                                  "Conditions",
                                                  "Resources",
                                                  "Outputs",
                                                  "Globals"};
  for (const auto& [section, value] : t.body.items()) {
    if (!kSections.contains(section)) {
      throw TemplateError(file.string() + ": unknown top-level section " + section);
    }
  }
  for (const char* section : {"Parameters", "Mappings", "Conditions", "Outputs", "Globals"}) {
    if (t.body.contains(section) && !t.body[section].is_object()) {
      throw TemplateError(file.string() + ": " + section + " must be a map");
    }
  }
  if (auto transform = t.body.find("Transform"); transform != t.body.end()) {
    const Json list = transform->is_array() ? *transform : Json::array({*transform});
    for (const auto& name : list) {
      if (name != "AWS::Serverless-2016-10-31") {
        throw TemplateError(file.string() + ": Transform " + name.dump() + " is not supported");
      }
    }
  }
  for (const auto& [id, resource] : t.body["Resources"].items()) {
    if (!resource.is_object() || !resource.contains("Type") || !resource["Type"].is_string()) {
      throw TemplateError("Resources." + id + " needs a Type");
    }
    if (resource.contains("Properties") && !resource["Properties"].is_object()) {
      throw TemplateError("Resources." + id + ".Properties must be a map");
    }
  }
  apply_globals(t.body);
  bind_parameters(t, overrides);
  return t;
}

}  // namespace preflight::harness
