#include "harness/template/intrinsics.h"

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"

namespace preflight::harness {

namespace {

// What AWS::NoValue evaluates to; eval() drops it from objects and arrays.
const Json& no_value() {
  static const Json marker = Json{{"\x01preflight-no-value", true}};
  return marker;
}

// The function a one-key object calls ("Ref", "Fn::Sub", "Condition"), or "".
std::string function_name(const Json& node) {
  if (!node.is_object() || node.size() != 1) {
    return "";
  }
  const std::string& key = node.begin().key();
  return key == "Ref" || key == "Condition" || key.starts_with("Fn::") ? key : "";
}

std::string text_of(const Json& value, const std::string& where) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_number() || value.is_boolean()) {
    return value.dump();
  }
  throw TemplateError(where + ": expected a string, got " + value.dump());
}

const Json& arg_at(const Json& args, std::size_t i, const std::string& where) {
  if (!args.is_array() || args.size() <= i) {
    throw TemplateError(where + ": expected a list of at least " + std::to_string(i + 1) +
                        " arguments, got " + args.dump());
  }
  return args[i];
}

// Strips SAM's generated-resource suffixes: "Fn.Alias" -> "Fn".
std::string logical_part(const std::string& name) {
  return name.substr(0, name.find('.'));
}

template <typename Visit>
void for_each_sub_variable(std::string_view text, Visit visit) {
  std::size_t pos = 0;
  while ((pos = text.find("${", pos)) != std::string_view::npos) {
    const auto close = text.find('}', pos);
    if (close == std::string_view::npos) {
      return;
    }
    const auto name = text.substr(pos + 2, close - pos - 2);
    if (!name.starts_with('!')) {
      visit(std::string(name));
    }
    pos = close + 1;
  }
}

}  // namespace

std::set<std::string> sub_variables(std::string_view text) {
  std::set<std::string> out;
  for_each_sub_variable(text, [&](std::string name) { out.insert(std::move(name)); });
  return out;
}

void collect_references(const Json& node, std::set<std::string>& out) {
  const std::string fn = function_name(node);
  const Json* arg = fn.empty() ? nullptr : &node.begin().value();
  if (fn == "Ref" && arg->is_string()) {
    const std::string name = arg->get<std::string>();
    if (!name.starts_with("AWS::")) {
      out.insert(logical_part(name));
    }
    return;
  }
  if (fn == "Fn::GetAtt" && arg->is_array() && !arg->empty() && (*arg)[0].is_string()) {
    out.insert(logical_part((*arg)[0].get<std::string>()));
    return;
  }
  if (fn == "Fn::Sub") {
    const Json& text = arg->is_array() && !arg->empty() ? (*arg)[0] : *arg;
    std::set<std::string> locals;
    if (arg->is_array() && arg->size() > 1 && (*arg)[1].is_object()) {
      for (const auto& [name, value] : (*arg)[1].items()) {
        locals.insert(name);
        collect_references(value, out);
      }
    }
    if (text.is_string()) {
      for_each_sub_variable(text.get<std::string>(), [&](const std::string& name) {
        if (!locals.contains(name) && !name.starts_with("AWS::")) {
          out.insert(logical_part(name));
        }
      });
    }
    return;
  }
  if (node.is_structured()) {
    for (const auto& child : node) {
      collect_references(child, out);
    }
  }
}

Evaluator::Evaluator(const Template& t, std::map<std::string, std::string> pseudo,
                     const References& refs)
    : template_(t), pseudo_(std::move(pseudo)), refs_(refs) {}

Json Evaluator::eval(const Json& node, const std::string& where) const {
  if (const std::string fn = function_name(node); !fn.empty()) {
    return eval_function(fn, node.begin().value(), where + "." + fn);
  }
  if (node.is_object()) {
    Json out = Json::object();
    for (const auto& [key, value] : node.items()) {
      Json v = eval(value, where + "." + key);
      if (v != no_value()) {
        out[key] = std::move(v);
      }
    }
    return out;
  }
  if (node.is_array()) {
    Json out = Json::array();
    for (std::size_t i = 0; i < node.size(); ++i) {
      Json v = eval(node[i], where + "[" + std::to_string(i) + "]");
      if (v != no_value()) {
        out.push_back(std::move(v));
      }
    }
    return out;
  }
  return node;
}

