#include "services/sqs/errors.h"
#include "services/sqs/operations.h"
#include "services/sqs/params.h"
#include "services/sqs/tags.h"

namespace preflight::sqs {
namespace {

void save(Backend& b, const Queue& before, Queue after) {
  if (after.tags.size() > kMaxTags) {
    throw errors::invalid_parameter("Too many tags added for queue " + before.name + ".");
  }
  b.store().update_queue(after);
  b.forget(before);
}

}  // namespace

Result tag_queue(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  const Json* given = params::map(input, "Tags");
  if (given == nullptr) {
    throw errors::missing_parameter("Tags");
  }
  Queue updated = *queue;
  for (auto& [key, value] : checked_tags(given)) {
    updated.tags[key] = std::move(value);
  }
  save(b, *queue, std::move(updated));
  co_return Json();
}

Result untag_queue(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  const auto keys = params::strings(input, "TagKeys");
  if (keys.empty()) {
    throw errors::missing_parameter("TagKeys");
  }
  Queue updated = *queue;
  for (const auto& key : keys) {
    updated.tags.erase(key);
  }
  save(b, *queue, std::move(updated));
  co_return Json();
}

Result list_queue_tags(Backend& b, core::RequestContext& ctx, const Json& input) {
  const auto queue = b.queue(ctx, input);
  if (queue->tags.empty()) {
    co_return Json::object();
  }
  co_return Json{{"Tags", queue->tags}};
}

}  // namespace preflight::sqs
