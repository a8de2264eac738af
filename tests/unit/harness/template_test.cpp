// The template reader and the intrinsic functions, on templates written to a temporary folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/deploy/code_zip.h"
#include "harness/deploy/stack.h"
#include "harness/gate/gate.h"
#include "harness/template/intrinsics.h"

namespace preflight::harness {
namespace {

namespace fs = std::filesystem;

class Folder {
 public:
  Folder()
      : path_(fs::temp_directory_path() / ("preflight-template-" + std::to_string(::getpid()) +
                                           "-" + std::to_string(counter_++))) {
    fs::create_directories(path_);
  }
  ~Folder() { fs::remove_all(path_); }
  fs::path write(const std::string& name, const std::string& text) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

// Resolves Ref/GetAtt of resources to recognisable strings.
class FakeRefs : public References {
 public:
  Json ref(const std::string& name) const override { return "ref:" + name; }
  Json get_att(const std::string& name, const std::string& attribute) const override {
    return "att:" + name + "." + attribute;
  }
};

Json evaluate(const Template& t, const Json& node) {
  FakeRefs refs;
  Evaluator e(t, {{"AWS::Region", "eu-west-1"}, {"AWS::AccountId", "123456789012"}}, refs);
  return e.eval(node, "test");
}

TEST(TemplateTest, ShortFormTagsBecomeLongForms) {
  Folder f;
  const auto file = f.write("template.yaml", R"(Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      A: !Ref X
      B: !GetAtt Q.Arn
      C: !Sub "${AWS::Region}-${Q}"
      D: !Join [",", [a, !Ref X]]
      E: !If [Cond, 1, 2]
)");
  const Template t = load_template(file, {});
  const Json& p = t.body["Resources"]["Q"]["Properties"];
  EXPECT_EQ(p["A"], (Json{{"Ref", "X"}}));
  EXPECT_EQ(p["B"], (Json{{"Fn::GetAtt", {"Q", "Arn"}}}));
  EXPECT_EQ(p["C"], (Json{{"Fn::Sub", "${AWS::Region}-${Q}"}}));
  EXPECT_EQ(p["D"]["Fn::Join"][1][1], (Json{{"Ref", "X"}}));
  EXPECT_EQ(p["E"], (Json{{"Fn::If", {"Cond", 1, 2}}}));
}

TEST(TemplateTest, GlobalsMergeMapsAppendListsAndLetResourcesWin) {
  Folder f;
  const auto file = f.write("template.yaml", R"(Globals:
  Function:
    Runtime: python3.11
    Timeout: 3
    Environment: {Variables: {A: "1", B: "2"}}
    Layers: [g]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 9
      Environment: {Variables: {B: "3"}}
      Layers: [own]
  Q:
    Type: AWS::SQS::Queue
)");
  const Template t = load_template(file, {});
  const Json& p = t.body["Resources"]["Fn"]["Properties"];
  EXPECT_EQ(p["Runtime"], "python3.11");
  EXPECT_EQ(p["Timeout"], 9);
  EXPECT_EQ(p["Environment"]["Variables"], (Json{{"A", "1"}, {"B", "3"}}));
  EXPECT_EQ(p["Layers"], (Json{"g", "own"}));
  EXPECT_FALSE(t.body["Resources"]["Q"].contains("Properties"));
  EXPECT_FALSE(t.body.contains("Globals"));
}

TEST(TemplateTest, ParametersTakeOverridesThenDefaultsAndCheckAllowedValues) {
  Folder f;
  const auto file = f.write("template.yaml", R"(Parameters:
  Size: {Type: String, Default: s, AllowedValues: [s, m]}
  Count: {Type: Number, Default: 3}
Resources:
  Q: {Type: AWS::SQS::Queue}
)");
  EXPECT_EQ(load_template(file, {}).parameters.at("Size"), "s");
  EXPECT_EQ(load_template(file, {}).parameters.at("Count"), "3");
  EXPECT_EQ(load_template(file, {{"Size", "m"}}).parameters.at("Size"), "m");
  EXPECT_THROW(load_template(file, {{"Size", "xl"}}), TemplateError);
  EXPECT_THROW(load_template(file, {{"Nope", "1"}}), TemplateError);
}

TEST(TemplateTest, ListParametersAreListsAndUnsupportedTypesAreErrors) {
  Folder f;
  const auto file = f.write("template.yaml", R"(Parameters:
  Zones: {Type: CommaDelimitedList, Default: "a, b"}
  Ids: {Type: "List<Number>", Default: "1,2"}
Resources:
  Q: {Type: AWS::SQS::Queue}
)");
  const Template t = load_template(file, {});
  EXPECT_EQ(evaluate(t, Json{{"Ref", "Zones"}}), (Json{"a", "b"}));
  EXPECT_EQ(evaluate(t, Json{{"Fn::Select", {1, {{"Ref", "Ids"}}}}}), "2");
  const auto ssm = f.write("ssm.yaml", R"(Parameters:
  Secret: {Type: "AWS::SSM::Parameter::Value<String>", Default: /x}
Resources:
  Q: {Type: AWS::SQS::Queue}
)");
  EXPECT_THROW(load_template(ssm, {}), TemplateError);
}

TEST(TemplateTest, RejectsUnknownSectionsTransformsAndGlobals) {
  Folder f;
  EXPECT_THROW(load_template(f.write("a.yaml", "Resources: {}\nExtra: 1\n"), {}), TemplateError);
  EXPECT_THROW(load_template(f.write("b.yaml",
                                     "Transform: AWS::LanguageExtensions\n"
                                     "Resources: {}\n"),
                             {}),
               TemplateError);
  EXPECT_THROW(load_template(f.write("c.yaml", "Globals: {HttpApi: {}}\nResources: {}\n"), {}),
               TemplateError);
  EXPECT_THROW(load_template(f.write("d.yaml", "Resources:\n  A: {Properties: {}}\n"), {}),
               TemplateError);
  EXPECT_THROW(load_template(f.path() / "missing.yaml", {}), TemplateError);
}

class IntrinsicsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = folder_.write("template.yaml", R"(Parameters:
  Env: {Type: String, Default: beta}
Mappings:
  Sizes: {beta: {Memory: 128}, prod: {Memory: 1024}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsBeta: !Not [!Condition IsProd]
  Both: !And [!Condition IsBeta, !Or [!Condition IsProd, !Equals [a, a]]]
  Loop: !Condition Loop
Resources:
  Q: {Type: AWS::SQS::Queue}
)");
    folder_.write("snippet.yaml", "paths:\n  uri:\n    Fn::Sub: \"${Q.Arn}/${AWS::Region}\"\n");
    t_ = load_template(file_, {});
  }
  Json eval(const std::string& yaml) {
    const auto file = folder_.write("node.yaml", yaml);
    return evaluate(t_, read_cloudformation_file(file));
  }
  Folder folder_;
  fs::path file_;
  Template t_;
};

TEST_F(IntrinsicsTest, RefAndSub) {
  EXPECT_EQ(eval("!Ref Env"), "beta");
  EXPECT_EQ(eval("!Ref Q"), "ref:Q");
  EXPECT_EQ(eval("!Ref AWS::Region"), "eu-west-1");
  EXPECT_EQ(eval("!Sub \"${AWS::AccountId}:${Q}:${Q.Arn}:${!Literal}:${Env}\""),
            "123456789012:ref:Q:att:Q.Arn:${Literal}:beta");
  EXPECT_EQ(eval("!Sub [\"${A}-${B}\", {A: !Ref Env, B: x}]"), "beta-x");
  EXPECT_THROW(eval("!Ref Nowhere"), TemplateError);
  EXPECT_THROW(eval("!Ref AWS::Nothing"), TemplateError);
  EXPECT_THROW(eval("!Sub \"${unclosed\""), TemplateError);
}

TEST_F(IntrinsicsTest, ListsAndMaps) {
  EXPECT_EQ(eval("!Join [\"-\", [a, !Ref Env, 3]]"), "a-beta-3");
  EXPECT_EQ(eval("!Split [\",\", \"a,,b\"]"), (Json{"a", "", "b"}));
  EXPECT_EQ(eval("!Select [1, [x, y, z]]"), "y");
  EXPECT_EQ(eval("!Select [\"2\", !Split [\",\", \"a,b,c\"]]"), "c");
  EXPECT_THROW(eval("!Select [3, [x]]"), TemplateError);
  EXPECT_EQ(eval("!FindInMap [Sizes, !Ref Env, Memory]"), 128);
  EXPECT_THROW(eval("!FindInMap [Sizes, dev, Memory]"), TemplateError);
  EXPECT_EQ(eval("!Base64 hi"), "aGk=");
  EXPECT_THROW(eval("!ImportValue x"), TemplateError);
}

TEST_F(IntrinsicsTest, ConditionsAndNoValue) {
  EXPECT_EQ(eval("!If [IsProd, big, small]"), "small");
  EXPECT_EQ(eval("!If [Both, yes, no]"), "yes");
  EXPECT_EQ(eval("{a: !If [IsProd, 1, !Ref AWS::NoValue], b: 2}"), (Json{{"b", 2}}));
  EXPECT_EQ(eval("[1, !Ref AWS::NoValue, 3]"), (Json{1, 3}));
  EXPECT_THROW(eval("!If [Loop, a, b]"), TemplateError);
  EXPECT_THROW(eval("!If [Undefined, a, b]"), TemplateError);
}

TEST_F(IntrinsicsTest, IncludeReadsAndEvaluatesALocalFile) {
  const Json out =
      eval("Fn::Transform: {Name: AWS::Include, Parameters: {Location: snippet.yaml}}");
  EXPECT_EQ(out["paths"]["uri"], "att:Q.Arn/eu-west-1");
  EXPECT_THROW(eval("Fn::Transform: {Name: AWS::Include, Parameters: {Location: none.yaml}}"),
               TemplateError);
  EXPECT_THROW(eval("Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}"),
               TemplateError);
  EXPECT_THROW(eval("Fn::Transform: {Name: Other}"), TemplateError);
}

TEST(ReferencesTest, CollectsRefsGetAttsAndSubNamesWithoutSuffixesOrPseudoParameters) {
  std::set<std::string> out;
  collect_references(Json::parse(R"({"a": {"Ref": "Fn.Alias"}, "b": {"Fn::GetAtt": ["T", "Arn"]},
    "c": {"Fn::Sub": ["${X}${Y.Arn}${AWS::Region}${!Lit}${Local}", {"Local": {"Ref": "Z"}}]},
    "d": [{"Ref": "AWS::StackName"}]})"),
                     out);
  EXPECT_EQ(out, (std::set<std::string>{"Fn", "T", "X", "Y", "Z"}));
}

TEST(CheckTemplateTest, NamesTheProblem) {
  Folder f;
  auto check = [&](const std::string& resources) {
    try {
      check_template(load_template(f.write("t.yaml", "Resources:\n" + resources), {}));
      return std::string();
    } catch (const TemplateError& e) {
      return std::string(e.what());
    }
  };
  EXPECT_EQ(check("  Q: {Type: AWS::SQS::Queue}\n"), "");
  EXPECT_NE(check("  T: {Type: AWS::SNS::Topic}\n").find("AWS::SNS::Topic is not supported"),
            std::string::npos);
  EXPECT_NE(check("  Q: {Type: AWS::SQS::Queue, Properties: {Colour: red}}\n")
                .find("Resources.Q.Properties.Colour"),
            std::string::npos);
  EXPECT_NE(check("  Q: {Type: AWS::SQS::Queue, DependsOn: [Nope]}\n").find("DependsOn"),
            std::string::npos);
  EXPECT_NE(check("  A: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt B.QueueName}}\n"
                  "  B: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt A.QueueName}}\n")
                .find("cycle"),
            std::string::npos);
  EXPECT_NE(
      check("  Q: {Type: AWS::SQS::Queue}\nOutputs:\n  U: {Value: !Ref Q, Export: {Name: u}}\n")
          .find("Outputs.U.Export is not supported"),
      std::string::npos);
  EXPECT_NE(check("  T:\n    Type: AWS::DynamoDB::Table\n    Properties: {KeySchema: []}\n")
                .find("needs AttributeDefinitions"),
            std::string::npos);
}

TEST(CodeZipTest, SameFilesSameBytesAndPycacheIgnored) {
  Folder f;
  f.write("code/app.py", "print(1)\n");
  f.write("code/lib/util.py", "x = 2\n");
  const std::string first = zip_folder(f.path() / "code");
  f.write("code/__pycache__/app.cpython-311.pyc", "junk");
  fs::last_write_time(f.path() / "code" / "app.py", fs::file_time_type::clock::now());
  EXPECT_EQ(zip_folder(f.path() / "code"), first);
  EXPECT_EQ(code_sha256(first).size(), 44u);
  f.write("code/app.py", "print(2)\n");
  EXPECT_NE(zip_folder(f.path() / "code"), first);
  EXPECT_THROW(zip_folder(f.path() / "nope"), TemplateError);
}

TEST(GateEnvironmentTest, OutputsBecomeUpperSnakeCaseVariables) {
  EXPECT_EQ(upper_snake_case("UserPoolClientId"), "USER_POOL_CLIENT_ID");
  EXPECT_EQ(upper_snake_case("APIUrl"), "API_URL");
  EXPECT_EQ(upper_snake_case("BooksTableName"), "BOOKS_TABLE_NAME");
  EXPECT_EQ(upper_snake_case("Queue2Url"), "QUEUE2_URL");
  const auto env = stage_environment("beta", "http://x/beta", "http://127.0.0.1:1", "us-east-1",
                                     {{"UserPoolId", "p"}});
  EXPECT_EQ(env.at("USER_POOL_ID"), "p");
  EXPECT_EQ(env.at("API_URL"), "http://x/beta");
  EXPECT_EQ(env.at("PREFLIGHT_STAGE"), "beta");
  EXPECT_EQ(env.at("AWS_ENDPOINT_URL"), "http://127.0.0.1:1");
}

}  // namespace
}  // namespace preflight::harness