Json Evaluator::ref(const std::string& name, const std::string& where) const {
  if (name == "AWS::NoValue") {
    return no_value();
  }
  if (name == "AWS::NotificationARNs") {
    return Json::array();
  }
  if (auto it = pseudo_.find(name); it != pseudo_.end()) {
    return it->second;
  }
  if (auto it = template_.parameters.find(name); it != template_.parameters.end()) {
    // List parameters (CommaDelimitedList, List<...>) are lists to Ref.
    const std::string type = template_.body["Parameters"][name].value("Type", "String");
    if (type == "CommaDelimitedList" || type.starts_with("List<")) {
      Json items = Json::array();
      for (const auto part : split(it->second, ',')) {
        items.push_back(std::string(trim(part)));
      }
      return items;
    }
    return it->second;
  }
  if (name.starts_with("AWS::")) {
    throw TemplateError(where + ": unknown pseudo parameter " + name);
  }
  if (!template_.body["Resources"].contains(logical_part(name))) {
    throw TemplateError(where + ": Ref " + name + ": no parameter or resource of that name");
  }
  return refs_.ref(name);
}

Json Evaluator::sub(const Json& arg, const std::string& where) const {
  const Json& format = arg.is_array() ? arg_at(arg, 0, where) : arg;
  Json locals = Json::object();
  if (arg.is_array() && arg.size() > 1) {
    locals = eval(arg[1], where + "[1]");
  }
  const std::string text = text_of(format, where);
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = text.find("${", pos);
    if (open == std::string::npos) {
      out += text.substr(pos);
      return out;
    }
    out += text.substr(pos, open - pos);
    const auto close = text.find('}', open);
    if (close == std::string::npos) {
      throw TemplateError(where + ": unclosed ${ in '" + text + "'");
    }
    const std::string name = text.substr(open + 2, close - open - 2);
    if (name.starts_with('!')) {
      out += "${" + name.substr(1) + "}";
    } else if (locals.contains(name)) {
      out += text_of(locals[name], where);
    } else if (const auto dot = name.find('.');
               dot != std::string::npos && !name.starts_with("AWS::")) {
      out += text_of(eval_function("Fn::GetAtt",
                                   Json::array({name.substr(0, dot), name.substr(dot + 1)}), where),
                     where);
    } else {
      out += text_of(ref(name, where), where);
    }
    pos = close + 1;
  }
}

Json Evaluator::include(const Json& arg, const std::string& where) const {
  if (!arg.is_object() || arg.value("Name", "") != "AWS::Include") {
    throw TemplateError(where + ": only Fn::Transform AWS::Include is supported");
  }
  const Json location = eval(arg.value("Parameters", Json::object()).value("Location", Json()),
                             where + ".Parameters.Location");
  const std::string path = text_of(location, where + ".Parameters.Location");
  if (path.starts_with("s3://")) {
    throw TemplateError(where + ": AWS::Include from S3 (" + path +
                        ") is not supported; give a local file");
  }
  const auto file = template_.file.parent_path() / path;
  return eval(read_cloudformation_file(file), path);
}

bool Evaluator::truth(const Json& node, const std::string& where) const {
  const Json value = eval(node, where);
  if (value.is_boolean()) {
    return value.get<bool>();
  }
  if (value == "true" || value == "false") {
    return value == "true";
  }
  throw TemplateError(where + ": expected a condition, got " + value.dump());
}

bool Evaluator::condition(const std::string& name) const {
  if (auto it = conditions_.find(name); it != conditions_.end()) {
    return it->second;
  }
  const Json& all = template_.body.value("Conditions", Json::object());
  if (!all.contains(name)) {
    throw TemplateError("Conditions." + name + " is not defined");
  }
  if (!evaluating_.insert(name).second) {
    throw TemplateError("Conditions." + name + " refers to itself");
  }
  const bool value = truth(all[name], "Conditions." + name);
  evaluating_.erase(name);
  conditions_[name] = value;
  return value;
}

