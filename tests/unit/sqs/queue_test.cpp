#include "services/sqs/queue.h"

#include <gtest/gtest.h>

#include "tests/unit/support/aws_error.h"

namespace preflight::sqs {
namespace {

using core::testing::thrown_aws_error;

TEST(QueueName, StandardAndFifo) {
  EXPECT_NO_THROW(check_queue_name("orders-1_a", false));
  EXPECT_NO_THROW(check_queue_name("orders.fifo", true));
  EXPECT_EQ(thrown_aws_error([] { check_queue_name("orders", true); }).code,
            "InvalidParameterValue");
  EXPECT_EQ(thrown_aws_error([] { check_queue_name("orders.fifo", false); }).code,
            "InvalidParameterValue");
  EXPECT_EQ(thrown_aws_error([] { check_queue_name(std::string(81, 'a'), false); }).code,
            "InvalidParameterValue");
  EXPECT_EQ(thrown_aws_error([] { check_queue_name("", false); }).code, "InvalidParameterValue");
}

TEST(QueueAttributes, DefaultsAreSqsDefaults) {
  Queue queue;
  EXPECT_EQ(queue.attribute("VisibilityTimeout"), "30");
  EXPECT_EQ(queue.attribute("MaximumMessageSize"), "1048576");
  EXPECT_EQ(queue.attribute("MessageRetentionPeriod"), "345600");
  EXPECT_EQ(queue.number("DelaySeconds"), 0);
  queue.attributes["FifoQueue"] = "true";
  EXPECT_EQ(queue.attribute("DeduplicationScope"), "queue");
  EXPECT_EQ(queue.attribute("FifoThroughputLimit"), "perQueue");
}

TEST(QueueAttributes, RangesNamesAndQueueTypes) {
  const auto code = [](const Json& attributes, bool fifo = false) {
    return thrown_aws_error([&] { check_queue_attributes(attributes, true, fifo); }).code;
  };
  EXPECT_EQ(code({{"VisibilityTimeout", "43201"}}), "InvalidAttributeValue");
  EXPECT_EQ(code({{"DelaySeconds", "x"}}), "InvalidAttributeValue");
  EXPECT_EQ(code({{"MaximumMessageSize", "1048577"}}), "InvalidAttributeValue");
  EXPECT_EQ(code({{"Bogus", "1"}}), "InvalidAttributeName");
  EXPECT_EQ(code({{"QueueArn", "x"}}), "InvalidAttributeName");
  EXPECT_EQ(code({{"ContentBasedDeduplication", "true"}}), "InvalidAttributeName");
  EXPECT_EQ(code({{"DeduplicationScope", "everything"}}, true), "InvalidAttributeValue");
  EXPECT_EQ(thrown_aws_error([] {
              check_queue_attributes({{"FifoQueue", "true"}}, false, true);
            }).code,
            "InvalidAttributeValue");
  const auto ok = check_queue_attributes(
      {{"DeduplicationScope", "messageGroup"}, {"FifoThroughputLimit", "perMessageGroupId"}}, true,
      true);
  EXPECT_EQ(ok.at("FifoThroughputLimit"), "perMessageGroupId");
}

TEST(RedrivePolicy, CheckedAndRead) {
  const std::string dlq = "arn:aws:sqs:us-east-1:000000000000:dlq";
  const auto policy = R"({"deadLetterTargetArn":")" + dlq + R"(","maxReceiveCount":"3"})";
  Queue queue;
  queue.attributes = check_queue_attributes({{"RedrivePolicy", policy}}, true, false);
  ASSERT_TRUE(queue.redrive());
  EXPECT_EQ(queue.redrive()->dead_letter_arn, dlq);
  EXPECT_EQ(queue.redrive()->max_receive_count, 3);

  const auto code = [](const std::string& value, bool fifo = false) {
    return thrown_aws_error([&] {
             check_queue_attributes({{"RedrivePolicy", value}}, true, fifo);
           })
        .code;
  };
  EXPECT_EQ(code("{"), "InvalidParameterValue");
  EXPECT_EQ(code(R"({"maxReceiveCount":3})"), "InvalidParameterValue");
  EXPECT_EQ(code(R"({"deadLetterTargetArn":")" + dlq + R"(","maxReceiveCount":0})"),
            "InvalidParameterValue");
  EXPECT_EQ(code(R"({"deadLetterTargetArn":")" + dlq + R"(","maxReceiveCount":2})", true),
            "InvalidParameterValue");
}

TEST(RedriveAllowPolicy, DecidesWhichSourcesMayUseADeadLetterQueue) {
  Queue dlq;
  EXPECT_TRUE(allows_dead_letter_source(dlq, "arn:a"));
  dlq.attributes["RedriveAllowPolicy"] = R"({"redrivePermission":"denyAll"})";
  EXPECT_FALSE(allows_dead_letter_source(dlq, "arn:a"));
  dlq.attributes["RedriveAllowPolicy"] =
      R"({"redrivePermission":"byQueue","sourceQueueArns":["arn:a"]})";
  EXPECT_TRUE(allows_dead_letter_source(dlq, "arn:a"));
  EXPECT_FALSE(allows_dead_letter_source(dlq, "arn:b"));
  EXPECT_EQ(thrown_aws_error([] {
              check_queue_attributes({{"RedriveAllowPolicy", R"({"redrivePermission":"byQueue"})"}},
                                     true, false);
            }).code,
            "InvalidParameterValue");
}

}  // namespace
}  // namespace preflight::sqs
