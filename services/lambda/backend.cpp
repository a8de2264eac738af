#include "services/lambda/backend.h"

#include <random>

#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "services/lambda/code/zip_archive.h"
#include "services/lambda/errors.h"
#include "services/lambda/runtimes.h"

namespace preflight::lambda {

namespace asio = boost::asio;

namespace {

std::string text(const Json& config, const char* member, std::string fallback = {}) {
  const auto it = config.find(member);
  return it != config.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::int64_t number(const Json& config, const char* member, std::int64_t fallback) {
  const auto it = config.find(member);
  return it != config.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

double random_unit() {
  static std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace

std::string function_key(std::string_view account, std::string_view region, std::string_view name) {
  std::string key(account);
  key.append("/").append(region).append("/").append(name);
  return key;
}

Backend::Backend(core::Environment& env)
    : env_(env), store_(env.db), code_(env.config.data_dir, env.executor), pool_(env.executor) {}

Function Backend::function(const FunctionRef& ref) {
  auto f = store_.function(ref.account_id, ref.region, ref.name);
  if (!f) {
    throw errors::function_not_found(ref.arn());
  }
  return std::move(*f);
}

Json Backend::version_config(const FunctionRef& ref, const Function& f, std::string_view version) {
  if (version.empty() || version == kLatest) {
    return f.latest;
  }
  if (is_version_number(version)) {
    if (auto config = store_.version(ref.account_id, ref.region, ref.name,
                                     std::stoll(std::string(version)))) {
      return std::move(*config);
    }
  }
  throw errors::function_not_found(function_arn(ref.region, ref.account_id, ref.name, version));
}

Json Backend::qualified_config(const FunctionRef& ref) {
  const Function f = function(ref);
  if (ref.qualifier.empty() || ref.qualifier == kLatest || is_version_number(ref.qualifier)) {
    return version_config(ref, f, ref.qualifier);
  }
  const auto alias = store_.alias(ref.account_id, ref.region, ref.name, ref.qualifier);
  if (!alias) {
    throw errors::function_not_found(ref.qualified_arn());
  }
  return version_config(ref, f, (*alias)["FunctionVersion"].get<std::string>());
}

Target Backend::target(const FunctionRef& ref) {
  const Function f = function(ref);
  Target t;
  t.function_key = function_key(ref.account_id, ref.region, ref.name);
  t.reserved_concurrency = f.reserved_concurrency.value_or(-1);
  t.account_id = ref.account_id;
  t.region = ref.region;
  t.invoked_arn = ref.qualified_arn();
  std::string version = ref.qualifier.empty() ? std::string(kLatest) : ref.qualifier;
  if (version != kLatest && !is_version_number(version)) {
    const auto alias = store_.alias(ref.account_id, ref.region, ref.name, version);
    if (!alias) {
      throw errors::function_not_found(ref.qualified_arn());
    }
    version = (*alias)["FunctionVersion"].get<std::string>();
    // RoutingConfig.AdditionalVersionWeights: each extra version takes its share of requests.
    if (const auto rc = alias->find("RoutingConfig"); rc != alias->end() && rc->is_object()) {
      if (const auto w = rc->find("AdditionalVersionWeights"); w != rc->end() && w->is_object()) {
        double pick = random_unit();
        for (const auto& [extra, weight] : w->items()) {
          const double share = weight.is_number() ? weight.get<double>() : 0.0;
          if (pick < share) {
            version = extra;
            break;
          }
          pick -= share;
        }
      }
    }
  }
  t.config = version_config(ref, f, version);
  t.version = version;
  return t;
}

asio::awaitable<InvokeOutcome> Backend::run(const Target& t, std::string payload,
                                            std::string client_context, bool wait_for_capacity) {
  const Json& c = t.config;
  const std::string sha = text(c, "CodeSha256");
  std::filesystem::path dir;
  try {
    // Arguments are made before the co_await: GCC 12 mishandles temporaries inside it.
    const std::function<std::optional<std::string>()> load = [&] { return store_.code(sha); };
    dir = co_await code_.directory(sha, load);
  } catch (const ZipError& e) {
    throw errors::service_error(std::string("The function's code could not be unpacked: ") +
                                e.what());
  }
  const std::string runtime = text(c, "Runtime");
  auto argv = runtime_command(env_.config, runtime, dir, code_.runtimes());
  const std::int64_t timeout_s = number(c, "Timeout", 3);
  const std::int64_t memory_mb = number(c, "MemorySize", 128);
  const std::string name = text(c, "FunctionName");

  Invocation inv;
  inv.request_id = new_uuid();
  inv.payload = std::move(payload);
  inv.invoked_arn = t.invoked_arn;
  inv.client_context = std::move(client_context);
  inv.deadline_ms = unix_now_ms() + timeout_s * 1000;

  Pool::Limits limits;
  limits.reserved = t.reserved_concurrency;
  limits.account = std::stoll(env_.config.option("lambda.concurrency", "32"));
  const std::function<Pool::Limits()> current_limits = [this, &t, limits] {
    auto now = limits;
    const auto f = store_.function(t.account_id, t.region, t.config.value("FunctionName", ""));
    now.reserved = f ? f->reserved_concurrency.value_or(-1) : -1;
    return now;
  };
  const std::string pool_key = t.function_key + "|" + t.version + "|" + text(c, "RevisionId");

  const std::function<std::shared_ptr<Instance>()> make_instance = [&]() {
    InstanceSpec spec;
    spec.function_key = t.function_key;
    spec.pool_key = pool_key;
    spec.version = t.version;
    spec.memory_mb = memory_mb;
    spec.timeout_s = timeout_s;
    const std::string group = "/aws/lambda/" + name;
    auto logs = std::make_shared<LogSink>(env_, core::CallerScope{t.account_id, t.region}, group,
                                          new_log_stream_name(t.version));
    const auto& [key, secret] = *env_.config.credentials.begin();
    const char* path = std::getenv("PATH");
    std::vector<std::pair<std::string, std::string>> vars = {
        {"PATH", path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin"},
        {"LANG", "en_US.UTF-8"},
        {"TZ", ":UTC"},
        {"HOME", std::getenv("HOME") != nullptr ? std::getenv("HOME") : "/tmp"},
        {"LAMBDA_TASK_ROOT", dir.string()},
        {"LAMBDA_RUNTIME_DIR", code_.runtimes().string()},
        {"_HANDLER", text(c, "Handler")},
        {"AWS_EXECUTION_ENV", "AWS_Lambda_" + runtime},
        {"AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"},
        {"AWS_REGION", t.region},
        {"AWS_DEFAULT_REGION", t.region},
        {"AWS_ACCESS_KEY_ID", key},
        {"AWS_SECRET_ACCESS_KEY", secret},
        {"AWS_LAMBDA_FUNCTION_NAME", name},
        {"AWS_LAMBDA_FUNCTION_VERSION", t.version},
        {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", std::to_string(memory_mb)},
        {"AWS_LAMBDA_LOG_GROUP_NAME", group},
        {"AWS_LAMBDA_LOG_STREAM_NAME", logs->stream()},
        {"AWS_ENDPOINT_URL", "http://127.0.0.1:" + std::to_string(env_.bound_port)},
        {"PYTHONUNBUFFERED", "1"},
    };
    // The function's own variables; AWS's reserved names were refused when they were set.
    if (const auto e = c.find("Environment"); e != c.end() && e->contains("Variables")) {
      for (const auto& [k, v] : (*e)["Variables"].items()) {
        std::erase_if(vars, [&](const auto& kv) { return kv.first == k; });
        vars.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
      }
    }
    for (const auto& [k, v] : vars) {
      spec.spawn.env.push_back(k + "=" + v);
    }
    spec.spawn.argv = argv;
    spec.spawn.cwd = dir.string();
    return std::make_shared<Instance>(env_.executor, std::move(spec), std::move(logs));
  };
  co_return co_await pool_.invoke(t.function_key, pool_key, std::move(inv), limits,
                                  wait_for_capacity, current_limits, make_instance);
}

void Backend::changed(const FunctionRef& ref) {
  pool_.retire_function(function_key(ref.account_id, ref.region, ref.name));
}

void Backend::forget_all() {
  async_.forget_all();
  sources_.forget_all();
  pool_.retire_all();
  // After a restore, what the restored state holds runs (after a reset there is nothing).
  async_.resume();
  sources_.resume();
}

}  // namespace preflight::lambda