Json Evaluator::eval_function(const std::string& fn, const Json& arg,
                              const std::string& where) const {
  if (fn == "Ref") {
    return ref(text_of(arg, where), where);
  }
  if (fn == "Condition") {
    return condition(text_of(arg, where));
  }
  if (fn == "Fn::Sub") {
    return sub(arg, where);
  }
  if (fn == "Fn::GetAtt") {
    const std::string name = text_of(arg_at(arg, 0, where), where);
    const std::string attribute = text_of(eval(arg_at(arg, 1, where), where), where);
    if (!template_.body["Resources"].contains(name)) {
      throw TemplateError(where + ": Fn::GetAtt " + name + "." + attribute +
                          ": no resource of that name");
    }
    return refs_.get_att(name, attribute);
  }
  if (fn == "Fn::Join") {
    const std::string delimiter = text_of(arg_at(arg, 0, where), where);
    const Json items = eval(arg_at(arg, 1, where), where);
    if (!items.is_array()) {
      throw TemplateError(where + ": Fn::Join needs a list, got " + items.dump());
    }
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      out += (i ? delimiter : "") + text_of(items[i], where);
    }
    return out;
  }
  if (fn == "Fn::Split") {
    const std::string delimiter = text_of(arg_at(arg, 0, where), where);
    const std::string text = text_of(eval(arg_at(arg, 1, where), where), where);
    Json out = Json::array();
    std::size_t pos = 0;
    for (auto next = text.find(delimiter); !delimiter.empty() && next != std::string::npos;
         next = text.find(delimiter, pos)) {
      out.push_back(text.substr(pos, next - pos));
      pos = next + delimiter.size();
    }
    out.push_back(text.substr(pos));
    return out;
  }
  if (fn == "Fn::Select") {
    const Json index = eval(arg_at(arg, 0, where), where);
    const Json items = eval(arg_at(arg, 1, where), where);
    const std::string text = text_of(index, where);
    if (!is_all_digits(text) || text.empty() || !items.is_array() ||
        std::stoul(text) >= items.size()) {
      throw TemplateError(where + ": Fn::Select index " + text + " is outside " + items.dump());
    }
    return items[std::stoul(text)];
  }
  if (fn == "Fn::If") {
    const std::string name = text_of(arg_at(arg, 0, where), where);
    arg_at(arg, 2, where);
    return condition(name) ? eval(arg[1], where + "[1]") : eval(arg[2], where + "[2]");
  }
  if (fn == "Fn::Equals") {
    return eval(arg_at(arg, 0, where), where) == eval(arg_at(arg, 1, where), where);
  }
  if (fn == "Fn::Not") {
    return !truth(arg_at(arg, 0, where), where);
  }
  if (fn == "Fn::And" || fn == "Fn::Or") {
    arg_at(arg, 0, where);
    const bool is_and = fn == "Fn::And";
    for (const auto& item : arg) {
      if (truth(item, where) != is_and) {
        return !is_and;
      }
    }
    return is_and;
  }
  if (fn == "Fn::FindInMap") {
    const Json& mappings = template_.body.value("Mappings", Json::object());
    const std::string map = text_of(eval(arg_at(arg, 0, where), where), where);
    const std::string top = text_of(eval(arg_at(arg, 1, where), where), where);
    const std::string second = text_of(eval(arg_at(arg, 2, where), where), where);
    if (!mappings.contains(map) || !mappings[map].contains(top) ||
        !mappings[map][top].contains(second)) {
      throw TemplateError(where + ": Mappings." + map + "." + top + "." + second +
                          " does not exist");
    }
    return mappings[map][top][second];
  }
  if (fn == "Fn::Base64") {
    return base64_encode(text_of(eval(arg, where), where));
  }
  if (fn == "Fn::Transform") {
    return include(arg, where);
  }
  throw TemplateError(where + ": the intrinsic function " + fn + " is not supported");
}

}  // namespace preflight::harness
