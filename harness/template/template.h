#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>

#include "emulator/common/json.h"

namespace preflight::harness {

// A template the harness cannot deploy: a syntax error, an unknown resource type or property, a
// reference to nothing, a missing file. The message names the place ("Resources.Fn.Properties").
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A SAM/CloudFormation template as read from disk: short-form tags (!Ref, !Sub, !GetAtt, ...)
// turned into their long forms, SAM Globals merged into each function and API, parameters bound.
struct Template {
  std::filesystem::path file;  // relative CodeUri and AWS::Include locations start at its folder
  Json body;                   // the whole template, Globals applied
  std::map<std::string, std::string> parameters;  // every declared parameter's value
};

// Reads TEMPLATE (YAML or JSON), applies Globals and binds `overrides` (--param K=V) over the
// parameters' defaults; checks AllowedValues and that every parameter has a value.
Template load_template(const std::filesystem::path& file,
                       const std::map<std::string, std::string>& overrides);

// A YAML or JSON file with CloudFormation's short-form tags (also AWS::Include snippets): a
// regular file of at most 16 MiB, else a TemplateError.
Json read_cloudformation_file(const std::filesystem::path& file);

// The same for text already read; `source` names it in errors.
Json parse_cloudformation(std::string_view text, const std::string& source);

// load_template for a body already parsed (`file` still anchors relative paths).
Template make_template(const std::filesystem::path& file, Json body,
                       const std::map<std::string, std::string>& overrides);

}  // namespace preflight::harness
