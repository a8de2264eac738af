#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <string>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/common/strings.h"
#include "emulator/protocol/codec.h"
#include "emulator/protocol/query_codec.h"
#include "emulator/service/aws_error.h"
#include "tests/unit/support/aws_error.h"

namespace preflight::core {
namespace {

using testing::thrown_aws_error;

QueryRule rule(QueryRule::Kind kind, std::string wire, std::string member = "",
               bool flattened = true, std::string key_name = "Name",
               std::string value_name = "Value") {
  QueryRule r{kind};
  r.wire = std::move(wire);
  r.member = std::move(member);
  r.flattened = flattened;
  r.key_name = std::move(key_name);
  r.value_name = std::move(value_name);
  return r;
}

ServiceInfo query_service() {
  using Kind = QueryRule::Kind;
  ServiceInfo s;
  s.name = "fakeq";
  s.protocols = {Protocol::Query};
  s.query_version = "2012-11-05";
  s.xml_namespace = "http://queue.amazonaws.com/doc/2012-11-05/";
  s.query_rules = {
      rule(Kind::Map, "Attribute", "Attributes"),
      rule(Kind::List, "AttributeName", "AttributeNames"),
      rule(Kind::List, "Entry", "Entries"),
      rule(Kind::Map, "MessageAttribute", "MessageAttributes"),
      rule(Kind::Integer, "MaxNumberOfMessages"),
      rule(Kind::Boolean, "Enabled"),
      rule(Kind::List, "QueueUrl", "QueueUrls"),
      rule(Kind::Map, "Tag", "Tags", false),
      rule(Kind::Timestamp, "CreatedTimestamp"),
      rule(Kind::Map, "Policies", "Policies", false, "key", "value"),
      // SNS-style: an entry-wrapped map whose entries use Name/Value element names.
      rule(Kind::Map, "Labels", "Labels", false, "Name", "Value"),
  };
  return s;
}

// Parses a form string the way the router does, then decodes it.
Json decode_form(const ServiceInfo& service, std::string_view form) {
  const auto params = parse_form(form);
  EXPECT_TRUE(params.has_value()) << form;
  return query_codec::decode(service, nullptr, params.value_or(FormParams{}));
}

// ---------------------------------------------------------------- decode

TEST(QueryDecode, Table) {
  struct Case {
    std::string form;
    std::string expected;  // JSON
  };
  const std::vector<Case> cases = {
      {"QueueName=q", R"({"QueueName":"q"})"},
      {"QueueName=a%20b+c", R"({"QueueName":"a b c"})"},
      {"Action=CreateQueue&Version=2012-11-05&QueueName=q", R"({"QueueName":"q"})"},
      {"", "{}"},
      {"Action=ListQueues", "{}"},
      // Flattened map with a Map rule.
      {"Attribute.1.Name=A&Attribute.1.Value=1&Attribute.2.Name=B&Attribute.2.Value=2",
       R"({"Attributes":{"A":"1","B":"2"}})"},
      {"Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=30",
       R"({"Attributes":{"VisibilityTimeout":"30"}})"},
      // Flattened list with a List rule.
      {"AttributeName.1=All&AttributeName.2=Policy", R"({"AttributeNames":["All","Policy"]})"},
      {"AttributeName.1=All", R"({"AttributeNames":["All"]})"},
      // Numeric index order, not text order.
      {"AttributeName.10=ten&AttributeName.2=two&AttributeName.1=one",
       R"({"AttributeNames":["one","two","ten"]})"},
      // Numbered keys without a rule still become a list, in index order.
      {"Item.2=b&Item.1=a&Item.11=k", R"({"Item":["a","b","k"]})"},
      // Non-flattened list and map wrappers.
      {"Tags.member.1=x", R"({"Tags":["x"]})"},
      {"Tags.member.2=y&Tags.member.1=x", R"({"Tags":["x","y"]})"},
      {"Tags.entry.1.key=k&Tags.entry.1.value=v", R"({"Tags":{"k":"v"}})"},
      {"Tags.entry.1.key=k1&Tags.entry.1.value=v1&Tags.entry.2.key=k2&Tags.entry.2.value=v2",
       R"({"Tags":{"k1":"v1","k2":"v2"}})"},
      // A Map rule keeps a map that the non-flattened entry form already built.
      {"Policies.entry.1.key=p&Policies.entry.1.value=doc", R"({"Policies":{"p":"doc"}})"},
      // A map one of whose keys is the key element's own name is still a map.
      {"Policies.entry.1.key=Name&Policies.entry.1.value=web&Policies.entry.2.key=env&"
       "Policies.entry.2.value=p",
       R"({"Policies":{"Name":"web","env":"p"}})"},
      {"Labels.entry.1.Name=a&Labels.entry.1.Value.DataType=String&"
       "Labels.entry.1.Value.StringValue=x",
       R"({"Labels":{"a":{"DataType":"String","StringValue":"x"}}})"},
      {"Attribute.1.Name=Name&Attribute.1.Value=n&Attribute.2.Name=Value&Attribute.2.Value=v",
       R"({"Attributes":{"Name":"n","Value":"v"}})"},
      // Nested: a list of structures holding a flattened map of structures.
      {"Entry.1.Id=e1&Entry.1.MessageAttribute.1.Name=n"
       "&Entry.1.MessageAttribute.1.Value.StringValue=s"
       "&Entry.1.MessageAttribute.1.Value.DataType=String",
       R"({"Entries":[{"Id":"e1","MessageAttributes":{"n":{"StringValue":"s","DataType":"String"}}}]})"},
      {"Entry.2.Id=second&Entry.1.Id=first", R"({"Entries":[{"Id":"first"},{"Id":"second"}]})"},
      // Plain structures nest by dots.
      {"RedrivePolicy.maxReceiveCount=5&RedrivePolicy.deadLetterTargetArn=arn",
       R"({"RedrivePolicy":{"maxReceiveCount":"5","deadLetterTargetArn":"arn"}})"},
      // Integer and Boolean rules convert what parses and leave the rest as text.
      {"MaxNumberOfMessages=10", R"({"MaxNumberOfMessages":10})"},
      {"MaxNumberOfMessages=-3", R"({"MaxNumberOfMessages":-3})"},
      {"MaxNumberOfMessages=ten", R"({"MaxNumberOfMessages":"ten"})"},
      {"MaxNumberOfMessages=10x", R"({"MaxNumberOfMessages":"10x"})"},
      {"Enabled=true", R"({"Enabled":true})"},
      {"Enabled=false", R"({"Enabled":false})"},
      {"Enabled=yes", R"({"Enabled":"yes"})"},
      // Values keep '=' and percent-decoded characters.
      {"Body=a%3Db%26c", R"({"Body":"a=b&c"})"},
      {"Body=x=y", R"({"Body":"x=y"})"},
  };
  const auto service = query_service();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.form);
    EXPECT_EQ(decode_form(service, c.form), Json::parse(c.expected));
  }
}

