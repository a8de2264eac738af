#include <array>

#include "services/dynamodb/expression/check.h"
#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/expression/parser.h"
#include "services/dynamodb/expression/path_tree.h"
#include "services/dynamodb/expression/value_ops.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::expr {
namespace {

constexpr std::string_view kKind = "UpdateExpression";

std::string_view section_name(UpdateAction::Kind kind) {
  constexpr std::array<std::string_view, 4> kNames = {"SET", "REMOVE", "ADD", "DELETE"};
  return kNames[static_cast<std::size_t>(kind)];
}

// The source-order walk: paths, functions and where they are used, and each section used once
// (reported when the repeated section ends, as DynamoDB's walker reports it).
void walk_update(const std::vector<UpdateSection>& sections) {
  std::array<bool, 4> seen{};
  for (const UpdateSection& section : sections) {
    for (const UpdateAction& action : section.actions) {
      walk_path(action.path, kKind);
      if (action.kind == UpdateAction::Kind::Set) {
        const int nesting = action.right ? 1 : 0;
        walk_operand(action.left, FunctionContext::Update, nesting, kKind);
        if (action.right) {
          walk_operand(*action.right, FunctionContext::Update, nesting, kKind);
        }
      }
    }
    bool& used = seen[static_cast<std::size_t>(section.kind)];
    if (used) {
      throw errors::validation("Invalid UpdateExpression: The \"" +
                               std::string(section_name(section.kind)) +
                               "\" section can only be used once in an update expression;");
    }
    used = true;
  }
}

// ADD takes a number or a set, DELETE a set.
void check_operand_type(const UpdateAction& action, const Validator& validator) {
  const Type type = value_type(action.left.value);
  const bool add = action.kind == UpdateAction::Kind::Add;
  const bool allowed = is_set_type(type) || (add && type == Type::N);
  if (!allowed) {
    validator.fail("Incorrect operand type for operator or function; operator: " +
                   std::string(section_name(action.kind)) +
                   ", operand type: " + std::string(long_type_name(type)) + ", typeSet: " +
                   (add ? "ALLOWED_FOR_ADD_OPERAND" : "ALLOWED_FOR_DELETE_OPERAND"));
  }
}

}  // namespace

std::set<std::string> Update::top_level_names() const {
  std::set<std::string> names;
  for (const Path& path : paths) {
    names.insert(path.front().name);
  }
  return names;
}

Update parse_update(std::string_view text, Placeholders& placeholders) {
  check_expression_text(text, kKind);
  const std::vector<UpdateSection> sections = parse_update_syntax(text, kKind);
  walk_update(sections);

  Update update;
  for (const UpdateSection& section : sections) {
    update.actions.insert(update.actions.end(), section.actions.begin(), section.actions.end());
  }
  // DynamoDB validates the actions last to first: first every target path (names, nesting,
  // overlaps), then every value.
  Validator validator(placeholders, kKind);
  PathTree tree;
  for (auto it = update.actions.rbegin(); it != update.actions.rend(); ++it) {
    validator.path(it->path);
    tree.add(it->path, static_cast<int>(it - update.actions.rbegin()), kKind);
  }
  for (auto it = update.actions.rbegin(); it != update.actions.rend(); ++it) {
    switch (it->kind) {
      case UpdateAction::Kind::Set:
        if (it->right) {
          validator.arithmetic(it->arithmetic, it->left, *it->right);
        } else {
          validator.operand(it->left);
        }
        break;
      case UpdateAction::Kind::Add:
      case UpdateAction::Kind::Delete:
        validator.operand(it->left);
        check_operand_type(*it, validator);
        break;
      case UpdateAction::Kind::Remove:
        break;
    }
  }
  for (const UpdateAction& action : update.actions) {
    update.paths.push_back(action.path);
  }
  return update;
}

}  // namespace preflight::dynamodb::expr
