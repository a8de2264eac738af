#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/service/environment.h"
#include "emulator/service/request_context.h"
#include "services/lambda/async_invoker.h"
#include "services/lambda/code_cache.h"
#include "services/lambda/event_sources.h"
#include "services/lambda/names.h"
#include "services/lambda/pool.h"
#include "services/lambda/store.h"

namespace preflight::lambda {

// The version an invocation runs, after the qualifier and an alias's weights have chosen it.
struct Target {
  Json config;               // that version's FunctionConfiguration
  std::string version;       // "$LATEST" or "N": X-Amz-Executed-Version
  std::string invoked_arn;   // the ARN as invoked (with its alias or version)
  std::string function_key;  // account/region/name
  std::int64_t reserved_concurrency = -1;
  std::string account_id;
  std::string region;
};

// Lambda's state: the store, unpacked code, warm runtime instances.
class Backend : public std::enable_shared_from_this<Backend> {
 public:
  explicit Backend(core::Environment& env);

  core::Environment& env() { return env_; }
  Store& store() { return store_; }
  CodeCache& code() { return code_; }
  Pool& pool() { return pool_; }
  AsyncInvoker& async() { return async_; }
  EventSources& sources() { return sources_; }

  // The function a reference names; throws ResourceNotFoundException.
  Function function(const FunctionRef& ref);
  // A version's configuration: "$LATEST" (or empty) or a published number. An alias is not a
  // version. Throws ResourceNotFoundException.
  Json version_config(const FunctionRef& ref, const Function& f, std::string_view version);
  // The qualifier resolved to a configuration, following an alias to its primary version.
  Json qualified_config(const FunctionRef& ref);
  // What an invocation runs, with an alias's weighted routing applied.
  Target target(const FunctionRef& ref);

  // Runs one invocation of a target. Internal callers (event source mappings, async invokes)
  // wait for capacity instead of being refused.
  boost::asio::awaitable<InvokeOutcome> run(const Target& target, std::string payload,
                                            std::string client_context, bool wait_for_capacity);

  // After a change to a function: warm instances of old code or configuration retire.
  void changed(const FunctionRef& ref);
  // The database was emptied or replaced (/_preflight/reset, restore).
  void forget_all();

 private:
  core::Environment& env_;
  Store store_;
  CodeCache code_;
  Pool pool_;
  AsyncInvoker async_{*this};
  EventSources sources_{*this};
};

std::string function_key(std::string_view account, std::string_view region, std::string_view name);

}  // namespace preflight::lambda