TEST(QueryDecode, KeyNestedTooDeeplyIsMalformed) {
  const auto service = query_service();
  std::string ok_key = "A";
  for (int i = 1; i < 16; ++i) {
    ok_key += ".B";
  }
  EXPECT_NO_THROW(query_codec::decode(service, nullptr, {{ok_key, "v"}}));  // 16 segments

  const std::string deep_key = ok_key + ".C";  // 17 segments
  const AwsError e = thrown_aws_error([&] {
    query_codec::decode(service, nullptr, {{deep_key, "v"}});
  });
  EXPECT_EQ(e.code, "MalformedQueryString");
  EXPECT_EQ(e.status, 400);

  std::string very_deep(10000, '.');
  EXPECT_EQ(thrown_aws_error([&] {
              query_codec::decode(service, nullptr, {{very_deep, "v"}});
            }).code,
            "MalformedQueryString");
}

TEST(QueryDecode, ScalarAndStructureUnderOneNameDoNotCrash) {
  const auto service = query_service();
  EXPECT_NO_THROW(query_codec::decode(service, nullptr, {{"A", "1"}, {"A.B", "2"}}));
  EXPECT_NO_THROW(query_codec::decode(service, nullptr, {{"A.B", "2"}, {"A", "1"}}));
  EXPECT_NO_THROW(
      query_codec::decode(service, nullptr, {{"Attribute.1", "x"}, {"Attribute.1.Name", "n"}}));
}

