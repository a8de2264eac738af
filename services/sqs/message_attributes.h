#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "emulator/common/json.h"

// Message attributes and message system attributes: what SQS accepts, how much of the message
// size they use, and the MD5 digests SDKs verify.
namespace preflight::sqs {

// Checks MessageAttributes ({name: {DataType, StringValue | BinaryValue}}) and returns them
// normalised (only the members SQS keeps) with their size: names + types + values in bytes.
struct CheckedAttributes {
  Json attributes;  // null when there are none
  std::size_t size = 0;
};
CheckedAttributes check_message_attributes(const Json* attributes);
// MessageSystemAttributes: only AWSTraceHeader, a String.
CheckedAttributes check_system_attributes(const Json* attributes);

// MD5 over the attributes as AWS defines it: sorted by name, each as length-prefixed name,
// length-prefixed type, a transport byte (1 string, 2 binary) and the length-prefixed value.
// Empty when there are none.
std::string attributes_md5(const Json& attributes);

// The attributes a ReceiveMessage asked for: "All", ".*", "prefix.*" or exact names.
Json select_attributes(const Json& attributes, const std::vector<std::string>& names);

// Valid XML characters, as SQS requires of bodies and string values.
bool valid_message_text(std::string_view text);

}  // namespace preflight::sqs
