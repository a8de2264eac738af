#include "services/sqs/tags.h"

#include "services/sqs/errors.h"

namespace preflight::sqs {

std::map<std::string, std::string> checked_tags(const Json* tags) {
  std::map<std::string, std::string> out;
  if (tags == nullptr) {
    return out;
  }
  if (tags->size() > kMaxTags) {
    throw errors::invalid_parameter("Too many tags added for queue. The maximum is 50.");
  }
  for (const auto& [key, value] : tags->items()) {
    if (key.empty() || key.size() > 128) {
      throw errors::invalid_parameter("Tag keys must be between 1 and 128 characters in length.");
    }
    if (!value.is_string() || value.get_ref<const std::string&>().size() > 256) {
      throw errors::invalid_parameter("Tag values must be strings of at most 256 characters.");
    }
    out[key] = value.get<std::string>();
  }
  return out;
}

}  // namespace preflight::sqs
