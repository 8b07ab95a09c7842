#include "server/api/api_call.hpp"

#include "server/api/json_body.hpp"

namespace minegate::server::api {

ApiReply JsonReply(const google::protobuf::Message& message, int status) {
  ApiReply reply;
  reply.status = status;
  reply.content_type = std::string(kJsonContentType);
  reply.body = ToJson(message);
  return reply;
}

ApiReply ProblemReply(ApiProblem problem) {
  ApiReply reply;
  reply.status = problem.status;
  reply.content_type = std::string(kProblemContentType);
  reply.body = ProblemBody(problem);
  reply.problem = std::move(problem);
  return reply;
}

ApiReply NoContent() {
  ApiReply reply;
  reply.status = 204;
  return reply;
}

}  // namespace minegate::server::api