// ---------------------------------------------------------------- encode

pugi::xml_document parse_xml(const std::string& text) {
  pugi::xml_document doc;
  const auto result = doc.load_string(text.c_str());
  EXPECT_TRUE(result) << result.description() << "\n" << text;
  return doc;
}

std::vector<std::string> texts(pugi::xml_node parent, const char* child) {
  std::vector<std::string> out;
  for (auto n : parent.children(child)) {
    out.emplace_back(n.text().get());
  }
  return out;
}

TEST(QueryEncode, ResponseEnvelope) {
  const auto service = query_service();
  const auto res = query_codec::encode(service, Operation{"GetQueueUrl"},
                                       Json{{"QueueUrl", "http://q"}}, "req-123");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get_or("content-type"), "text/xml");
  const auto doc = parse_xml(res.body);
  const auto root = doc.document_element();
  EXPECT_STREQ(root.name(), "GetQueueUrlResponse");
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://queue.amazonaws.com/doc/2012-11-05/");
  EXPECT_STREQ(root.child("GetQueueUrlResult").child_value("QueueUrl"), "http://q");
  EXPECT_STREQ(root.child("ResponseMetadata").child_value("RequestId"), "req-123");
}

TEST(QueryEncode, NullOutputHasNoResultElement) {
  const auto service = query_service();
  const auto res = query_codec::encode(service, Operation{"DeleteQueue"}, Json(), "rid");
  const auto doc = parse_xml(res.body);
  const auto root = doc.document_element();
  EXPECT_STREQ(root.name(), "DeleteQueueResponse");
  EXPECT_FALSE(root.child("DeleteQueueResult"));
  EXPECT_STREQ(root.child("ResponseMetadata").child_value("RequestId"), "rid");
}

// botocore's query parser looks the Result element up for every operation with an output
// shape: an empty ListQueues or ReceiveMessage still answers <...Result/>.
TEST(QueryEncode, EmptyOutputKeepsItsResultElement) {
  const auto service = query_service();
  const auto res = query_codec::encode(service, Operation{"ListQueues"}, Json::object(), "rid");
  const auto doc = parse_xml(res.body);
  const auto root = doc.document_element();
  EXPECT_TRUE(root.child("ListQueuesResult"));
  EXPECT_FALSE(root.child("ListQueuesResult").first_child());
}

TEST(QueryEncode, ArraysDefaultToMemberElements) {
  const auto service = query_service();
  const auto res = query_codec::encode(
      service, Operation{"ListThings"},
      Json{{"Items", {"a", "b"}}, {"Nested", Json::array({Json{{"Id", "1"}}})}}, "rid");
  const auto doc = parse_xml(res.body);
  const auto result = doc.document_element().child("ListThingsResult");
  EXPECT_EQ(texts(result.child("Items"), "member"), (std::vector<std::string>{"a", "b"}));
  EXPECT_STREQ(result.child("Nested").child("member").child_value("Id"), "1");
}

TEST(QueryEncode, FlattenedListRuleRepeatsTheWireElement) {
  const auto service = query_service();
  const auto res = query_codec::encode(service, Operation{"ListQueues"},
                                       Json{{"QueueUrls", {"http://q1", "http://q2"}}}, "rid");
  const auto doc = parse_xml(res.body);
  const auto result = doc.document_element().child("ListQueuesResult");
  EXPECT_EQ(texts(result, "QueueUrl"), (std::vector<std::string>{"http://q1", "http://q2"}));
  EXPECT_FALSE(result.child("QueueUrls"));
  EXPECT_FALSE(result.child("member"));
}

TEST(QueryEncode, FlattenedMapRuleWritesNameValuePairs) {
  const auto service = query_service();
  const auto res = query_codec::encode(
      service, Operation{"GetQueueAttributes"},
      Json{{"Attributes", {{"DelaySeconds", "0"}, {"VisibilityTimeout", "30"}}}}, "rid");
  const auto doc = parse_xml(res.body);
  const auto result = doc.document_element().child("GetQueueAttributesResult");
  EXPECT_FALSE(result.child("Attributes"));
  std::vector<std::pair<std::string, std::string>> pairs;
  for (auto attr : result.children("Attribute")) {
    pairs.emplace_back(attr.child_value("Name"), attr.child_value("Value"));
  }
  EXPECT_EQ(pairs, (std::vector<std::pair<std::string, std::string>>{{"DelaySeconds", "0"},
                                                                     {"VisibilityTimeout", "30"}}));
}

