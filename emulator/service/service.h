#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/common/json.h"

namespace preflight::core {

struct RequestContext;

enum class Protocol { Json, RestJson, Query };
std::string_view protocol_name(Protocol p);

// The one handler shape: AWS member names in, AWS member names out. Handlers never see HTTP.
using Handler = std::function<boost::asio::awaitable<Json>(RequestContext&, const Json&)>;

// Adapts a handler that also needs its service's state (a store, runtime objects):
// {"SendMessage", bind_state(state, &send_message)}.
template <typename State>
Handler bind_state(std::shared_ptr<State> state,
                   boost::asio::awaitable<Json> (*fn)(State&, RequestContext&, const Json&)) {
  return [state = std::move(state), fn](RequestContext& ctx, const Json& input) {
    return fn(*state, ctx, input);
  };
}

// ---- rest-json hints: what the URI template and the model's "location" traits say ----
enum class Location { Query, Header, StatusCode, Payload };
enum class ValueType { String, Integer, Boolean, StringList };

struct Binding {
  std::string member;  // AWS member name
  Location location;
  std::string name;  // query key or header name; unused for StatusCode/Payload
  ValueType type = ValueType::String;
};

struct RestHints {
  std::string method;  // "POST"
  std::string uri;     // "/2015-03-31/functions/{FunctionName}/invocations"; labels
                       // bind path segments to members, {name+} is greedy
  int success_status = 200;
  std::vector<Binding> input;   // query strings, headers and a raw payload member
  std::vector<Binding> output;  // headers, status code and a raw payload member
};

// ---- query-protocol hints: how member names and shapes differ on the form / XML wire ----
struct QueryRule {
  enum class Kind { List, Map, Integer, Boolean, Timestamp };
  Kind kind;
  std::string wire;    // name on the wire: form key segment or XML element ("Attribute")
  std::string member;  // JSON member name ("Attributes"); defaults to wire
  bool flattened = true;
  // Maps: the entry's key and value element names, in both the flattened form (SQS:
  // Attribute.N.Name / .Value) and the entry-wrapped one (Tags.entry.N.key / .value).
  std::string key_name = "Name";
  std::string value_name = "Value";
  // Applies to responses only: a form key of the same name stays itself (SQS's
  // ListDeadLetterSourceQueues takes a QueueUrl and answers with QueueUrl elements).
  bool output_only = false;
};

struct Operation {
  std::string name;  // "GetCallerIdentity"
  Handler handler;
  RestHints rest;                      // rest-json services only
  std::size_t body_limit = 0;          // 0: the service's limit
  std::vector<QueryRule> query_rules;  // query protocol: rules of this operation only
  // Called by end users without AWS credentials (Cognito's SignUp, InitiateAuth): --strict-auth
  // lets it through unsigned, yet still verifies a signature that is present.
  bool unsigned_ok = false;
};

struct ServiceInfo {
  std::string name;                  // "sts": logs, health and --list-operations
  std::string signing_name;          // SigV4 credential-scope service name
  std::vector<Protocol> protocols;   // the first is the one errors use when nothing else says
  std::string json_target_prefix;    // X-Amz-Target prefix, e.g. "DynamoDB_20120810"
  std::string json_version = "1.0";  // application/x-amz-json-<version>
  std::string
      json_error_namespace;   // prepended to __type, e.g. "com.amazonaws.dynamodb.v20120810#"
  std::string query_version;  // form Version, e.g. "2011-06-15"
  std::string xml_namespace;  // xmlns of query responses
  std::vector<QueryRule> query_rules;
  std::size_t body_limit = 8 * 1024 * 1024;
  std::vector<Operation> operations;
  std::function<void()> on_reset;  // drop in-memory state after /_preflight/reset or restore
  std::function<Json()> health;    // extra health details; "running" when unset

  bool speaks(Protocol p) const;
  const Operation* find(std::string_view operation) const;
  std::size_t body_limit_for(const Operation* op) const;
  void index();  // builds the name index; called by Registry::add

 private:
  std::unordered_map<std::string_view, const Operation*> by_name_;
};

}  // namespace preflight::core
