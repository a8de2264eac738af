#pragma once

#include <string>
#include <utility>
#include <vector>

#include "emulator/service/service.h"

// Shorthands for rest-json operation tables: `using namespace core::rest;` then
// op("GetFunction", handler, "GET", "/2015-03-31/functions/{FunctionName}", 200,
//    {query("Qualifier", "Qualifier")}).
namespace preflight::core::rest {

inline Operation op(std::string name, Handler handler, std::string method, std::string uri,
                    int status = 200, std::vector<Binding> in = {}, std::vector<Binding> out = {}) {
  Operation o{std::move(name), std::move(handler)};
  o.rest = {std::move(method), std::move(uri), status, std::move(in), std::move(out)};
  return o;
}

inline Binding query(std::string member, std::string key, ValueType type = ValueType::String) {
  return {std::move(member), Location::Query, std::move(key), type};
}

inline Binding header(std::string member, std::string name) {
  return {std::move(member), Location::Header, std::move(name)};
}

inline Binding payload(std::string member) {
  return {std::move(member), Location::Payload, ""};
}

inline std::vector<Binding> with(std::vector<Binding> a, const std::vector<Binding>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace preflight::core::rest