TEST(QueryEncode, NonFlattenedMapRuleWritesEntries) {
  const auto service = query_service();
  const auto res = query_codec::encode(service, Operation{"ListTags"},
                                       Json{{"Tags", {{"env", "prod"}, {"team", "a"}}}}, "rid");
  const auto doc = parse_xml(res.body);
  const auto tags = doc.document_element().child("ListTagsResult").child("Tags");
  ASSERT_TRUE(tags);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (auto entry : tags.children("entry")) {
    pairs.emplace_back(entry.child_value("Name"), entry.child_value("Value"));
  }
  EXPECT_EQ(pairs,
            (std::vector<std::pair<std::string, std::string>>{{"env", "prod"}, {"team", "a"}}));
}

TEST(QueryEncode, ScalarsBooleansNumbersAndTimestamps) {
  const auto service = query_service();
  const auto res = query_codec::encode(service, Operation{"Describe"},
                                       Json{{"Yes", true},
                                            {"No", false},
                                            {"Count", 42},
                                            {"Ratio", 1.5},
                                            {"CreatedTimestamp", 1440938160},
                                            {"Missing", nullptr},
                                            {"Struct", {{"Inner", "i"}, {"Flag", true}}}},
                                       "rid");
  const auto doc = parse_xml(res.body);
  const auto result = doc.document_element().child("DescribeResult");
  EXPECT_STREQ(result.child_value("Yes"), "true");
  EXPECT_STREQ(result.child_value("No"), "false");
  EXPECT_STREQ(result.child_value("Count"), "42");
  EXPECT_STREQ(result.child_value("Ratio"), "1.5");
  EXPECT_STREQ(result.child_value("CreatedTimestamp"), "2015-08-30T12:36:00Z");
  EXPECT_FALSE(result.child("Missing"));
  EXPECT_STREQ(result.child("Struct").child_value("Inner"), "i");
  EXPECT_STREQ(result.child("Struct").child_value("Flag"), "true");
}

TEST(QueryEncode, SpecialCharactersAreEscaped) {
  const auto service = query_service();
  const std::string nasty = "<a href=\"x\">&amp; 'q' ]]> </a>";
  const auto res =
      query_codec::encode(service, Operation{"GetQueueAttributes"},
                          Json{{"Body", nasty}, {"Attributes", {{nasty, nasty}}}}, "r<&>");
  const auto doc = parse_xml(res.body);
  const auto root = doc.document_element();
  const auto result = root.child("GetQueueAttributesResult");
  EXPECT_EQ(std::string(result.child_value("Body")), nasty);
  EXPECT_EQ(std::string(result.child("Attribute").child_value("Name")), nasty);
  EXPECT_EQ(std::string(result.child("Attribute").child_value("Value")), nasty);
  EXPECT_EQ(std::string(root.child("ResponseMetadata").child_value("RequestId")), "r<&>");
}

TEST(QueryEncode, ErrorResponse) {
  const auto service = query_service();
  struct Case {
    AwsError error;
    std::string type;
  };
  const std::vector<Case> cases = {
      {AwsError("AWS.SimpleQueueService.NonExistentQueue", "The queue <q> & does not exist.", 400,
                true),
       "Sender"},
      {errors::internal_failure(), "Receiver"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.error.code);
    const auto res = query_codec::encode_error(&service, c.error, "rid-1");
    EXPECT_EQ(res.status, c.error.status);
    EXPECT_EQ(res.headers.get_or("content-type"), "text/xml");
    const auto doc = parse_xml(res.body);
    const auto root = doc.document_element();
    EXPECT_STREQ(root.name(), "ErrorResponse");
    EXPECT_STREQ(root.attribute("xmlns").value(), "http://queue.amazonaws.com/doc/2012-11-05/");
    const auto err = root.child("Error");
    EXPECT_EQ(std::string(err.child_value("Type")), c.type);
    EXPECT_EQ(std::string(err.child_value("Code")), c.error.code);
    EXPECT_EQ(std::string(err.child_value("Message")), c.error.message);
    EXPECT_STREQ(root.child_value("RequestId"), "rid-1");
  }
}

