#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulator/storage/database.h"

// Row helpers the Cognito store's files share (store.cpp, store_sign_in.cpp).
namespace preflight::cognito::rows {

inline std::string sql(const char* columns, const char* rest) {
  return std::string(columns) + rest;
}

template <typename T, typename Read>
std::optional<T> one(core::Query&& q, Read read) {
  if (!q.step()) {
    return std::nullopt;
  }
  return read(q);
}

template <typename T, typename Read>
std::vector<T> all(core::Query&& q, Read read) {
  std::vector<T> out;
  while (q.step()) {
    out.push_back(read(q));
  }
  return out;
}

}  // namespace preflight::cognito::rows
