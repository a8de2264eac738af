// AWS::SQS::Queue: CreateQueue, then SetQueueAttributes for what a redeploy changes.
#include "harness/deploy/resource_type.h"

namespace preflight::harness {

namespace {

const std::set<std::string> kAttributes = {"VisibilityTimeout",
                                           "MessageRetentionPeriod",
                                           "DelaySeconds",
                                           "MaximumMessageSize",
                                           "ReceiveMessageWaitTimeSeconds",
                                           "RedrivePolicy",
                                           "RedriveAllowPolicy",
                                           "FifoQueue",
                                           "ContentBasedDeduplication",
                                           "DeduplicationScope",
                                           "FifoThroughputLimit",
                                           "KmsMasterKeyId",
                                           "KmsDataKeyReusePeriodSeconds",
                                           "SqsManagedSseEnabled"};

// SQS attributes are strings; policies are JSON documents written as strings.
std::string attribute_text(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? "true" : "false";
  }
  return value.dump();
}

// Policies compare by content: {"maxReceiveCount": 1} equals {"maxReceiveCount":"1"}.
Json comparable(const std::string& name, const std::string& text) {
  if (name != "RedrivePolicy" && name != "RedriveAllowPolicy") {
    return text;
  }
  Json doc = Json::parse(text, nullptr, false);
  if (!doc.is_object()) {
    return text;
  }
  for (auto& [key, value] : doc.items()) {
    value = attribute_text(value);
  }
  return doc;
}

Deployed deploy(DeployContext& c, const std::string& id, const Json& props) {
  const bool fifo = boolean_property(props, "FifoQueue");
  std::string name = c.physical_name(id, field(props, "QueueName"), fifo ? 75 : 80);
  if (fifo && !name.ends_with(".fifo")) {
    name += ".fifo";
  }
  Json wanted = Json::object();
  for (const auto& [key, value] : props.items()) {
    if (kAttributes.contains(key)) {
      wanted[key] = attribute_text(value);
    }
  }
  std::string url;
  std::string arn;
  std::string what;
  try {
    url = c.aws.call("sqs", "GetQueueUrl", {{"QueueName", name}})["QueueUrl"];
  } catch (const AwsCallError& e) {
    if (!is_not_found(e)) {
      throw;
    }
  }
  if (url.empty()) {
    Json in = {{"QueueName", name}, {"Attributes", wanted}};
    if (const Json& tags = field(props, "Tags"); tags.is_array()) {
      in["tags"] = Json::object();
      for (const auto& tag : tags) {
        in["tags"][tag.value("Key", "")] = tag.value("Value", "");
      }
    }
    url = c.aws.call("sqs", "CreateQueue", in)["QueueUrl"];
    arn =
        c.aws.call("sqs", "GetQueueAttributes",
                   {{"QueueUrl", url}, {"AttributeNames", {"QueueArn"}}})["Attributes"]["QueueArn"];
    what = "created";
  } else {
    const Json have = c.aws.call("sqs", "GetQueueAttributes",
                                 {{"QueueUrl", url}, {"AttributeNames", {"All"}}})["Attributes"];
    arn = have.value("QueueArn", "");
    Json changed = Json::object();
    for (const auto& [key, value] : wanted.items()) {
      const std::string now = have.value(key, "");
      if (comparable(key, now) != comparable(key, value.get<std::string>())) {
        changed[key] = value;
        what += (what.empty() ? "updated " : ", ") + key;
      }
    }
    if (!changed.empty()) {
      c.aws.call("sqs", "SetQueueAttributes", {{"QueueUrl", url}, {"Attributes", changed}});
    }
  }
  c.report(id, "queue " + name + ": " + (what.empty() ? "unchanged" : what));
  Deployed d{url};
  d.attributes = {{"Arn", arn}, {"QueueName", name}, {"QueueUrl", url}};
  return d;
}

}  // namespace

const ResourceType kSqsQueue = {
    "AWS::SQS::Queue",
    {"QueueName", "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
     "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "RedriveAllowPolicy",
     "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
     "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled", "Tags"},
    {"Arn", "QueueName", "QueueUrl"},
    &deploy};

}  // namespace preflight::harness
