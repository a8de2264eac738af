#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "emulator/service/credentials.h"
#include "emulator/service/token_verifier.h"

namespace preflight::core {

class Database;
class Registry;

struct Config {
  std::string host = "127.0.0.1";
  std::uint16_t port = 4566;
  std::string data_dir;  // empty: in-memory
  std::string region = "us-east-1";
  bool strict_auth = false;
  std::map<std::string, std::string> credentials{{"test", "test"}};  // access key -> secret
  // Service tuning from `serve --option NAME=VALUE`, e.g. dynamodb.ttl-sweep-seconds=1.
  std::map<std::string, std::string> options;

  std::string option(const std::string& name, const std::string& fallback) const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
};

// What every service may use: configuration, the database, the event loop, lifecycle hooks.
struct Environment {
  Config config;
  Database& db;
  boost::asio::any_io_executor executor;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::uint16_t bound_port = 0;  // the port actually listened on (--port 0 picks one)
  // Set by the service that issues temporary credentials (STS); empty otherwise.
  CredentialLookup issued_credentials;
  // Set by the service that issues JWTs (Cognito user pools); empty otherwise.
  TokenVerifier token_verifier;
  // Called once when shutdown begins, so waiting handlers (long polls) can answer early.
  std::vector<std::function<void()>> on_shutdown;
  // Every registered service, once registration is done: what call_service() dispatches to.
  const Registry* registry = nullptr;
};

}  // namespace preflight::core
