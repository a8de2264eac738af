#include "emulator/common/yaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "emulator/common/yaml_scalar.h"

namespace preflight {

YamlError::YamlError(const std::string& message, int line, int column)
    : std::runtime_error(line > 0 ? "YAML line " + std::to_string(line) + ", column " +
                                        std::to_string(column) + ": " + message
                                  : "YAML: " + message),
      line_(line),
      column_(column) {}

namespace {

constexpr std::string_view kCoreTagPrefix = "tag:yaml.org,2002:";

[[noreturn]] void fail(const std::string& message, const YAML::Mark& mark) {
  throw YamlError(message, std::max(0, mark.line + 1), std::max(0, mark.column + 1));
}

// A tag written `!Name` (not the bare "!" that quoted scalars carry, not a `!!core` tag).
bool is_local_tag(const std::string& tag) {
  return tag.size() > 1 && tag[0] == '!';
}

// Walks yaml-cpp's node graph into Json. Aliases share nodes in that graph, so the walk is what
// expands them; the budgets are charged here, per node produced.
class Converter {
 public:
  Converter(const YamlTagHook* hook, const YamlLimits& limits) : hook_(hook), limits_(limits) {}

  Json convert(const YAML::Node& node, std::size_t depth) {
    if (depth > limits_.max_depth) {
      fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels", node.Mark());
    }
    if (++nodes_ > limits_.max_nodes) {
      fail("document too large once aliases are expanded", node.Mark());
    }
    const std::string& tag = node.Tag();
    Json value;
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        // A tagged empty node is an empty scalar of that tag (`!Ref` alone, `!!str`).
        value = tag.empty() || tag == "?" || tag == std::string(kCoreTagPrefix) + "null"
                    ? Json(nullptr)
                    : Json("");
        break;
      case YAML::NodeType::Scalar:
        return scalar(node, tag);
      case YAML::NodeType::Sequence:
        value = Json::array();
        for (const auto& item : node) {
          value.push_back(convert(item, depth + 1));
        }
        break;
      case YAML::NodeType::Map:
        value = map(node, depth);
        break;
    }
    return apply_hook(tag, std::move(value));
  }

 private:
  Json scalar(const YAML::Node& node, const std::string& tag) {
    const std::string& text = node.Scalar();
    scalar_bytes_ += text.size();
    if (scalar_bytes_ > limits_.max_scalar_bytes) {
      fail("document too large once aliases are expanded", node.Mark());
    }
    if (tag == "?") {
      return yaml_scalar::plain_value(text);
    }
    if (tag.starts_with(kCoreTagPrefix)) {
      const std::string_view kind = std::string_view(tag).substr(kCoreTagPrefix.size());
      if (kind == "int" || kind == "float" || kind == "bool" || kind == "null") {
        Json typed = yaml_scalar::plain_value(text);
        const bool ok = (kind == "int" && typed.is_number_integer()) ||
                        (kind == "float" && typed.is_number()) ||
                        (kind == "bool" && typed.is_boolean()) ||
                        (kind == "null" && typed.is_null());
        if (!ok) {
          fail("'" + text + "' is not a valid !!" + std::string(kind), node.Mark());
        }
        return kind == "float" ? Json(typed.get<double>()) : typed;
      }
      return text;
    }
    return apply_hook(tag, Json(text));
  }

  Json map(const YAML::Node& node, std::size_t depth) {
    Json object = Json::object();
    std::vector<Json> merges;
    for (const auto& entry : node) {
      const YAML::Node& key_node = entry.first;
      if (!key_node.IsScalar() && !key_node.IsNull()) {
        fail("only scalar mapping keys are supported", key_node.Mark());
      }
      const std::string key = key_node.IsNull() ? "null" : key_node.Scalar();
      if (key == "<<" && key_node.Tag() == "?") {
        merges.push_back(convert(entry.second, depth + 1));
        continue;
      }
      if (object.contains(key)) {
        fail("duplicate mapping key '" + key + "'", key_node.Mark());
      }
      object[key] = convert(entry.second, depth + 1);
    }
    // Merge keys: the mapping's own keys win, then earlier merged mappings over later ones.
    for (const Json& merge : merges) {
      const auto take = [&](const Json& source) {
        if (!source.is_object()) {
          fail("a merge key (<<) needs a mapping or a list of mappings", node.Mark());
        }
        for (const auto& [k, v] : source.items()) {
          if (!object.contains(k)) {
            object[k] = v;
          }
        }
      };
      if (merge.is_array()) {
        for (const Json& source : merge) {
          take(source);
        }
      } else {
        take(merge);
      }
    }
    return object;
  }

  Json apply_hook(const std::string& tag, Json value) {
    if (hook_ != nullptr && *hook_ && is_local_tag(tag)) {
      return (*hook_)(tag, std::move(value));
    }
    return value;
  }

  const YamlTagHook* hook_;
  const YamlLimits& limits_;
  std::size_t nodes_ = 0;
  std::size_t scalar_bytes_ = 0;
};

// Counts documents and nothing else; used to refuse multi-document streams.
class DocumentCounter : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// YAML::LoadAll is not used: yaml-cpp 0.7 loops forever (allocating) on some invalid input,
// e.g. a stream starting with ',' (fixed upstream in 2024, jbeder/yaml-cpp#1319). So: at most two
// bounded document passes to refuse streams, then YAML::Load for the one document.
YAML::Node load_single_document(const std::string& text) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentCounter counter;
  int documents = 0;
  while (documents < 2 && parser.HandleNextDocument(counter)) {
    ++documents;
  }
  if (documents > 1) {
    throw YamlError("expected one YAML document, found several");
  }
  return YAML::Load(text);
}

Json parse(std::string_view text, const YamlTagHook* hook, const YamlLimits& limits) {
  YAML::Node document;
  try {
    document = load_single_document(std::string(text));
  } catch (const YAML::ParserException& e) {
    fail(e.msg, e.mark);
  } catch (const YAML::Exception& e) {
    fail(e.msg, e.mark);
  }
  if (!document.IsDefined()) {
    return nullptr;
  }
  try {
    return Converter(hook, limits).convert(document, 0);
  } catch (const YAML::Exception& e) {
    fail(e.msg, e.mark);
  }
}

}  // namespace

Json parse_yaml(std::string_view text, const YamlLimits& limits) {
  return parse(text, nullptr, limits);
}

Json parse_yaml(std::string_view text, const YamlTagHook& hook, const YamlLimits& limits) {
  return parse(text, &hook, limits);
}

Json parse_json_or_yaml(std::string_view text, const YamlLimits& limits) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
    bool too_deep = false;
    const auto depth_guard = [&](int depth, Json::parse_event_t, Json&) {
      if (static_cast<std::size_t>(depth) > limits.max_depth) {
        too_deep = true;
      }
      return !too_deep;
    };
    Json value = Json::parse(text, depth_guard, /*allow_exceptions=*/false);
    if (too_deep) {
      throw YamlError("nesting deeper than " + std::to_string(limits.max_depth) + " levels");
    }
    if (!value.is_discarded()) {
      return value;
    }
    // Not JSON after all; flow-style YAML ({a: 1}) starts the same way.
  }
  return parse_yaml(text, limits);
}

}  // namespace preflight
