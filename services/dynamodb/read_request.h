#pragma once

#include "emulator/service/request_context.h"
#include "services/dynamodb/backend.h"
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/reader.h"

namespace preflight::dynamodb {

// What Query and Scan share before the walk: table and index, Select, projection, filter,
// Limit, ExclusiveStartKey, consistency; and after it: the response.
struct ReadRequest {
  TablePtr table;
  const IndexDef* index = nullptr;
  bool consistent = false;
  ReadPlan plan;
  std::optional<expr::Projection> projection;
  std::optional<expr::Condition> filter;
};

// filter_member: "QueryFilter" or "ScanFilter"; key_condition: parsed by the caller (Query).
ReadRequest read_request(Backend& backend, const core::RequestContext& ctx, const Json& input,
                         expr::Placeholders& placeholders, const char* filter_member);

// Points the plan's filter and projection at the request's; the request must outlive the walk
// (and not move after this).
void bind_filter_and_projection(ReadRequest& request);

Json read_response(const ReadRequest& request, const ReadResult& result, const Json& input);

}  // namespace preflight::dynamodb
