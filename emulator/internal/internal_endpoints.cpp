#include "emulator/internal/internal_endpoints.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "emulator/common/json.h"
#include "emulator/common/strings.h"
#include "emulator/common/version.h"
#include "emulator/protocol/json_body.h"
#include "emulator/storage/database.h"

namespace preflight::core {
namespace {

HttpResponse json_response(int status, const Json& body) {
  HttpResponse res;
  res.status = status;
  res.headers.add("Content-Type", "application/json");
  res.body = dump_json(body);
  return res;
}

HttpResponse error_response(int status, std::string message) {
  return json_response(status, Json{{"error", std::move(message)}});
}

std::string query_param(const HttpRequest& request, std::string_view key) {
  for (const auto& [k, v] : parse_form(request.query).value_or(FormParams{})) {
    if (k == key) {
      return v;
    }
  }
  return {};
}

// A temporary file next to the data (or in /tmp), removed when this goes out of scope.
class TempFile {
 public:
  explicit TempFile(const std::string& dir) {
    path_ = (dir.empty() ? std::string("/tmp") : dir) + "/preflight-snapshot-XXXXXX";
    const int fd = mkstemp(path_.data());
    if (fd < 0) {
      throw std::runtime_error("cannot create a temporary file in " + dir);
    }
    close(fd);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

HttpResponse InternalEndpoints::handle(const HttpRequest& request) {
  const std::string_view path = request.path;
  try {
    if (path == "/_preflight/health" && request.method == "GET") {
      return health();
    }
    if (path == "/_preflight/reset" && request.method == "POST") {
      return reset();
    }
    if (path == "/_preflight/snapshot" && request.method == "POST") {
      return snapshot(request);
    }
    if (path == "/_preflight/restore" && request.method == "POST") {
      return restore(request);
    }
  } catch (const std::exception& e) {
    return error_response(400, e.what());
  }
  return error_response(404, "No Preflight endpoint " + request.method + " " + request.path);
}

HttpResponse InternalEndpoints::health() const {
  using namespace std::chrono;
  Json services = Json::object();
  for (const auto& s : registry_.services()) {
    Json state = s->health ? s->health() : Json::object();
    state["state"] = "running";
    state["operations"] = s->operations.size();
    services[s->name] = std::move(state);
  }
  const auto uptime = duration<double>(steady_clock::now() - env_.started).count();
  return json_response(
      200, Json{{"status", "running"},
                {"version", kVersion},
                {"uptime_seconds", uptime},
                {"region", env_.config.region},
                {"persistence",
                 env_.config.data_dir.empty() ? Json("memory") : Json(env_.config.data_dir)},
                {"services", std::move(services)}});
}

void InternalEndpoints::after_state_replaced() {
  for (const auto& s : registry_.services()) {
    if (s->on_reset) {
      s->on_reset();
    }
  }
}

HttpResponse InternalEndpoints::reset() {
  env_.db.reset();
  after_state_replaced();
  return json_response(200, Json{{"status", "reset"}});
}

HttpResponse InternalEndpoints::snapshot(const HttpRequest& request) {
  if (auto path = query_param(request, "path"); !path.empty()) {
    env_.db.backup_to(path);
    return json_response(200, Json{{"status", "saved"}, {"path", path}});
  }
  TempFile file(env_.config.data_dir);
  std::remove(file.path().c_str());
  env_.db.backup_to(file.path());
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  HttpResponse res;
  res.headers.add("Content-Type", "application/vnd.sqlite3");
  res.headers.add("Content-Disposition", "attachment; filename=\"preflight-snapshot.db\"");
  res.body = std::move(bytes).str();
  return res;
}

HttpResponse InternalEndpoints::restore(const HttpRequest& request) {
  if (auto path = query_param(request, "path"); !path.empty()) {
    env_.db.restore_from(path);
  } else {
    if (request.body.empty()) {
      return error_response(400, "restore needs a snapshot: ?path=FILE or the file as the body");
    }
    TempFile file(env_.config.data_dir);
    {
      std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
      out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
    }
    env_.db.restore_from(file.path());
  }
  after_state_replaced();
  return json_response(200, Json{{"status", "restored"}});
}

}  // namespace preflight::core