TEST(QueryEncode, ErrorResponseWithoutAService) {
  const auto res = query_codec::encode_error(nullptr, errors::missing_action(), "rid");
  EXPECT_EQ(res.status, 400);
  const auto doc = parse_xml(res.body);
  const auto root = doc.document_element();
  EXPECT_STREQ(root.name(), "ErrorResponse");
  EXPECT_FALSE(root.attribute("xmlns"));
  EXPECT_STREQ(root.child("Error").child_value("Code"), "MissingAction");
  EXPECT_STREQ(root.child("Error").child_value("Type"), "Sender");
}

}  // namespace
}  // namespace preflight::core

namespace preflight::core {
namespace {

// An operation's own rules win over the service's: SQS names batch results per operation, and
// "Tag" is CreateQueue's "tags" but TagQueue's "Tags".
TEST(QueryRules, OperationRulesTakePrecedence) {
  using Kind = QueryRule::Kind;
  ServiceInfo service;
  service.name = "svc";
  service.xml_namespace = "urn:x";
  service.query_rules = {{Kind::Map, "Tag", "Tags", true, "Key", "Value"}};
  Operation create{"CreateQueue"};
  create.query_rules = {{Kind::Map, "Tag", "tags", true, "Key", "Value"},
                        {Kind::List, "ResultEntry", "Successful"}};
  const auto params = *parse_form("Tag.1.Key=team&Tag.1.Value=books");
  EXPECT_EQ(query_codec::decode(service, &create, params),
            Json::parse(R"({"tags":{"team":"books"}})"));
  EXPECT_EQ(query_codec::decode(service, nullptr, params),
            Json::parse(R"({"Tags":{"team":"books"}})"));

  const auto res =
      query_codec::encode(service, create, Json{{"Successful", Json::array({{{"Id", "a"}}})}}, "r");
  EXPECT_NE(res.body.find("<ResultEntry><Id>a</Id></ResultEntry>"), std::string::npos) << res.body;
}

// SQS's ListDeadLetterSourceQueues takes a QueueUrl parameter and answers with QueueUrl
// elements for its queueUrls list: an output-only rule renames the answer, not the input.
TEST(QueryRules, OutputOnlyRulesLeaveTheFormAlone) {
  using Kind = QueryRule::Kind;
  ServiceInfo service;
  service.name = "svc";
  Operation list{"ListDeadLetterSourceQueues"};
  QueryRule urls{Kind::List, "QueueUrl", "queueUrls"};
  urls.output_only = true;
  list.query_rules = {urls};
  EXPECT_EQ(query_codec::decode(service, &list, *parse_form("QueueUrl=http%3A%2F%2Fh%2F1%2Fq")),
            Json::parse(R"({"QueueUrl":"http://h/1/q"})"));
  const auto res = query_codec::encode(
      service, list, Json{{"queueUrls", Json::array({"http://h/1/a", "http://h/1/b"})}}, "r");
  EXPECT_NE(res.body.find("<QueueUrl>http://h/1/a</QueueUrl><QueueUrl>http://h/1/b</QueueUrl>"),
            std::string::npos)
      << res.body;
}

TEST(QueryErrors, QueryCodeIsTheXmlCodeAndAJsonHeader) {
  AwsError error("QueueDoesNotExist", "The specified queue does not exist.");
  error.query_code = "AWS.SimpleQueueService.NonExistentQueue";
  const auto xml = query_codec::encode_error(nullptr, error, "rid");
  EXPECT_NE(xml.body.find("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>"),
            std::string::npos);
  const auto json = encode_error(Protocol::Json, nullptr, error, "rid");
  EXPECT_EQ(json.headers.get_or("x-amzn-query-error"),
            "AWS.SimpleQueueService.NonExistentQueue;Sender");
  EXPECT_EQ(Json::parse(json.body)["__type"], "QueueDoesNotExist");
}

}  // namespace
}  // namespace preflight::core
