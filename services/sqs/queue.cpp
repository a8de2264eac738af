#include "services/sqs/queue.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "emulator/protocol/json_body.h"
#include "services/sqs/errors.h"

namespace preflight::sqs {
namespace {

struct NumericAttribute {
  const char* name;
  std::int64_t min;
  std::int64_t max;
  const char* fallback;
};

constexpr std::array kNumeric = {
    NumericAttribute{"DelaySeconds", 0, 900, "0"},
    NumericAttribute{"MaximumMessageSize", 1024, 1048576, "1048576"},
    NumericAttribute{"MessageRetentionPeriod", 60, 1209600, "345600"},
    NumericAttribute{"ReceiveMessageWaitTimeSeconds", 0, 20, "0"},
    NumericAttribute{"VisibilityTimeout", 0, 43200, "30"},
    NumericAttribute{"KmsDataKeyReusePeriodSeconds", 60, 86400, "300"},
};

constexpr std::array kReadOnly = {"ApproximateNumberOfMessages",
                                  "ApproximateNumberOfMessagesNotVisible",
                                  "ApproximateNumberOfMessagesDelayed",
                                  "CreatedTimestamp",
                                  "LastModifiedTimestamp",
                                  "QueueArn"};

constexpr std::array kOther = {"Policy",
                               "RedrivePolicy",
                               "RedriveAllowPolicy",
                               "KmsMasterKeyId",
                               "SqsManagedSseEnabled",
                               "FifoQueue",
                               "ContentBasedDeduplication",
                               "DeduplicationScope",
                               "FifoThroughputLimit"};

const NumericAttribute* numeric(const std::string& name) {
  for (const auto& a : kNumeric) {
    if (name == a.name) {
      return &a;
    }
  }
  return nullptr;
}

std::optional<std::int64_t> to_int(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return n;
}

void check_boolean(const std::string& name, const std::string& value) {
  if (value != "true" && value != "false") {
    throw errors::invalid_attribute_value(name);
  }
}

void check_json_object(const std::string& name, const std::string& value) {
  const Json parsed = Json::parse(value, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw errors::invalid_attribute_value(name);
  }
}

void check_redrive_policy(const std::string& value, bool fifo) {
  const Json policy = Json::parse(value, nullptr, false);
  if (policy.is_discarded() || !policy.is_object()) {
    throw errors::invalid_parameter("Value " + value +
                                    " for parameter RedrivePolicy is invalid. Reason: Invalid "
                                    "value for RedrivePolicy. Valid JSON is required.");
  }
  const auto target = policy.value("deadLetterTargetArn", std::string());
  const auto& count = policy.contains("maxReceiveCount") ? policy["maxReceiveCount"] : Json();
  const auto n = count.is_number_integer() ? std::optional(count.get<std::int64_t>())
                 : count.is_string()       ? to_int(count.get<std::string>())
                                           : std::nullopt;
  if (target.empty() || !n) {
    throw errors::invalid_parameter("Value " + value +
                                    " for parameter RedrivePolicy is invalid. Reason: Redrive "
                                    "policy is not a valid JSON map of deadLetterTargetArn and "
                                    "maxReceiveCount.");
  }
  if (*n < 1 || *n > 1000) {
    throw errors::invalid_parameter("Value " + value +
                                    " for parameter RedrivePolicy is invalid. Reason: Invalid "
                                    "value for maxReceiveCount: " +
                                    std::to_string(*n) +
                                    ", valid values are from 1 to 1000 both inclusive.");
  }
  if (fifo != target.ends_with(".fifo")) {
    throw errors::invalid_parameter(
        "Value " + value + " for parameter RedrivePolicy is invalid. Reason: " +
        (fifo ? "Dead-letter queue of a FIFO queue must be a FIFO queue."
              : "Dead-letter queue of a standard queue must be a standard queue."));
  }
}

void check_redrive_allow_policy(const std::string& value) {
  const Json policy = Json::parse(value, nullptr, false);
  const auto invalid = [&](std::string_view reason) {
    return errors::invalid_parameter(
        "Value " + value +
        " for parameter RedriveAllowPolicy is invalid. Reason: " + std::string(reason));
  };
  if (policy.is_discarded() || !policy.is_object()) {
    throw invalid("Invalid value for RedriveAllowPolicy. Valid JSON is required.");
  }
  const auto permission = policy.value("redrivePermission", std::string());
  if (permission != "allowAll" && permission != "denyAll" && permission != "byQueue") {
    throw invalid("Invalid value for redrivePermission: allowAll, denyAll or byQueue.");
  }
  const auto sources = policy.find("sourceQueueArns");
  const bool has_sources = sources != policy.end() && sources->is_array() && !sources->empty();
  if (permission == "byQueue" && (!has_sources || sources->size() > 10)) {
    throw invalid("The byQueue permission requires from 1 to 10 sourceQueueArns.");
  }
  if (permission != "byQueue" && sources != policy.end()) {
    throw invalid("sourceQueueArns is only allowed with the byQueue permission.");
  }
}

}  // namespace

bool allows_dead_letter_source(const Queue& dead_letter_queue, std::string_view source_arn) {
  const auto it = dead_letter_queue.attributes.find("RedriveAllowPolicy");
  if (it == dead_letter_queue.attributes.end() || it->second.empty()) {
    return true;
  }
  const Json policy = Json::parse(it->second, nullptr, false);
  const auto permission = policy.value("redrivePermission", std::string("allowAll"));
  if (permission == "denyAll") {
    return false;
  }
  if (permission == "byQueue") {
    const Json sources = policy.value("sourceQueueArns", Json::array());
    return std::find(sources.begin(), sources.end(), Json(source_arn)) != sources.end();
  }
  return true;
}

std::string Queue::arn() const {
  return "arn:aws:sqs:" + region + ":" + account_id + ":" + name;
}

bool Queue::fifo() const {
  const auto it = attributes.find("FifoQueue");
  return it != attributes.end() && it->second == "true";
}

std::string Queue::attribute(const std::string& attribute_name) const {
  if (const auto it = attributes.find(attribute_name); it != attributes.end()) {
    return it->second;
  }
  if (const auto* n = numeric(attribute_name)) {
    return n->fallback;
  }
  if (attribute_name == "SqsManagedSseEnabled") {
    return attributes.contains("KmsMasterKeyId") ? "false" : "true";
  }
  if (fifo()) {
    if (attribute_name == "ContentBasedDeduplication") {
      return "false";
    }
    if (attribute_name == "DeduplicationScope") {
      return "queue";
    }
    if (attribute_name == "FifoThroughputLimit") {
      return "perQueue";
    }
  }
  return {};
}

std::int64_t Queue::number(const std::string& attribute_name) const {
  return to_int(attribute(attribute_name)).value_or(0);
}

std::optional<Queue::Redrive> Queue::redrive() const {
  const auto it = attributes.find("RedrivePolicy");
  if (it == attributes.end() || it->second.empty()) {
    return std::nullopt;
  }
  const Json policy = Json::parse(it->second, nullptr, false);
  if (!policy.is_object()) {
    return std::nullopt;
  }
  const Json count = policy.value("maxReceiveCount", Json(0));
  return Redrive{
      policy.value("deadLetterTargetArn", std::string()),
      count.is_string() ? to_int(count.get<std::string>()).value_or(0) : count.get<std::int64_t>()};
}

bool is_queue_attribute(const std::string& attribute_name) {
  return numeric(attribute_name) != nullptr ||
         std::find(kReadOnly.begin(), kReadOnly.end(), attribute_name) != kReadOnly.end() ||
         std::find(kOther.begin(), kOther.end(), attribute_name) != kOther.end();
}

void check_queue_name(const std::string& name, bool fifo) {
  const std::string_view base =
      fifo && name.ends_with(".fifo") ? std::string_view(name).substr(0, name.size() - 5) : name;
  const bool valid_chars = std::all_of(base.begin(), base.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
  if (name.empty() || name.size() > 80 || base.empty() || !valid_chars) {
    throw errors::invalid_parameter(
        fifo ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or "
               "underscores, must end with .fifo suffix and be 1 to 80 in length."
             : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in "
               "length");
  }
  if (fifo && !name.ends_with(".fifo")) {
    throw errors::invalid_parameter(
        "The name of a FIFO queue can only include alphanumeric characters, hyphens, or "
        "underscores, must end with .fifo suffix and be 1 to 80 in length.");
  }
}

std::map<std::string, std::string> check_queue_attributes(const Json& attributes, bool creating,
                                                          bool fifo) {
  std::map<std::string, std::string> out;
  if (!attributes.is_object()) {
    return out;
  }
  for (const auto& [name, value_json] : attributes.items()) {
    const std::string value =
        value_json.is_string() ? value_json.get<std::string>() : core::dump_json(value_json);
    if (!is_queue_attribute(name) ||
        std::find(kReadOnly.begin(), kReadOnly.end(), name) != kReadOnly.end()) {
      throw errors::invalid_attribute_name(name);
    }
    if (const auto* n = numeric(name)) {
      const auto parsed = to_int(value);
      if (!parsed || *parsed < n->min || *parsed > n->max) {
        throw errors::invalid_attribute_value(name);
      }
    } else if (name == "FifoQueue") {
      if (!creating) {
        throw errors::invalid_attribute_value(name, "Modifying queue type is not supported.");
      }
      check_boolean(name, value);
    } else if (name == "ContentBasedDeduplication" || name == "SqsManagedSseEnabled") {
      check_boolean(name, value);
    } else if (name == "DeduplicationScope" && value != "queue" && value != "messageGroup") {
      throw errors::invalid_attribute_value(name);
    } else if (name == "FifoThroughputLimit" && value != "perQueue" &&
               value != "perMessageGroupId") {
      throw errors::invalid_attribute_value(name);
    } else if (name == "Policy" && !value.empty()) {
      check_json_object(name, value);
    } else if (name == "RedriveAllowPolicy" && !value.empty()) {
      check_redrive_allow_policy(value);
    } else if (name == "RedrivePolicy" && !value.empty()) {
      check_redrive_policy(value, fifo);
    }
    if (!fifo && (name == "ContentBasedDeduplication" || name == "DeduplicationScope" ||
                  name == "FifoThroughputLimit")) {
      throw errors::invalid_attribute_name(name);
    }
    out[name] = value;
  }
  return out;
}

}  // namespace preflight::sqs
