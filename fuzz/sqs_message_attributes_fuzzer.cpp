// libFuzzer target: SQS message attributes and message bodies, checked on every SendMessage.
// The input is parsed as JSON (MessageAttributes, then MessageSystemAttributes); attributes that
// pass get their MD5 digest (what SDKs verify) and are selected as ReceiveMessage would.
// Non-JSON input is checked as a message body. Rejection is allowed only as an AwsError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/service/aws_error.h"
#include "services/sqs/message_attributes.h"

namespace {

using preflight::Json;
namespace sqs = preflight::sqs;

void digest_and_select(const sqs::CheckedAttributes& checked) {
  if (checked.attributes.is_null()) {
    return;
  }
  if (sqs::attributes_md5(checked.attributes).size() != 32) {
    std::abort();  // a hex MD5 digest
  }
  std::vector<std::string> names = {"All", ".*"};
  for (const auto& [name, value] : checked.attributes.items()) {
    names.push_back(name.substr(0, name.size() / 2) + ".*");
  }
  (void)sqs::select_attributes(checked.attributes, names);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)sqs::valid_message_text(text);
  const Json attributes = Json::parse(text, nullptr, false);
  if (attributes.is_discarded()) {
    return 0;
  }
  try {
    digest_and_select(sqs::check_message_attributes(&attributes));
  } catch (const preflight::core::AwsError&) {
  }
  try {
    digest_and_select(sqs::check_system_attributes(&attributes));
  } catch (const preflight::core::AwsError&) {
  }
  return 0;
}
